"""Cycles of the big programs, their entitlements and payments.

As the ORM would leave them: past cycles ended with their entitlements paid (some in two
instalments; some expired after a failed payment), the latest cycle approved with its
payments issued (some paid, some partially paid, some failed). Stored computed fields
(amount_paid, amount_awaited, last_payment_status, program/company/currency) are written
with the values their compute methods give.
"""

import datetime
import random

from .copyio import Copier, next_sequence_numbers, reserve_ids


def month_start(day, months_back):
    month = day.year * 12 + day.month - 1 - months_back
    return datetime.date(month // 12, month % 12 + 1, 1)


def write_cycle(cr, plan, ctx, j, sequence, progress):
    """Cycle ``sequence`` (1-based) of program ``j`` with its entitlements and payments."""
    program_id = ctx["program_id"](j)
    total = plan.program_cycles(j)
    latest = sequence == total
    start = month_start(plan.today, total - sequence)
    end = month_start(plan.today, total - sequence - 1) - datetime.timedelta(days=1)
    now, uid, company, currency = ctx["now"], ctx["uid"], ctx["company_id"], ctx["currency_id"]
    cycle_id = reserve_ids(cr, "g2p_cycle", 1)
    cr.execute(
        """INSERT INTO g2p_cycle (id, program_id, company_id, sequence, name, state, start_date,
                                  end_date, create_uid, write_uid, create_date, write_date)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
        (cycle_id, program_id, company, sequence, f"Cycle {sequence}",
         "approved" if latest else "ended", start, end, uid, uid, now, now),
    )  # fmt: skip
    cr.execute(
        "SELECT partner_id FROM g2p_program_membership WHERE program_id = %s AND state = 'enrolled' ORDER BY id",
        (program_id,),
    )
    partners = [row[0] for row in cr.fetchall()]
    count = len(partners)
    if not count:
        return cycle_id
    cr.execute("SELECT entitlement_amount FROM g2p_program WHERE id = %s", (program_id,))
    amount = float(cr.fetchone()[0] or 50)
    first_ent = reserve_ids(cr, "g2p_entitlement", count)
    first_code = next_sequence_numbers(cr, "g2p.entitlement", count)
    first_pay = reserve_ids(cr, "g2p_payment", 2 * count)
    first_name = next_sequence_numbers(cr, "g2p.payment", 2 * count)
    ent_prefix, pay_prefix = ctx["prefix"]["g2p.entitlement"], ctx["prefix"]["g2p.payment"]
    entitlements = Copier(
        cr,
        "g2p_entitlement",
        "id partner_id cycle_id program_id company_id currency_id approved_by_id code state "
        "last_payment_status valid_from valid_until approval_date initial_amount amount_paid "
        "amount_awaited create_uid write_uid create_date write_date".split(),
        progress,
    )
    payments = Copier(
        cr,
        "g2p_payment",
        "id entitlement_id partner_id program_id cycle_id company_id currency_id name status "
        "payment_date amount_issued amount_paid create_uid write_uid create_date write_date".split(),
        progress,
    )
    rng = random.Random(plan.seed * 1_000_003 + j * 1000 + sequence)
    approved = start + datetime.timedelta(days=2)
    paid_on = start + datetime.timedelta(days=10)
    pay_id, pay_number = first_pay, first_name
    common = (company, currency)
    for k, partner in enumerate(partners):
        ent_id = first_ent + k
        draw = rng.random()
        # (status, amount issued, amount paid) of each payment, in order.
        if latest:
            if draw < 0.7:
                plan_ = [("issued", amount, None)]
            elif draw < 0.9:
                plan_ = [("paid", amount, amount)]
            elif draw < 0.95:
                plan_ = [("paid", amount / 2, amount / 2), ("issued", amount / 2, None)]
            else:
                plan_ = [("failed", amount, 0.0)]
        elif draw < 0.94:
            plan_ = [("paid", amount, amount)]
        elif draw < 0.97:
            plan_ = [("paid", amount / 2, amount / 2), ("paid", amount / 2, amount / 2)]
        else:
            plan_ = [("failed", amount, 0.0)]
        paid = sum(p[2] or 0.0 for p in plan_ if p[0] == "paid")
        if paid >= amount:
            state = "paid"
        elif not latest:
            state = "expired"
        else:
            state = "partially_paid" if paid else "approved"
        awaited = max(amount - paid, 0.0) if state in ("approved", "partially_paid") else 0.0
        entitlements.add(
            ent_id, partner, cycle_id, program_id, *common, uid, f"{ent_prefix}{first_code + k:06d}",
            state, plan_[-1][0], start, end, approved, amount, paid, awaited, uid, uid, now, now,
        )  # fmt: skip
        for n, (status, issued, paid_amount) in enumerate(plan_):
            payments.add(
                pay_id, ent_id, partner, program_id, cycle_id, *common, f"{pay_prefix}{pay_number:06d}",
                status, paid_on + datetime.timedelta(days=15 * n) if status != "issued" else None,
                issued, paid_amount, uid, uid, now, now,
            )  # fmt: skip
            pay_id += 1
            pay_number += 1
    entitlements.flush()
    payments.flush()
    return cycle_id
