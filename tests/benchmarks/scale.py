"""Benchmark at national scale: registrant pages, submit, load and admin hot paths.

Usage, on a database filled by ``setup/generate`` (not run by setup/test):

    .venv/bin/python tests/benchmarks/scale.py --db g2p_scale_100k --json scale.json

Signs in a sample of generated registrants (portal users created for them on first use,
password ``bench-password``) and measures every registrant page and the submit of an
application (p50/p95/p99, SQL queries per request read from Odoo's request log) with
Odoo run as a subprocess with 1 and with 2 workers; requests per second under 20 and
100 concurrent registrants; the administrators' hot paths over JSON-RPC; Odoo's own
``/my`` in a database with only website and portal (``--floor-db``, created when
missing) in the same run, as the floor of each ratio; and EXPLAIN of the SQL of each
page and admin call, flagging sequential scans on big tables. Prints a table, writes
JSON. It adds portal users and, per run, one application per sampled registrant.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg2
from scale_load import Rpc, load, login, measure_pages, measure_submit, percentiles
from scale_server import ODOO_SRC, PYTHON, ROOT, OdooServer, free_port

PASSWORD = "bench-password"
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
    "/my/programs/{open_program}/apply",
]
LOAD_PAGES = [
    "/my",
    "/my/programs",
    "/my/benefits",
    "/my/applications",
    "/my/programs/all",
    "/my/applications/{app}",
]
INDIVIDUALS = [("is_registrant", "=", True), ("is_group", "=", False)]


def sample(db, size):
    """Registrants of the biggest program, with an application to show and programs to apply to."""
    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute("SELECT program_id FROM g2p_program_membership GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        big = cr.fetchone()[0]
        cr.execute(
            """SELECT a.partner_id, max(a.id) FROM g2p_program_application a
                JOIN res_partner p ON p.id = a.partner_id AND NOT p.is_group
               WHERE a.program_id = %s GROUP BY 1 ORDER BY md5(a.partner_id::text) LIMIT %s""",
            (big, size),
        )
        rows = cr.fetchall()
        cr.execute(
            "SELECT id FROM g2p_program WHERE state = 'active' AND target_type = 'individual' ORDER BY id"
        )
        programs = [r[0] for r in cr.fetchall()]
        cr.execute(
            "SELECT partner_id, array_agg(program_id) FROM g2p_program_application WHERE partner_id = ANY(%s) GROUP BY 1",
            ([r[0] for r in rows],),
        )
        applied = {pid: set(p) for pid, p in cr.fetchall()}
        cr.execute("SELECT value FROM g2p_reg_id WHERE partner_id = ANY(%s) LIMIT 5", ([r[0] for r in rows],))
        ids = [r[0] for r in cr.fetchall()]
        cr.execute(
            "SELECT phone_no FROM g2p_phone_number WHERE partner_id = ANY(%s) LIMIT 5",
            ([r[0] for r in rows],),
        )
        phones = [r[0] for r in cr.fetchall()]
    people = [
        {"partner": pid, "app": app, "open": [p for p in programs if p not in applied.get(pid, ())][-4:]}
        for pid, app in rows
    ]
    return big, people, ids, phones


def ensure_users(rpc, people):
    portal = rpc.call("ir.model.data", "check_object_reference", "base", "group_portal")[1]
    logins = {f"bench.{p['partner']}@scale.example": p for p in people}
    existing = {
        u["login"] for u in rpc.call("res.users", "search_read", [("login", "in", list(logins))], ["login"])
    }
    for user, person in logins.items():
        if user not in existing:
            rpc.call(
                "res.users",
                "create",
                {
                    "login": user,
                    "password": PASSWORD,
                    "partner_id": person["partner"],
                    "groups_id": [(6, 0, [portal])],
                },
                context={"no_reset_password": True},
            )
    return logins


def ensure_floor(db):
    with psycopg2.connect(dbname="postgres") as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,))
        if cr.fetchone():
            return
    print(f"Creating the floor database {db} (website + portal only)…", file=sys.stderr)
    subprocess.run(
        [str(PYTHON), str(ODOO_SRC / "odoo-bin"), "-c", str(ROOT / "odoo.conf"), f"--addons-path={ODOO_SRC / 'odoo/addons'}",
         "-d", db, "-i", "website,portal", "--without-demo=all", "--stop-after-init", "--log-level=warn"],
        check=True,
    )  # fmt: skip


def admin_calls(big, ids, phones):
    """The administrators' hot paths: label -> (model, method, args, kwargs)."""
    spec = {"display_name": {}}
    lists = {"limit": 80, "count_limit": 10001}
    name = [
        "|",
        "|",
        ("name", "ilike", "Kamara"),
        ("given_name", "ilike", "Kamara"),
        ("family_name", "ilike", "Kamara"),
    ]
    phone = phones[0][-9:]  # the number as dialled at home, without the country code
    return {
        "search registrant by name (Kamara)": ("res.partner", "web_search_read", [INDIVIDUALS + name, spec], lists),
        "search registrant by rare name": (
            "res.partner", "web_search_read", [INDIVIDUALS + [("name", "ilike", "Zainab Tarawal")], spec], lists,
        ),
        "search registrant by ID": ("res.partner", "web_search_read", [INDIVIDUALS + [("reg_ids.value", "ilike", ids[0])], spec], lists),
        "search registrant by phone": (
            "res.partner", "web_search_read",
            [INDIVIDUALS + [("g2p_phone_search", "ilike", phone)], spec], lists,
        ),
        "name_search registrant": ("res.partner", "name_search", ["Mensah"], {"limit": 8}),
        "program form (big program)": (
            "g2p.program", "web_read", [[big], {"name": {}, "application_count": {}, "enrolled_count": {}, "cycle_count": {}}], {},
        ),
        "memberships of big program": ("g2p.program_membership", "web_search_read", [[("program_id", "=", big)], spec], lists),
        "applications of big program": ("g2p.program.application", "web_search_read", [[("program_id", "=", big)], spec], lists),
        "entitlements of big program": ("g2p.entitlement", "web_search_read", [[("program_id", "=", big)], spec], lists),
    }  # fmt: skip


