# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields


def g2p_demo_date(env):
    """The past moment demo data records a decision at (context ``g2p_demo_date``).

    Demo data tells a story over months (applied, approved, enrolled, then paid); the
    dates of its decisions must come before its payments. Honoured for the superuser
    only (data files load as superuser), so no user can backdate the audit trail."""
    value = env.context.get("g2p_demo_date")
    if not value or not env.su:
        return None
    return fields.Datetime.to_datetime(value)
