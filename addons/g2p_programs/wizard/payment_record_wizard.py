# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class G2PPaymentRecordWizard(models.TransientModel):
    _name = "g2p.payment.record.wizard"
    _description = "Record a Payment"

    entitlement_id = fields.Many2one("g2p.entitlement", required=True)
    currency_id = fields.Many2one(related="entitlement_id.currency_id")
    amount_awaited = fields.Monetary(related="entitlement_id.amount_awaited", currency_field="currency_id")
    amount = fields.Monetary(currency_field="currency_id", required=True)
    status = fields.Selection(
        [("paid", "Paid"), ("failed", "Failed"), ("issued", "Issued")],
        default="paid",
        required=True,
    )
    payment_date = fields.Date(default=fields.Date.context_today, required=True)

    @api.onchange("entitlement_id")
    def _onchange_entitlement_id(self):
        if self.entitlement_id and not self.amount:
            self.amount = self.entitlement_id.amount_awaited

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        entitlement = self.env["g2p.entitlement"].browse(values.get("entitlement_id"))
        if entitlement and "amount" in fields_list and not values.get("amount"):
            values["amount"] = entitlement.amount_awaited
        return values

    def action_confirm(self):
        self.ensure_one()
        if self.currency_id.compare_amounts(self.amount, 0) <= 0:
            raise UserError(_("Enter the amount of the payment."))
        self.env["g2p.payment"].create(
            {
                "entitlement_id": self.entitlement_id.id,
                "amount_issued": self.amount,
                "amount_paid": self.amount if self.status == "paid" else 0.0,
                "status": self.status,
                "payment_date": self.payment_date,
            }
        )
        return {"type": "ir.actions.act_window_close"}
