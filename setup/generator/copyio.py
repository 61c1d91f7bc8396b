"""Bulk writing: COPY in batches, id blocks taken from the tables' own sequences, progress."""

import io
import sys
import time


def q(value):
    """One value in COPY's text format (None is NULL)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return text


class Copier:
    """Writes rows to one table with COPY, ``batch`` rows at a time."""

    def __init__(self, cr, table, columns, progress, batch=50_000):
        self.cr, self.table, self.columns = cr, table, columns
        self.progress, self.batch = progress, batch
        self.buffer, self.count = [], 0

    def add(self, *values):
        self.buffer.append("\t".join(map(q, values)))
        if len(self.buffer) >= self.batch:
            self.flush()

    def flush(self):
        if not self.buffer:
            return
        data = io.StringIO("\n".join(self.buffer) + "\n")
        cols = ", ".join(f'"{c}"' for c in self.columns)
        self.cr.copy_expert(f"COPY {self.table} ({cols}) FROM STDIN", data)
        self.count += len(self.buffer)
        self.progress.advance(len(self.buffer))
        self.buffer = []


def reserve_ids(cr, table, count):
    """First id of a block of ``count`` ids of ``table``, taken from its sequence.

    The block is taken under a session advisory lock and the sequence moved past it, so
    phases running at the same time on other connections get disjoint blocks without
    locking the table until they commit. A phase rolled back leaves a gap, as a rolled
    back ORM transaction does.
    """
    cr.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table,))
    seq = cr.fetchone()[0]
    cr.execute("SELECT pg_advisory_lock(hashtext(%s))", (seq,))
    try:
        cr.execute(
            f"SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}),"
            f" (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {seq}))"
        )
        first = cr.fetchone()[0] + 1
        cr.execute("SELECT setval(%s, %s)", (seq, first + max(count, 1) - 1))
    finally:
        cr.execute("SELECT pg_advisory_unlock(hashtext(%s))", (seq,))
    return first


def next_sequence_numbers(cr, code, count):
    """First of ``count`` numbers of the ir.sequence ``code`` (standard implementation)."""
    cr.execute("SELECT id, number_increment FROM ir_sequence WHERE code = %s", (code,))
    seq_id, step = cr.fetchone()
    name = "ir_sequence_%03d" % seq_id
    cr.execute("SELECT pg_advisory_lock(hashtext(%s))", (name,))
    try:
        cr.execute(f"SELECT last_value, is_called FROM {name}")
        last, called = cr.fetchone()
        first = last + step if called else last
        cr.execute(f"SELECT setval('{name}', %s, true)", (first + (count - 1) * step,))
    finally:
        cr.execute("SELECT pg_advisory_unlock(hashtext(%s))", (name,))
    return first


class Progress:
    """A one-line progress bar with rate and ETA on stderr."""

    def __init__(self, total, label=""):
        self.total, self.done, self.label = max(total, 1), 0, label
        self.start = self.last = time.monotonic()
        self.tty = sys.stderr.isatty()

    def advance(self, rows):
        self.done += rows  # several phase threads: += on an int is atomic under the GIL
        now = time.monotonic()
        if now - self.last >= (0.5 if self.tty else 15) or self.done >= self.total:
            self.last = now
            self.show()

    def show(self):
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = self.done / elapsed
        share = min(self.done / self.total, 1.0)
        eta = (self.total - self.done) / rate if rate and self.done < self.total else 0
        bar = "#" * int(share * 30)
        line = (
            f"[{bar:<30}] {share:6.1%} {self.done:>11,}/{self.total:,} rows "
            f"{rate:>9,.0f}/s elapsed {fmt(elapsed)} ETA {fmt(eta)} {self.label[:28]:<28}"
        )
        sys.stderr.write(("\r" + line) if self.tty else line + "\n")
        sys.stderr.flush()


def fmt(seconds):
    seconds = int(seconds)
    return f"{seconds // 60:d}m{seconds % 60:02d}s"
