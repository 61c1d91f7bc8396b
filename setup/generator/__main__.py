"""setup/generate: fill an installed suite database with a generated national registry.

Work is split into phases (partners by chunk, households, programs, the applications of
each program, each cycle with its entitlements and payments). Each phase is one
transaction recorded in the table g2p_generator_phase when it commits: after Ctrl-C (or
any failure) the phase in progress is rolled back and running the command again resumes
with it. Rows are written with COPY, ids taken from the tables' sequences.
"""

import argparse
import datetime
import json
import sys
import time

import psycopg2

from .copyio import Progress, fmt
from .payments import write_cycle
from .plan import Plan
from .programs import write_applications, write_programs
from .registry import write_households, write_partners
from .runner import Runner

PHASE_TABLE = """
CREATE TABLE IF NOT EXISTS g2p_generator_phase (
    name varchar PRIMARY KEY,
    first_id integer,
    rows bigint,
    seconds double precision,
    params text,
    payload text,
    done_at timestamp DEFAULT (now() at time zone 'utc')
)"""

ANALYZED = (
    "res_partner g2p_reg_id g2p_phone_number g2p_group_membership g2p_program "
    "g2p_program_membership g2p_program_application g2p_program_application_status g2p_cycle "
    "g2p_entitlement g2p_payment"
).split()


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="setup/generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="database where every suite module is installed")
    parser.add_argument("--registrants", type=int, default=1_000_000)
    parser.add_argument("--programs", type=int, default=100)
    parser.add_argument("--cycles", type=int, default=24, help="cycles, spread over the 3 biggest programs")
    parser.add_argument("--applications-per-registrant", type=float, default=1.5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--jobs", type=int, default=2, help="phases run at the same time, each on its own connection"
    )
    return parser.parse_args(argv)


def phases(plan):
    """(name, function(cr, ctx, progress) -> first id, names it waits for) in order."""
    result = [("drop-indexes", None, ())]
    chunks = []
    for start, stop in plan.partner_chunks():
        chunks.append(f"partners:{start}")
        result.append(
            (
                chunks[-1],
                lambda cr, c, p, a=start, b=stop: write_partners(cr, plan, c, a, b, p),
                ("drop-indexes",),
            )
        )
    result.append(("households", lambda cr, c, p: write_households(cr, plan, c, p), tuple(chunks)))
    result.append(("programs", lambda cr, c, p: write_programs(cr, plan, c, p), ("drop-indexes",)))
    for j in range(plan.programs):
        result.append(
            (
                f"applications:{j}",
                lambda cr, c, p, j=j: write_applications(cr, plan, c, j, p),
                ("households", "programs"),
            )
        )
    # Month by month across the programs, as payments accrue in a live registry; a cycle
    # needs its program's memberships and the program's previous cycle.
    for s in range(1, max(plan.program_cycles(j) for j in range(3)) + 1):
        for j in range(3):
            if s <= plan.program_cycles(j):
                result.append(
                    (
                        f"cycle:{j}:{s}",
                        lambda cr, c, p, j=j, s=s: write_cycle(cr, plan, c, j, s, p),
                        (f"applications:{j}",) + ((f"cycle:{j}:{s - 1}",) if s > 1 else ()),
                    )
                )
    result.append(("rebuild-indexes", None, tuple(name for name, _fn, _deps in result)))
    return result


