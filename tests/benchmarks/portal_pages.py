"""Benchmark: SQL queries and response time of each registrant page as the data grows.

Usage (after ``setup/run`` created the demo database, or on any database with the suite):

    .venv/bin/python tests/benchmarks/portal_pages.py [--db g2p_ssp] [--sizes 1,50,500] [--repeat 5]

For each size N it builds, for a fresh portal registrant, N programs each with an approved
application, an entitlement and a payment, then requests every page through Odoo's HTTP
stack and prints the query count and the median time. Everything runs inside one database
transaction that is rolled back at the end (Odoo's test mode): the database is unchanged.
"""

import argparse
import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ODOO_SRC = Path(os.environ.get("ODOO_SRC", Path.home() / ".cache/odoo/17.0"))
PAGES = [
    "/my",
    "/my/programs",
    "/my/programs/all",
    "/my/applications",
    "/my/applications/{app}",
    "/my/applications/{app}/receipt",
    "/my/benefits",
    "/my/profile",
    "/my/profile/submissions",
]
PASSWORD = "bench-password"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="g2p_ssp")
    parser.add_argument("--sizes", default="1,50,500")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import requests

    import odoo
    from odoo import SUPERUSER_ID, Command, api

    addons = [str(ODOO_SRC / "odoo/addons"), str(ROOT / "addons"), str(ROOT)]
    port = _free_port()
    odoo.tools.config.parse_config(
        [f"--addons-path={','.join(addons)}", f"-d{args.db}", f"--http-port={port}", "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.db)
    server = odoo.service.server.ThreadedServer(odoo.http.root)
    threading.Thread(target=server.http_thread, daemon=True).start()
    time.sleep(1)
    base = f"http://127.0.0.1:{port}"

    cr = registry.cursor()
    registry.enter_test_mode(cr)
    try:
        env = api.Environment(cr, SUPERUSER_ID, {})
        print(f"{'N':>5}  {'page':<34} {'queries':>7} {'median ms':>10}")
        for size in [int(s) for s in args.sizes.split(",")]:
            login = f"bench{size}@example.com"
            partner = env["res.partner"].create(
                {"is_registrant": True, "given_name": "Bench", "family_name": str(size)}
            )
            env["res.users"].with_context(no_reset_password=True).create(
                {
                    "login": login,
                    "password": PASSWORD,
                    "partner_id": partner.id,
                    "groups_id": [Command.set([env.ref("base.group_portal").id])],
                }
            )
            application = None
            for index in range(size):
                program = env["g2p.program"].create(
                    {"name": f"Bench {size}-{index}", "publication_state": "published"}
                )
                app = env["g2p.program.application"]._g2p_submit(program, partner)
                app.action_approve()
                cycle = env["g2p.cycle"].create({"name": f"Bench cycle {index}", "program_id": program.id})
                entitlement = env["g2p.entitlement"].create(
                    {"partner_id": partner.id, "cycle_id": cycle.id, "initial_amount": 100}
                )
                entitlement.action_submit()
                entitlement.action_approve()
                payment = env["g2p.payment"].create({"entitlement_id": entitlement.id, "amount_issued": 40})
                payment.action_mark_paid()
                application = application or app
            env.flush_all()

            session = requests.Session()
            page = session.get(f"{base}/web/login")
            csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
            session.post(f"{base}/web/login", data={"login": login, "password": PASSWORD, "csrf_token": csrf})
            for url in PAGES:
                url = url.format(app=application.id)
                session.get(base + url)  # warm caches
                timings, counts = [], []
                for _ in range(args.repeat):
                    before = cr.sql_log_count
                    start = time.perf_counter()
                    response = session.get(base + url)
                    timings.append((time.perf_counter() - start) * 1000)
                    counts.append(cr.sql_log_count - before)
                    if response.status_code != 200:
                        sys.exit(f"{url} answered {response.status_code}")
                print(
                    f"{size:>5}  {url.replace(str(application.id), '<id>'):<34} {min(counts):>7} "
                    f"{statistics.median(timings):>10.1f}"
                )
    finally:
        registry.leave_test_mode()
        cr.rollback()
        cr.close()
        if server.httpd:
            server.httpd.shutdown()


if __name__ == "__main__":
    main()
