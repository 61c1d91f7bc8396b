# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Decisions the demo data may date in the past.
_DEMO_ACTIONS = ("action_review", "action_approve", "action_reject", "action_complete", "action_close")


class G2PProgramApplicationDemo(models.Model):
    _inherit = "g2p.program.application"

    @api.model
    def _g2p_demo_act(self, action, application_ids, when, *args):
        """Demo data: take ``action`` on applications as if at ``when`` (a past datetime),
        so that status history and enrolment dates come before the payments that follow.
        Private (not callable over RPC); dates are honoured for the superuser only."""
        if action not in _DEMO_ACTIONS:
            raise ValueError(action)
        applications = self.browse(application_ids).with_context(g2p_demo_date=when)
        return getattr(applications, action)(*args)