def context(cr, plan):
    """Ids and settings the phases need, read from the installed database."""
    cr.execute("SELECT name, first_id FROM g2p_generator_phase")
    firsts = dict(cr.fetchall())
    chunk_first = {start: firsts.get(f"partners:{start}") for start, _stop in plan.partner_chunks()}
    size = plan.partner_chunk

    def partner_id(index):
        start = index - index % size
        return chunk_first[start] + index - start

    cr.execute("SELECT id FROM res_users WHERE login = 'admin'")
    uid = (cr.fetchone() or (1,))[0]
    cr.execute("SELECT c.id, c.currency_id FROM res_company c ORDER BY c.id LIMIT 1")
    company_id, currency_id = cr.fetchone()
    cr.execute("SELECT id FROM g2p_id_type WHERE code = 'NATIONAL_ID'")
    row = cr.fetchone()
    if not row:
        sys.exit("error: no ID type NATIONAL_ID: is the suite (g2p_registry) installed in this database?")
    cr.execute("SELECT code, id FROM g2p_group_membership_kind")
    kinds = dict(cr.fetchall())
    cr.execute("SELECT id FROM res_country WHERE code = 'SL'")
    country = cr.fetchone()
    cr.execute("SELECT code, prefix FROM ir_sequence WHERE code LIKE 'g2p.%%'")
    prefix = {code: (p or "") % {"year": plan.year} for code, p in cr.fetchall()}
    return {
        "now": datetime.datetime.utcnow().replace(microsecond=0),
        "uid": uid,
        "company_id": company_id,
        "currency_id": currency_id,
        "national_id_type": row[0],
        "kinds": kinds,
        "country_id": country[0] if country else None,
        "prefix": prefix,
        "partner_id": partner_id,
        "program_id": lambda j: firsts["programs"] + j,
        "firsts": firsts,
    }


def main(argv=None):
    args = parse_args(argv)
    plan = Plan(args.registrants, args.programs, args.cycles, args.applications_per_registrant, args.seed)
    params = json.dumps({k: v for k, v in vars(args).items() if k not in ("db", "jobs")}, sort_keys=True)
    conn = psycopg2.connect(dbname=args.db)
    cr = conn.cursor()
    cr.execute("SELECT to_regclass('g2p_program_application')")
    if not cr.fetchone()[0]:
        sys.exit(f"error: the suite is not installed in {args.db} (no g2p_program_application table).")
    cr.execute(PHASE_TABLE)
    cr.execute("ALTER TABLE g2p_generator_phase ADD COLUMN IF NOT EXISTS payload text")
    cr.execute("SELECT params FROM g2p_generator_phase WHERE params IS NOT NULL LIMIT 1")
    row = cr.fetchone()
    if row and row[0] != params:
        sys.exit(
            f"error: {args.db} was generated with {row[0]}; run again with the same options to resume, "
            "or generate into a freshly installed database."
        )
    cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    fast_checks = cr.fetchone()[0]
    conn.commit()
    cr.execute("SELECT name FROM g2p_generator_phase")
    done = {r[0] for r in cr.fetchall()}
    conn.rollback()  # hold no lock on the phase table while the phases' connections run
    todo = [phase for phase in phases(plan) if phase[0] not in done]
    if not todo:
        print(f"{args.db} already holds the generated registry ({len(done)} phases done).")
        return 0
    print(
        f"Generating {plan.n:,} registrants ({plan.individuals:,} individuals, {plan.households:,} "
        f"households), {plan.programs} programs, {args.cycles} cycles into {args.db}: "
        f"{len(todo)} of {len(done) + len(todo)} phases to run, {args.jobs} at a time.",
        file=sys.stderr,
    )
    progress = Progress(plan.estimated_rows())
    progress.done = int(progress.total * len(done) / (len(done) + len(todo)))
    base_done = progress.done
    started = time.monotonic()
    runner = Runner(args.db, plan, params, fast_checks, progress, done, context)
    try:
        runner.run(todo, max(args.jobs, 1))
    except KeyboardInterrupt:
        runner.stop()
        print(
            "\nInterrupted: the phases in progress were rolled back; run the same command to resume.",
            file=sys.stderr,
        )
        return 130
    progress.total = progress.done
    progress.show()
    print(file=sys.stderr)
    conn.rollback()
    conn.autocommit = True
    print(
        "Vacuuming and analysing the tables (statistics, visibility map for index-only counts)…",
        file=sys.stderr,
    )
    for table in ANALYZED:
        cr.execute(f"VACUUM ANALYZE {table}")
    rows = progress.done - base_done
    print(f"Done in {fmt(time.monotonic() - started)}: {rows:,} rows written.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
