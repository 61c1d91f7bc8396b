"""Time a cycle's background jobs at national scale: generate, approve, pay.

    .venv/bin/python tests/benchmarks/cycle_jobs.py --db NAME [--beneficiaries 1000000]
        [--chunk 5000] [--workers 2] [--channels root:2] [--json FILE]

NAME must have `g2p_programs` installed (e.g. `setup/test --db NAME --modules g2p_programs
addons/g2p_programs/tests/test_cycle_jobs.py` makes one). The script gives the program
"Benchmark: national cash transfer" that many enrolled beneficiaries, inserted with SQL
when missing (kept for the next run), creates a new cycle, then starts Odoo with
`--workers` and the queue_job runner (`--load=base,web,queue_job`) on free ports and
presses the cycle's buttons the way an administrator does: Generate, Submit for
approval, Approve, Issue payments. It prints the wall time of each operation from the
press to the closing job, the jobs, and the SQL queries of one chunk. Not run by
setup/test.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROGRAM_NAME = "Benchmark: national cash transfer"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def addons_path(odoo_src):
    paths = [str(odoo_src / "odoo" / "addons"), str(ROOT / "addons")]
    if any(ROOT.glob("g2p_*/__manifest__.py")):
        paths.append(str(ROOT))
    return ",".join(paths)


def populate(env, count):
    """The benchmark program with ``count`` enrolled beneficiaries (SQL for the bulk)."""
    cr = env.cr
    program = env["g2p.program"].search([("name", "=", PROGRAM_NAME)], limit=1) or env["g2p.program"].create(
        {"name": PROGRAM_NAME, "entitlement_amount": 50.0, "publication_state": "published"}
    )
    cr.execute(
        "SELECT count(*) FROM g2p_program_membership WHERE program_id = %s AND state = 'enrolled'",
        (program.id,),
    )
    have = cr.fetchone()[0]
    batch = 100_000
    while have < count:
        size = min(batch, count - have)
        started = time.monotonic()
        cr.execute(
            """
            WITH partners AS (
                INSERT INTO res_partner (name, complete_name, given_name, family_name, is_registrant,
                    is_group, active, type, create_uid, create_date, write_uid, write_date)
                SELECT 'Beneficiary ' || n, 'Beneficiary ' || n, 'Beneficiary', n::text, true,
                    false, true, 'contact', 1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
                FROM generate_series(%(first)s, %(last)s) n
                RETURNING id)
            INSERT INTO g2p_program_membership (partner_id, program_id, company_id, state,
                enrollment_date, create_uid, create_date, write_uid, write_date)
            SELECT id, %(program)s, %(company)s, 'enrolled', current_date,
                1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
            FROM partners
            """,
            {"first": have + 1, "last": have + size, "program": program.id, "company": program.company_id.id},
        )
        cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL")
        cr.commit()
        have += size
        print(
            f"  population: {have:,}/{count:,} ({time.monotonic() - started:.1f} s for {size:,})", flush=True
        )
    cr.execute("ANALYZE res_partner; ANALYZE g2p_program_membership; ANALYZE g2p_entitlement")
    return program


def queries_per_chunk(env, cycle_model, program, chunk):
    """SQL queries of one generation chunk of ``chunk`` rows (rolled back)."""
    cr = env.cr
    cycle = cycle_model.create({"name": "Query count probe", "program_id": program.id})
    ranges = cycle._g2p_job_ranges("generate")
    cycle._g2p_chunk_generate(*ranges[0])  # warm the caches
    env.flush_all()
    env.invalidate_all()
    before = cr.sql_log_count
    created = cycle._g2p_chunk_generate(*ranges[1])
    count = cr.sql_log_count - before
    cr.rollback()
    return count, created


def start_server(args, odoo_src, logfile):
    http_port, gevent_port = free_port(), free_port()
    cmd = [
        sys.executable,
        str(odoo_src / "odoo-bin"),
        "-c",
        str(ROOT / "odoo.conf"),
        f"--addons-path={addons_path(odoo_src)}",
        "-d",
        args.db,
        f"--db-filter=^{args.db}$",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        f"--http-port={http_port}",
        f"--gevent-port={gevent_port}",
        "--load=base,web,queue_job",
        "--limit-time-cpu=600",
        "--limit-time-real=1200",
        "--log-level=warn",
        f"--logfile={logfile}",
    ]
    env = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=args.channels)
    return subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL)


def wait_for(registry, cycle_id, label, timeout):
    """Poll the cycle until its operation is over; the wall time from the press."""
    started = time.monotonic()
    last_line = ""
    while True:
        with registry.cursor() as cr:
            cr.execute(
                "SELECT g2p_job_operation, g2p_job_graph_uuid FROM g2p_cycle WHERE id = %s", (cycle_id,)
            )
            operation, uuid = cr.fetchone()
            cr.execute("SELECT state, count(*) FROM queue_job WHERE graph_uuid = %s GROUP BY state", (uuid,))
            states = dict(cr.fetchall())
        elapsed = time.monotonic() - started
        line = f"  {label}: {states.get('done', 0)}/{sum(states.values())} jobs done"
        if line != last_line:
            print(f"{line} ({elapsed:.0f} s)", flush=True)
            last_line = line
        if states.get("failed"):
            raise SystemExit(f"{label}: a job failed; see queue_job ({uuid})")
        if not operation:
            return elapsed, sum(states.values())
        if elapsed > timeout:
            raise SystemExit(f"{label}: not finished after {timeout} s")
        time.sleep(1)


def form_open(registry, cycle_id):
    """Seconds to read the cycle form as the web client does."""
    import odoo
    from odoo import api

    spec = {
        "name": {},
        "state": {},
        "entitlement_count": {},
        "total_amount": {},
        "total_paid": {},
        "g2p_job_operation": {},
        "g2p_job_progress": {},
        "g2p_job_done": {},
        "g2p_job_total": {},
        "g2p_entitlement_preview_ids": {
            "fields": {
                "code": {},
                "partner_id": {"fields": {"display_name": {}}},
                "initial_amount": {},
                "state": {},
            },
        },
    }
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        started = time.monotonic()
        env["g2p.cycle"].browse(cycle_id).web_read(spec)
        return time.monotonic() - started


def press(registry, cycle_id, method):
    import odoo
    from odoo import api

    started = time.monotonic()
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        getattr(env["g2p.cycle"].browse(cycle_id), method)()
    return time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--beneficiaries", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--channels", default="root:2")
    parser.add_argument("--timeout", type=int, default=1800)
    parser.add_argument("--json")
    args = parser.parse_args()

    import odoo
    from odoo import api

    odoo_src = Path(odoo.__file__).resolve().parents[1]
    odoo.tools.config.parse_config(
        ["-c", str(ROOT / "odoo.conf"), f"--addons-path={addons_path(odoo_src)}", "-d", args.db]
    )
    registry = odoo.registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param("g2p_programs.cycle_job_chunk_size", str(args.chunk))
        program = populate(env, args.beneficiaries)
        probe_queries, probe_rows = queries_per_chunk(env, env["g2p.cycle"], program, args.chunk)
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        program = env["g2p.program"].browse(program.id)
        cycle = env["g2p.cycle"].create(
            {"name": f"Benchmark {time.strftime('%Y-%m-%d %H:%M:%S')}", "program_id": program.id}
        )
        cycle_id = cycle.id
        cr.commit()

    logfile = Path(tempfile.mkdtemp(prefix="g2p-cycle-bench-")) / "odoo.log"
    server = start_server(args, odoo_src, logfile)
    results = {
        "beneficiaries": args.beneficiaries,
        "chunk": args.chunk,
        "workers": args.workers,
        "channels": args.channels,
        "cpus": os.cpu_count(),
        "queries_per_generation_chunk": probe_queries,
        "rows_in_probed_chunk": probe_rows,
    }
    try:
        time.sleep(3)
        steps = [
            ("generate", "action_generate_entitlements_in_background"),
            ("to_approve", "action_to_approve"),
            ("approve", "action_approve_in_background"),
            ("pay", "action_pay_in_background"),
        ]
        for label, method in steps:
            pressed = press(registry, cycle_id, method)
            if label == "to_approve":
                results["submit_for_approval_s"] = round(pressed, 2)
                continue
            elapsed, jobs = wait_for(registry, cycle_id, label, args.timeout)
            results[f"{label}_button_s"] = round(pressed, 2)
            results[f"{label}_s"] = round(pressed + elapsed, 1)
            results[f"{label}_jobs"] = jobs
        with registry.cursor() as cr:
            cr.execute(
                """SELECT count(*), count(DISTINCT partner_id), count(*) FILTER (WHERE state = 'approved'),
                          count(DISTINCT code) FROM g2p_entitlement WHERE cycle_id = %s""",
                (cycle_id,),
            )
            total, distinct, approved, codes = cr.fetchone()
            cr.execute("SELECT count(*) FROM g2p_payment WHERE cycle_id = %s", (cycle_id,))
            payments = cr.fetchone()[0]
        results.update(entitlements=total, distinct_beneficiaries=distinct, approved=approved, codes=codes)
        results["payments"] = payments
        results["cycle_form_s"] = round(form_open(registry, cycle_id), 2)
    finally:
        server.terminate()
        server.wait(timeout=60)

    rows = [
        ("beneficiaries", f"{args.beneficiaries:,}"),
        ("chunk size / workers / channels", f"{args.chunk} / {args.workers} / {args.channels}"),
        ("CPUs", str(os.cpu_count())),
        ("generate (press to done)", f"{results['generate_s']} s, {results['generate_jobs']} jobs"),
        ("approve (press to done)", f"{results['approve_s']} s, {results['approve_jobs']} jobs"),
        ("issue payments (press to done)", f"{results['pay_s']} s, {results['pay_jobs']} jobs"),
        (
            "button request (generate/approve/pay)",
            f"{results['generate_button_s']} / "
            f"{results['approve_button_s']} / {results['pay_button_s']} s",
        ),
        ("SQL queries per generation chunk", f"{probe_queries} ({probe_rows} rows)"),
        (
            "entitlements / distinct / approved / codes",
            f"{total:,} / {distinct:,} / {approved:,} / {codes:,}",
        ),
        ("payments issued", f"{payments:,}"),
        ("cycle form read (web_read)", f"{results['cycle_form_s']} s"),
    ]
    width = max(len(name) for name, _value in rows)
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
