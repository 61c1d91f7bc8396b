from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .program_application import APPLICATION_STATES
from .state_guard import may_unlink_audit_records


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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_superuser(self):
        # The history is an audit trail, kept even for administrators.
        if not may_unlink_audit_records(self):
            raise UserError(
                _("The status history of an application is an audit record and cannot be deleted.")
            )
