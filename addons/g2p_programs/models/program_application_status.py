# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .demo_dates import g2p_demo_date
from .program_application import APPLICATION_STATES


class G2PProgramApplicationStatus(models.Model):
    _name = "g2p.program.application.status"
    _description = "Application Status History"
    _order = "date asc, id asc"

    application_id = fields.Many2one("g2p.program.application", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="application_id.company_id", store=True, index=True)
    state = fields.Selection(APPLICATION_STATES, required=True)
    previous_state = fields.Selection(APPLICATION_STATES)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    note = fields.Text()

    @api.model
    def _g2p_record(self, applications, previous):
        """Append a history row for every application whose state changed.

        :param previous: {application id: state before the change}; empty on creation.

        The history is an audit trail: rows are written as superuser so that
        whoever may change the state also leaves a trace, without write access
        to the history itself. A note (e.g. the reason of a rejection) comes from
        the context key ``g2p_status_note``.
        """
        note = self.env.context.get("g2p_status_note")
        now = g2p_demo_date(self.env) or fields.Datetime.now()
        rows = [
            {
                "application_id": application.id,
                "state": application.state,
                "previous_state": previous.get(application.id) or False,
                # The first row dates from the submission itself.
                "date": now if application.id in previous else application.date_applied,
                "user_id": self.env.uid,
                "note": note or False,
            }
            for application in applications
            if previous.get(application.id) != application.state
        ]
        if rows:
            self.sudo().create(rows)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_superuser(self):
        # The history is an audit trail, kept even for administrators.
        if not self.env["g2p.workflow.mixin"]._g2p_may_unlink_audit_records():
            raise UserError(
                _("The status history of an application is an audit record and cannot be deleted.")
            )
