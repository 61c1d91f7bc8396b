"""Runs the generator's phases, several at a time, each on its own connection.

A phase starts once the phases it waits for have committed (households after every chunk
of partners, a program's applications after the programs and households, a cycle after
its program's applications and previous cycle, the index rebuild after everything). Each
phase is one transaction that records itself in g2p_generator_phase as it commits, so an
interrupted run resumes with the phases not recorded. Two connections keep both cores
busy: PostgreSQL's backend for one COPY stream is a single process.
"""

import sys
import threading
import time

import psycopg2

from .indexes import drop_indexes, rebuild_indexes, timer


class Runner:
    def __init__(self, db, plan, params, fast_checks, progress, done, context):
        self.db, self.plan, self.params, self.fast_checks = db, plan, params, fast_checks
        self.progress, self.done, self.context = progress, set(done), context
        self.lock = threading.Condition()
        self.running, self.connections = set(), []
        self.failure = None
        self.stopping = False

    def run(self, todo, jobs):
        self.pending = list(todo)
        threads = [threading.Thread(target=self._work, daemon=True) for _ in range(min(jobs, len(todo)))]
        for thread in threads:
            thread.start()
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)  # wakes up for Ctrl-C
        if self.failure:
            raise self.failure

    def stop(self):
        """Cancel the phases in progress (their transactions roll back)."""
        with self.lock:
            self.stopping = True
            self.lock.notify_all()
        for conn in self.connections:
            try:
                conn.cancel()
            except psycopg2.Error:
                pass

    def _next(self):
        """The first pending phase whose prerequisites are done, or None when all are taken."""
        with self.lock:
            while True:
                if self.stopping or not self.pending:
                    return None
                for index, phase in enumerate(self.pending):
                    if all(dep in self.done for dep in phase[2]):
                        self.running.add(phase[0])
                        return self.pending.pop(index)
                if not self.running:  # prerequisites that can never be met: a bug
                    self.failure = RuntimeError(f"no runnable phase among {[p[0] for p in self.pending]}")
                    return None
                self.lock.wait()

    def _work(self):
        conn = psycopg2.connect(dbname=self.db)
        self.connections.append(conn)
        cr = conn.cursor()
        try:
            while (phase := self._next()) is not None:
                name = phase[0]
                try:
                    self._run_phase(conn, cr, phase)
                except BaseException as error:
                    conn.rollback()
                    with self.lock:
                        if not self.stopping:
                            self.failure = error
                        self.stopping = True
                        self.running.discard(name)
                        self.lock.notify_all()
                    return
                with self.lock:
                    self.running.discard(name)
                    self.done.add(name)
                    self.lock.notify_all()
        finally:
            conn.close()

    def _run_phase(self, conn, cr, phase):
        name, fn, _deps = phase
        progress = self.progress
        progress.label = name
        ctx = self.context(cr, self.plan)
        t0 = time.monotonic()
        rows = Counter(progress)
        cr.execute("SET LOCAL synchronous_commit = off")
        if self.fast_checks:
            # The rows are consistent by construction: skip the per-row foreign key
            # triggers (superuser only; constraints and unique indexes still apply).
            cr.execute("SET LOCAL session_replication_role = replica")
        first = payload = None
        if name == "drop-indexes":
            payload = drop_indexes(cr)
        elif name == "rebuild-indexes":
            cr.execute("SELECT payload FROM g2p_generator_phase WHERE name = 'drop-indexes'")
            print(file=sys.stderr)
            rebuild_indexes(cr, cr.fetchone()[0], timer())
        else:
            first = fn(cr, ctx, rows)
        cr.execute(
            "INSERT INTO g2p_generator_phase (name, first_id, rows, seconds, params, payload) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            (name, first, rows.count, time.monotonic() - t0, self.params, payload),
        )
        conn.commit()


class Counter:
    """The shared progress bar, counting this phase's own rows too."""

    def __init__(self, progress):
        self.progress, self.count = progress, 0

    def advance(self, rows):
        self.count += rows
        self.progress.advance(rows)