def admin_paths(rpc, big, ids, phones, repeat):
    results = {}
    for label, (model, method, call_args, kwargs) in admin_calls(big, ids, phones).items():
        times = rpc.timed(repeat, model, method, *call_args, **kwargs)
        results[label] = {"model": model, "method": method, **percentiles(times)}
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--floor-db", default="g2p_scale_floor")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of every page per registrant")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--concurrency", default="20,100")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of each load test")
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds before a page counts as timed out"
    )
    parser.add_argument("--no-explain", action="store_true")
    parser.add_argument(
        "--code", default=str(ROOT), help="checkout whose modules Odoo runs (to compare a revision)"
    )
    args = parser.parse_args()

    ensure_floor(args.floor_db)
    big, people, ids, phones = sample(args.db, args.sample)
    report = {"db": args.db, "sample": len(people), "big_program": big, "timeout": args.timeout, "runs": {}}
    with psycopg2.connect(dbname=args.db) as conn, conn.cursor() as cr:
        cr.execute("SELECT count(*) FILTER (WHERE is_registrant) FROM res_partner")
        report["registrants"] = cr.fetchone()[0]
    for workers in [int(w) for w in args.workers.split(",")]:
        run = report["runs"][workers] = {}
        addons = f"{ODOO_SRC / 'odoo/addons'},{Path(args.code) / 'addons'},{Path(args.code)}"
        with OdooServer(args.db, workers, addons) as server, OdooServer(args.floor_db, workers) as floor:
            rpc = Rpc(server.url, args.db, "admin", args.admin_password)
            logins = ensure_users(rpc, people)
            sessions = []
            for user, person in logins.items():
                values = {
                    "app": person["app"],
                    "open_program": person["open"].pop() if person["open"] else None,
                }
                sessions.append((login(server.url, user, PASSWORD), values))
            floor_rpc = Rpc(floor.url, args.floor_db, "admin", "admin")
            if not floor_rpc.call("res.users", "search", [("login", "=", "bench.floor@scale.example")]):
                portal = floor_rpc.call("ir.model.data", "check_object_reference", "base", "group_portal")[1]
                floor_rpc.call("res.users", "create", {"name": "Floor", "login": "bench.floor@scale.example",
                               "password": PASSWORD, "groups_id": [(6, 0, [portal])]}, context={"no_reset_password": True})  # fmt: skip
            floor_sessions = [(login(floor.url, "bench.floor@scale.example", PASSWORD), {})]
            measure_pages(server.url, sessions, PAGES, 1, args.timeout)  # warm-up: per-user caches
            measure_pages(floor.url, floor_sessions, ["/my"], 3)
            server.reset()
            floor.reset()
            pages, floor_times = {}, []
            for _round in range(args.repeat):  # interleaved with the floor
                for page, result in measure_pages(server.url, sessions, PAGES, 1, args.timeout).items():
                    pages.setdefault(page, {"times": [], "errors": 0, "timeouts": 0})
                    for key in ("times", "errors", "timeouts"):
                        pages[page][key] += result[key]
                floor_times += measure_pages(floor.url, floor_sessions * len(sessions), ["/my"], 1)["/my"][
                    "times"
                ]
            run["floor /my"] = {
                **percentiles(floor_times),
                "queries": sorted(set(floor.query_counts("GET", "/my"))),
            }
            floor_p95 = run["floor /my"].get("p95") or 1
            run["pages"] = {}
            for page, result in pages.items():
                stats = percentiles(result["times"])
                stats["errors"] = result["errors"]
                stats["timeouts"] = result["timeouts"]
                stats["queries"] = sorted(
                    set(server.query_counts("GET", page.replace("{app}", "1").replace("{open_program}", "1")))
                )
                stats["ratio_p95"] = round(stats.get("p95", 0) / floor_p95, 2)
                run["pages"][page] = stats
            times, errors, skipped = measure_submit(server.url, sessions)
            run["submit"] = {**percentiles(times), "errors": errors, "skipped": skipped,
                             "queries": sorted(set(server.query_counts("POST", "/my/programs/1/apply")))}  # fmt: skip
            run["load"] = {}
            for concurrency in [int(c) for c in args.concurrency.split(",") if c]:
                run["load"][concurrency] = {
                    "registrant mix": load(server.url, sessions, LOAD_PAGES, concurrency, args.duration),
                    "floor /my": load(floor.url, floor_sessions, ["/my"], concurrency, args.duration),
                }
            run["rss_mb"] = [round(m) for m in server.worker_rss_mb()]
            run["server_errors"] = server.errors[-10:]
            if workers == 1:
                report["admin"] = admin_paths(rpc, big, ids, phones, max(args.repeat * 3, 5))
    if not args.no_explain:
        from scale_explain import explain_requests

        user = f"bench.{people[0]['partner']}@scale.example"

        def calls(url):
            session = login(url, user, PASSWORD)
            values = {"app": people[0]["app"], "open_program": big}
            for page in PAGES:
                yield page, (lambda p=page: session.get(url + p.format(**values), timeout=600))
            rpc = Rpc(url, args.db, "admin", args.admin_password)
            for label, (model, method, call_args, kwargs) in admin_calls(big, ids, phones).items():
                yield label, (lambda m=model, f=method, a=call_args, k=kwargs: rpc.call(m, f, *a, **k))

        addons = f"{ODOO_SRC / 'odoo/addons'},{Path(args.code) / 'addons'},{Path(args.code)}"
        report["explain"] = explain_requests(args.db, addons, free_port(), calls)
    Path(args.json).write_text(json.dumps(report, indent=2, default=str))
    from scale_report import print_table

    print_table(report)


if __name__ == "__main__":
    main()
