# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

BULK_ACTIONS = [
    ("review", "Start review"),
    ("request_documents", "Request documents"),
    ("approve", "Approve and enrol"),
    ("reject", "Reject"),
]


class G2PApplicationBulkWizard(models.TransientModel):
    """One decision on a selection of applications, through the very methods of the
    single-record buttons (so with the same guards: state, rights, reason)."""

    _name = "g2p.application.bulk.wizard"
    _description = "Review Applications in Bulk"

    application_ids = fields.Many2many("g2p.program.application", required=True)
    application_count = fields.Integer(compute="_compute_application_count")
    action = fields.Selection(BULK_ACTIONS, required=True, default="review")
    message = fields.Text(help="Request documents: the message to the registrant. Reject: the reason.")

    def _compute_application_count(self):
        for wizard in self:
            wizard.application_count = len(wizard.application_ids)

    def action_confirm(self):
        self.ensure_one()
        applications = self.application_ids
        if not applications:
            raise UserError(_("Select the applications first."))
        if self.action == "review":
            applications.action_review()
        elif self.action == "request_documents":
            applications.action_request_documents(self.message)
        elif self.action == "approve":
            applications.action_approve()
        elif self.action == "reject":
            applications.action_reject(self.message)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%(action)s: %(count)s applications done.",
                    action=dict(self._fields["action"]._description_selection(self.env))[self.action],
                    count=len(applications),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
