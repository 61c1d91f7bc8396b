"""Secondary indexes are dropped before the bulk load and built again at its end.

Maintaining a dozen btree and trigram indexes row by row costs more than writing the
rows; building each once at the end is several times faster. Primary keys and unique
indexes stay: they check the generated rows. The definitions dropped are kept in the
phase table, so an interrupted run builds them on resume; ``odoo-bin -u`` would also
recreate the ones Odoo declares.
"""

import json

from .copyio import fmt

TABLES = (
    "res_partner g2p_reg_id g2p_phone_number g2p_group_membership g2p_program_membership "
    "g2p_program_application g2p_program_application_status g2p_entitlement g2p_payment"
).split()


def drop_indexes(cr):
    """Drop the secondary indexes of the generated tables; return their definitions (JSON)."""
    cr.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
             JOIN pg_class c ON c.relname = i.indexname
             JOIN pg_index x ON x.indexrelid = c.oid
            WHERE i.tablename = ANY(%s) AND i.schemaname = current_schema()
              AND NOT x.indisunique AND NOT x.indisprimary
            ORDER BY i.indexname""",
        (list(TABLES),),
    )
    definitions = cr.fetchall()
    for name, _definition in definitions:
        cr.execute(f'DROP INDEX IF EXISTS "{name}"')
    return json.dumps(definitions)


def rebuild_indexes(cr, payload, report):
    """Build again the indexes dropped by drop_indexes (``payload``)."""
    cr.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for name, definition in json.loads(payload or "[]"):
        started = report(name)
        cr.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
        report(name, started)


def timer():
    import time

    def report(name, started=None):
        if started is None:
            return time.monotonic()
        print(f"  index {name} built in {fmt(time.monotonic() - started)}", flush=True)
        return None

    return report
