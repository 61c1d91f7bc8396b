"""Registrants: individuals and households (res.partner), their IDs, phones and members."""

import datetime
import random

from .copyio import Copier, reserve_ids
from .plan import national_id, partner_name, phone_number

PARTNER_COLUMNS = (
    "id name complete_name given_name family_name gender birthdate registration_date is_registrant "
    "is_group active type lang commercial_partner_id partner_share is_company employee phone "
    "phone_sanitized color create_uid write_uid create_date write_date"
).split()


def write_partners(cr, plan, ctx, start, stop, progress):
    """Partners of indexes [start, stop): ids are contiguous from the returned first id."""
    first = reserve_ids(cr, "res_partner", stop - start)
    rng = random.Random(plan.seed * 104_729 + start)
    now, uid, today = ctx["now"], ctx["uid"], plan.today
    partners = Copier(cr, "res_partner", PARTNER_COLUMNS, progress)
    reg_ids = Copier(
        cr,
        "g2p_reg_id",
        "partner_id id_type value status create_uid write_uid create_date write_date".split(),
        progress,
    )
    phones = Copier(
        cr,
        "g2p_phone_number",
        "partner_id phone_no country_id date_collected create_uid write_uid create_date write_date".split(),
        progress,
    )
    families = {}
    for index in range(start, stop):
        pid = first + index - start
        registered = today - datetime.timedelta(days=rng.randint(0, 3650))
        if index < plan.individuals:
            given, family, gender = partner_name(index, rng)
            name = f"{given} {family}"
            birthdate = today - datetime.timedelta(days=rng.randint(0, 90 * 365))
            phone = phone_number(index, rng)
            partners.add(
                pid, name, name, given, family, gender, birthdate, registered, True, False, True,
                "contact", "en_US", pid, True, False, False, phone, phone, 0, uid, uid, now, now,
            )  # fmt: skip
            reg_ids.add(pid, ctx["national_id_type"], national_id(index), "valid", uid, uid, now, now)
            phones.add(pid, phone, ctx["country_id"], registered, uid, uid, now, now)
            if rng.random() < 0.1:
                phones.add(
                    pid, phone_number(index + 7, rng), ctx["country_id"], registered, uid, uid, now, now
                )
            families[index] = family
        else:
            family = rng.choice(("Diallo", "Kamara", "Mensah", "Sesay", "Owusu", "Bah", "Conteh"))
            name = f"{family} Household {index - plan.individuals + 1}"
            partners.add(
                pid, name, name, None, family, None, None, registered, True, True, True,
                "contact", "en_US", pid, True, False, False, None, None, 0, uid, uid, now, now,
            )  # fmt: skip
    for copier in (partners, reg_ids, phones):
        copier.flush()
    return first


def write_households(cr, plan, ctx, progress):
    """Members of the generated households, the first of each one its head."""
    first = reserve_ids(cr, "g2p_group_membership", plan.individuals)
    now, uid = ctx["now"], ctx["uid"]
    members = Copier(
        cr,
        "g2p_group_membership",
        "id group individual is_head start_date create_uid write_uid create_date write_date".split(),
        progress,
    )
    kinds = Copier(cr, "g2p_group_membership_kind_rel", ("membership_id", "kind_id"), progress)
    rng = random.Random(plan.seed * 17 + 3)
    next_id = first
    for household, people in plan.households_members():
        group_id = ctx["partner_id"](household)
        for position, person in enumerate(people):
            since = plan.today - datetime.timedelta(days=rng.randint(30, 3000))
            members.add(
                next_id, group_id, ctx["partner_id"](person), position == 0, since, uid, uid, now, now
            )
            kind = (
                ctx["kinds"]["head"]
                if position == 0
                else ctx["kinds"]["spouse" if position == 1 else "child"]
            )
            kinds.add(next_id, kind)
            next_id += 1
    members.flush()
    kinds.flush()
    cr.execute(
        "SELECT setval(pg_get_serial_sequence('g2p_group_membership', 'id'), GREATEST(%s, 1))", (next_id - 1,)
    )
    return first
