"""Indexes that keep the program form's counters cheap in programs of any size.

The counters (applications, enrolled members, cycles) are counted when the form opens;
with these, PostgreSQL counts from the index alone (index-only scans) instead of
visiting every membership row of a program with hundreds of thousands of members.
"""

from odoo import models
from odoo.tools.sql import create_index


class G2PProgramMembership(models.Model):
    _inherit = "g2p.program_membership"

    def init(self):
        result = super().init()
        create_index(
            self.env.cr, "g2p_program_membership_program_state", self._table, ["program_id", "state"]
        )
        return result


class G2PProgramApplication(models.Model):
    _inherit = "g2p.program.application"

    def init(self):
        result = super().init()
        create_index(
            self.env.cr, "g2p_program_application_program_state", self._table, ["program_id", "state"]
        )
        return result
