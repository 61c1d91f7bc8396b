# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .entitlement import PAYABLE_STATES, PAYMENT_STATUSES
from .workflow_mixin import in_transition

# Once a payment is settled (paid or failed) its figures are the accounting record.
SETTLED_FIELDS = ("amount_issued", "amount_paid", "payment_date")


class G2PPayment(models.Model):
    _name = "g2p.payment"
    _description = "Entitlement Payment"
    _inherit = ["g2p.workflow.mixin"]
    _order = "id desc"
    _g2p_workflow_fields = ("status", "name", "entitlement_id")
    _g2p_state_field = "status"

    name = fields.Char(string="Payment Reference", required=True, readonly=True, copy=False, default="/")
    entitlement_id = fields.Many2one("g2p.entitlement", required=True, index=True, ondelete="restrict")
    partner_id = fields.Many2one(
        related="entitlement_id.partner_id", store=True, index=True, string="Beneficiary"
    )
    program_id = fields.Many2one(
        related="entitlement_id.program_id", store=True, index=True, string="Program"
    )
    cycle_id = fields.Many2one(related="entitlement_id.cycle_id", store=True, string="Cycle")
    company_id = fields.Many2one(related="entitlement_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="entitlement_id.currency_id", store=True)
    amount_issued = fields.Monetary(currency_field="currency_id", required=True)
    amount_paid = fields.Monetary(currency_field="currency_id")
    status = fields.Selection(PAYMENT_STATUSES, default="issued", required=True, readonly=True, index=True)
    payment_date = fields.Date()
    # Which buttons the form shows (see g2p.workflow.mixin).
    can_mark_paid = fields.Boolean(compute="_compute_can")
    can_mark_failed = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        ("name_unique", "unique(name)", "The payment reference must be unique."),
        (
            "amounts_not_negative",
            "CHECK(amount_issued >= 0 AND (amount_paid IS NULL OR amount_paid >= 0))",
            "Payment amounts cannot be negative.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        Entitlement = self.env["g2p.entitlement"]
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            entitlement = Entitlement.browse(vals.get("entitlement_id"))
            if entitlement.state not in PAYABLE_STATES:
                raise UserError(
                    _(
                        "Payments can only be recorded on approved or partially paid " "entitlements (%s).",
                        entitlement.display_name,
                    )
                )
            if vals.get("status") == "paid" and not vals.get("amount_paid"):
                vals["amount_paid"] = vals.get("amount_issued", 0.0)
            elif vals.get("status") == "failed":
                # Nothing reached the beneficiary, whatever the caller sent.
                vals["amount_paid"] = 0.0
            vals["name"] = Sequence.next_by_code("g2p.payment")
        payments = super().create(vals_list)
        payments._g2p_after_change(payments.entitlement_id)
        return payments

    def write(self, vals):
        if not self._g2p_in_transition() and set(SETTLED_FIELDS) & set(vals):
            settled = self.filtered(lambda p: p.status != "issued")
            if settled:
                raise UserError(
                    _(
                        "The payment %s is settled: its amounts and date can no longer be changed.",
                        settled[0].name,
                    )
                )
        entitlements = self.entitlement_id
        result = super().write(vals)
        if {"status", "amount_paid", "entitlement_id"} & set(vals):
            self._g2p_after_change(entitlements | self.entitlement_id)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_settled(self):
        # A settled payment (paid or failed) is the accounting record of a transfer,
        # kept even for administrators.
        if self._g2p_may_unlink_audit_records():
            return
        settled = self.filtered(lambda p: p.status in ("paid", "failed"))
        if settled:
            raise UserError(
                _(
                    "The payment %s is settled (paid or failed) and is kept as an audit record: "
                    "it cannot be deleted.",
                    settled[0].name,
                )
            )

    def unlink(self):
        entitlements = self.entitlement_id
        result = super().unlink()
        entitlements.exists()._g2p_sync_payment_state()
        return result

    def _g2p_after_change(self, entitlements):
        # Guard first: the total paid may never exceed the entitlement.
        entitlements._g2p_check_not_overpaid()
        entitlements._g2p_sync_payment_state()

    # Transitions ("can I?" then "do it")

    def _g2p_workflow_label(self):
        self.ensure_one()
        return _("the payment %s", self.name)

    def _check_can_mark_paid(self):
        self._g2p_check_transition(("issued",), _("mark as paid"))
        for payment in self:
            # A cancelled or expired entitlement is no longer owed.
            if payment.entitlement_id.state not in PAYABLE_STATES:
                raise UserError(
                    _(
                        "The payment %(name)s cannot be marked paid: entitlement %(entitlement)s "
                        "is no longer payable.",
                        name=payment.name,
                        entitlement=payment.entitlement_id.display_name,
                    )
                )

    def _check_can_mark_failed(self):
        self._g2p_check_transition(("issued",), _("mark as failed"))

    def action_mark_paid(self):
        self._check_can_mark_paid()
        self._do_mark_paid()

    def _do_mark_paid(self):
        today = fields.Date.context_today(self)
        for payment in self:
            in_transition(payment).write(
                {
                    "status": "paid",
                    "amount_paid": payment.amount_paid or payment.amount_issued,
                    "payment_date": payment.payment_date or today,
                }
            )

    def action_mark_failed(self):
        self._check_can_mark_failed()
        self._do_mark_failed()

    def _do_mark_failed(self):
        today = fields.Date.context_today(self)
        for payment in self:
            in_transition(payment).write(
                {
                    "status": "failed",
                    "amount_paid": 0.0,
                    "payment_date": payment.payment_date or today,
                }
            )
