# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Row locks that serialize concurrent transactions on one record.

Odoo runs every request in a REPEATABLE READ transaction. Two requests that must not
both succeed (two submissions of one registrant, the same upload sent twice, two heads
named for one household) each check for the other's row, and each miss it while it is
uncommitted. ``lock_rows`` makes the second one wait for the first on a row they share:

- it takes the lock with a no-op ``UPDATE``, which creates a new row version: once the
  first transaction commits, the second one fails with a serialization error (its
  snapshot is too old), and Odoo retries the whole request with a fresh snapshot, in
  which the first one's work is visible;
- with ``nowait=True`` a transaction that would have to wait for the lock fails at once
  with :class:`RowsBusy` instead, so that a burst of requests for one record does not
  hold a database connection each while waiting (callers answer "try again shortly").
"""

from psycopg2 import errors

from odoo.tools import SQL


class RowsBusy(Exception):
    """Another transaction holds a lock on the rows (raised with ``nowait=True``)."""


def lock_rows(records, nowait=False):
    """Lock the database rows of ``records`` until the end of the transaction.

    Nothing is locked for an empty recordset or new (unsaved) records.
    """
    ids = tuple(sorted(id_ for id_ in records._ids if isinstance(id_, int)))
    if not ids:
        return
    cr = records.env.cr
    table = SQL.identifier(records._table)
    if nowait:
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT", table, ids))
        except errors.LockNotAvailable as busy:
            raise RowsBusy(records._name, ids) from busy
    cr.execute(SQL("UPDATE %s SET id = id WHERE id IN %s", table, ids))


def select_for_update(cr, query, params=(), of=None):
    """Run ``query`` (a SELECT) and lock the rows it returns until the end of the transaction.

    For a set known only by a condition (e.g. a range of a cycle's entitlements still in a
    state), where reading the ids first and locking them afterwards would let another
    transaction change them in between. ``of`` names the alias of the table whose rows
    are locked when the query joins others. Returns the fetched rows.
    """
    if of is not None and not (isinstance(of, str) and of.isidentifier()):
        raise ValueError(f"not a table alias: {of!r}")
    cr.execute(f"{query} FOR UPDATE{f' OF {of}' if of else ''}", params)
    return cr.fetchall()
