# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class G2PApplicationRejectWizard(models.TransientModel):
    _name = "g2p.application.reject.wizard"
    _description = "Reject Applications"

    application_ids = fields.Many2many("g2p.program.application", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.application_ids.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
