"""EXPLAIN of the SQL behind each page and admin call, run in-process.

Odoo is loaded in this process with its HTTP server on a thread; every query the
server runs while one request is served is recorded (psycopg2 keeps the final SQL of
each execute), then EXPLAINed: a Seq Scan on a big table is flagged, and the largest
number of rows any query returned is reported (a registrant page must not read other
registrants' rows).
"""

import json
import threading
import time

BIG_TABLE_ROWS = 10_000


class Recorder:
    def __init__(self):
        self.active = False
        self.queries = []

    def install(self):
        from odoo import sql_db

        original = sql_db.Cursor.execute
        recorder = self

        def execute(cursor, query, params=None, log_exceptions=True):
            result = original(cursor, query, params, log_exceptions)
            if recorder.active and threading.current_thread().name != "bench-main":
                sql = cursor._obj.query
                sql = sql.decode() if isinstance(sql, bytes) else sql
                recorder.queries.append((sql, cursor._obj.rowcount))
            return result

        sql_db.Cursor.execute = execute


def start_server(db, addons_path, port):
    import odoo

    threading.current_thread().name = "bench-main"
    odoo.tools.config.parse_config(
        [
            f"--addons-path={addons_path}",
            f"-d{db}",
            f"--db-filter=^{db}$",
            f"--http-port={port}",
            "--log-level=warn",
            "--max-cron-threads=0",
        ]
    )
    odoo.modules.registry.Registry(db)
    server = odoo.service.server.ThreadedServer(odoo.http.root)
    threading.Thread(target=server.http_thread, daemon=True).start()
    time.sleep(1)
    return odoo


def big_tables(cr):
    cr.execute("SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s", (BIG_TABLE_ROWS,))
    return {row[0] for row in cr.fetchall()}


def seq_scans(plan, big):
    found = []

    def walk(node):
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in big:
            found.append(node["Relation Name"])
        for child in node.get("Plans", []):
            walk(child)

    walk(plan)
    return found


def explain(db, recorded):
    """[(sql, rows, plan summary)] for the SELECTs of one request."""
    import odoo

    registry = odoo.modules.registry.Registry(db)
    report = {"queries": len(recorded), "max_rows": 0, "seq_scans": [], "jit": 0, "slowest_ms": 0.0}
    with registry.cursor() as cr:
        big = big_tables(cr)
        for sql, rows in recorded:
            report["max_rows"] = max(report["max_rows"], rows if rows and rows > 0 else 0)
            head = sql.lstrip().upper()
            if not head.startswith(("SELECT", "WITH")) or "FOR UPDATE" in head or "FOR NO KEY" in head:
                continue
            try:
                cr.execute("SAVEPOINT bench_explain")
                cr.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                plan = cr.fetchone()[0][0]
                cr.execute("RELEASE SAVEPOINT bench_explain")
            except Exception:
                cr.execute("ROLLBACK TO SAVEPOINT bench_explain")
                continue
            scans = seq_scans(plan["Plan"], big)
            if scans:
                report["seq_scans"].append({"tables": sorted(set(scans)), "sql": sql[:300]})
            if plan.get("JIT"):
                report["jit"] += 1
            took = round(plan.get("Execution Time", 0.0), 2)
            if took >= report["slowest_ms"]:
                report["slowest_ms"], report["slowest_sql"] = took, sql[:600]
        cr.rollback()
    return report


def explain_requests(db, addons_path, port, calls):
    """Serve each ``(name, callable)`` in-process, recording and EXPLAINing its queries."""
    recorder = Recorder()
    recorder.install()
    start_server(db, addons_path, port)
    reports = {}
    for name, call in calls(f"http://127.0.0.1:{port}"):
        call()  # warm the caches: the figures are those of a repeated request
        recorder.queries = []
        recorder.active = True
        try:
            call()
        finally:
            recorder.active = False
        reports[name] = explain(db, list(recorder.queries))
    return reports


def dumps(reports):
    return json.dumps(reports, indent=2)
