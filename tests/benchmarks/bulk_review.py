"""Benchmark: one bulk decision on many applications (the review queue's bulk action).

Usage (on a database with the suite installed, e.g. the one ``setup/run`` creates):

    .venv/bin/python tests/benchmarks/bulk_review.py [--db g2p_ssp] [--sizes 100,1000] [--action review]

For each size N it creates a program and N applications from N new registrants, then
runs the bulk wizard's action on all of them at once, as a program manager, and prints
the time and the number of SQL queries of that one action. Everything runs inside one
transaction that is rolled back at the end (Odoo's test mode): the database is unchanged.
"""

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ODOO_SRC = Path(os.environ.get("ODOO_SRC", Path.home() / ".cache/odoo/17.0"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="g2p_ssp")
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument(
        "--action", default="review", choices=["review", "request_documents", "approve", "reject"]
    )
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, Command, api

    addons = [str(ODOO_SRC / "odoo/addons"), str(ROOT / "addons"), str(ROOT)]
    odoo.tools.config.parse_config([f"--addons-path={','.join(addons)}", f"-d{args.db}", "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.db)
    cr = registry.cursor()
    registry.enter_test_mode(cr)
    try:
        env = api.Environment(cr, SUPERUSER_ID, {})  # tracking on, as in real use
        manager = env["res.users"].create(
            {
                "name": "Bench Manager",
                "login": "bench.bulk.manager",
                "groups_id": [
                    Command.set(
                        [env.ref("base.group_user").id, env.ref("g2p_registry.group_g2p_program_manager").id]
                    )
                ],
            }
        )
        print(f"{'N':>6}  {'action':<18} {'seconds':>8} {'queries':>8} {'ms/app':>7}")
        for size in [int(s) for s in args.sizes.split(",")]:
            program = env["g2p.program"].create(
                {"name": f"Bench bulk {size}", "publication_state": "published"}
            )
            partners = env["res.partner"].create(
                [
                    {"is_registrant": True, "given_name": "Bulk", "family_name": f"{size}-{i}"}
                    for i in range(size)
                ]
            )
            applications = env["g2p.program.application"].create(
                [{"program_id": program.id, "partner_id": partner.id} for partner in partners]
            )
            wizard = (
                env["g2p.application.bulk.wizard"]
                .with_user(manager)
                .create(
                    {
                        "application_ids": [Command.set(applications.ids)],
                        "action": args.action,
                        "message": "Benchmark message",
                    }
                )
            )
            env.flush_all()
            env.invalidate_all()
            before = cr.sql_log_count
            start = time.perf_counter()
            wizard.action_confirm()
            env.flush_all()
            cr.precommit.run()  # what the commit would add: tracking messages, status history
            elapsed = time.perf_counter() - start
            queries = cr.sql_log_count - before
            print(f"{size:>6}  {args.action:<18} {elapsed:>8.2f} {queries:>8} {elapsed * 1000 / size:>7.2f}")
    finally:
        registry.leave_test_mode()
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
