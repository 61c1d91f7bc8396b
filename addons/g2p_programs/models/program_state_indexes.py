# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Indexes that keep the program form and the lists of a big program fast.

The form's counters (applications, enrolled members) are counted when it opens; with
the company in the index (the multi-company rule filters on it), PostgreSQL counts
from the index alone (index-only scans) instead of visiting every row of a program
with hundreds of thousands of members. The lists of a program's memberships,
applications and entitlements read their first page in the list's order from an index
on (program, order) instead of walking the whole table in id order. The entitlements'
order (creation date, then id) is one the primary key cannot serve, so the planner takes
the program's index even when the program's rows are the oldest of the table.
"""

from odoo import models
from odoo.tools.sql import create_index


class G2PProgramMembership(models.Model):
    _inherit = "g2p.program_membership"

    def init(self):
        result = super().init()
        cr = self.env.cr
        create_index(
            cr, "g2p_program_membership_program_count", self._table, ["program_id", "state", "company_id"]
        )
        create_index(cr, "g2p_program_membership_program_list", self._table, ["program_id", "id"])
        return result


class G2PProgramApplication(models.Model):
    _inherit = "g2p.program.application"

    def init(self):
        result = super().init()
        cr = self.env.cr
        create_index(
            cr, "g2p_program_application_program_count", self._table, ["program_id", "company_id", "state"]
        )
        create_index(
            cr,
            "g2p_program_application_program_list",
            self._table,
            ["program_id", "date_applied DESC", "id DESC"],
        )
        return result


class G2PEntitlement(models.Model):
    _inherit = "g2p.entitlement"

    def init(self):
        result = super().init()
        cr = self.env.cr
        create_index(cr, "g2p_entitlement_program_list", self._table, ["program_id", "id"])
        create_index(
            cr,
            "g2p_entitlement_program_recent",
            self._table,
            ["program_id", "create_date DESC", "id DESC"],
        )
        return result
