# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError


class G2PPhoneNumber(models.Model):
    _name = "g2p.phone.number"
    _description = "Registrant Phone Number"
    _rec_name = "phone_no"
    _order = "disabled desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Registrant", required=True, index=True, ondelete="cascade"
    )
    phone_no = fields.Char(string="Phone Number", required=True)
    country_id = fields.Many2one("res.country")
    date_collected = fields.Date(default=fields.Date.context_today)
    disabled = fields.Datetime(
        readonly=True, help="When set, the number is no longer used to reach the registrant."
    )
    disabled_by = fields.Many2one("res.users", readonly=True)

    def action_disable(self):
        if any(self.mapped("disabled")):
            raise UserError(_("This phone number is already disabled."))
        self.write({"disabled": fields.Datetime.now(), "disabled_by": self.env.uid})

    def action_enable(self):
        self.write({"disabled": False, "disabled_by": False})
