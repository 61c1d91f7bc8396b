"""Programs, and for each one its applications, their status history and memberships.

As the ORM would leave them: an approved application created the enrolled membership
it points to (some paused or exited since); submitted and rejected ones have none; every
application has its status history (submitted, then the decision).
"""

import datetime
import json
import random

from .copyio import Copier, next_sequence_numbers, reserve_ids

PROGRAM_NAMES = (
    "Cash Transfer",
    "Child Grant",
    "Old Age Pension",
    "Disability Allowance",
    "Household Food Support",
    "School Feeding",
    "Farm Input Subsidy",
    "Public Works",
    "Maternity Benefit",
    "Emergency Relief",
)


def write_programs(cr, plan, ctx, progress):
    first = reserve_ids(cr, "g2p_program", plan.programs)
    now, uid = ctx["now"], ctx["uid"]
    programs = Copier(
        cr,
        "g2p_program",
        "id name company_id currency_id state target_type document_allowed_mimetypes document_max_size_mb "
        "entitlement_amount active allow_multiple_applications entitlement_per_member description "
        "create_uid write_uid create_date write_date".split(),
        progress,
    )
    for j in range(plan.programs):
        base = PROGRAM_NAMES[j % len(PROGRAM_NAMES)]
        region = j // len(PROGRAM_NAMES) + 1
        name = json.dumps({"en_US": f"{base} (region {region})" if j >= 3 else f"National {base}"})
        description = json.dumps({"en_US": f"<p>{base}: support for eligible registrants.</p>"})
        state = "ended" if j >= 3 and j % 7 == 6 else "active"
        target = "group" if plan.is_group_program(j) else "individual"
        amount = (25, 40, 60, 75, 100)[j % 5]
        programs.add(
            first + j, name, ctx["company_id"], ctx["currency_id"], state, target,
            "application/pdf,image/jpeg,image/png", 5.0, amount, True, False, False, description,
            uid, uid, now, now,
        )  # fmt: skip
    programs.flush()
    return first


def write_applications(cr, plan, ctx, j, progress):
    """Applications to program ``j``, their history and the memberships they created."""
    members = plan.program_members(j)
    program_id = ctx["program_id"](j)
    rng = random.Random(plan.seed * 65_537 + j)
    count = len(members)
    first_app = reserve_ids(cr, "g2p_program_application", count)
    first_number = next_sequence_numbers(cr, "g2p.program.application", count) if count else 0
    first_member = reserve_ids(cr, "g2p_program_membership", count)
    first_status = reserve_ids(cr, "g2p_program_application_status", 2 * count)
    prefix = ctx["prefix"]["g2p.program.application"]
    uid, company = ctx["uid"], ctx["company_id"]
    apps = Copier(
        cr,
        "g2p_program_application",
        "id program_id partner_id company_id program_membership_id name state rejection_reason "
        "date_applied create_uid write_uid create_date write_date".split(),
        progress,
    )
    memberships = Copier(
        cr,
        "g2p_program_membership",
        "id partner_id program_id company_id state enrollment_date exit_date create_uid write_uid "
        "create_date write_date".split(),
        progress,
    )
    history = Copier(
        cr,
        "g2p_program_application_status",
        "id application_id company_id user_id state previous_state date note create_uid write_uid "
        "create_date write_date".split(),
        progress,
    )
    member_id, status_id = first_member, first_status
    for k, index in enumerate(members):
        app_id = first_app + k
        partner = ctx["partner_id"](index)
        applied = datetime.datetime.combine(plan.today, datetime.time(9)) - datetime.timedelta(
            minutes=rng.randint(60 * 24 * 30 * 8, 60 * 24 * 730)
        )
        decided = applied + datetime.timedelta(days=rng.randint(1, 30))
        draw = rng.random()
        state, membership, reason = "approved", None, None
        if draw < 0.08:
            state = "submitted"
        elif draw < 0.16:
            state, reason = "rejected", "Does not meet the program's criteria."
        else:
            membership = member_id
            member_id += 1
            draw = rng.random()
            m_state = "enrolled" if draw < 0.9 else ("paused" if draw < 0.95 else "exited")
            exit_date = (decided + datetime.timedelta(days=120)).date() if m_state == "exited" else None
            memberships.add(
                membership, partner, program_id, company, m_state, decided.date(), exit_date,
                uid, uid, decided, decided,
            )  # fmt: skip
        name = f"{prefix}{first_number + k:06d}"
        apps.add(
            app_id, program_id, partner, company, membership, name, state, reason, applied,
            uid, uid, applied, decided if state != "submitted" else applied,
        )  # fmt: skip
        history.add(
            status_id, app_id, company, uid, "submitted", None, applied, None, uid, uid, applied, applied
        )
        status_id += 1
        if state != "submitted":
            history.add(
                status_id,
                app_id,
                company,
                uid,
                state,
                "submitted",
                decided,
                reason,
                uid,
                uid,
                decided,
                decided,
            )
            status_id += 1
    for copier in (memberships, apps, history):
        copier.flush()
    return first_app
