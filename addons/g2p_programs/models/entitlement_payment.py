# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .entitlement import PAYABLE_STATES, PAYMENT_STATUSES
from .workflow_mixin import in_transition


class G2PEntitlementPayment(models.Model):
    """The payment rules of an entitlement: what was received, what is awaited,
    what a payment in progress blocks, and the state that follows the money."""

    _inherit = "g2p.entitlement"

    payment_ids = fields.One2many("g2p.payment", "entitlement_id", readonly=True)
    # Tracked so that every payment outcome, failures included, shows in the chatter.
    amount_paid = fields.Monetary(
        compute="_compute_amount_paid", store=True, currency_field="currency_id", tracking=True
    )
    amount_awaited = fields.Monetary(
        compute="_compute_amount_awaited", store=True, currency_field="currency_id"
    )
    last_payment_status = fields.Selection(
        PAYMENT_STATUSES, compute="_compute_amount_paid", store=True, tracking=True
    )

    @api.depends("payment_ids.status", "payment_ids.amount_paid")
    def _compute_amount_paid(self):
        Payment = self.env["g2p.payment"]
        ids = self._origin.ids
        Payment.flush_model(["entitlement_id", "status", "amount_paid"])
        paid = {
            entitlement.id: amount
            for entitlement, amount in Payment._read_group(
                [("entitlement_id", "in", ids), ("status", "=", "paid")],
                ["entitlement_id"],
                ["amount_paid:sum"],
            )
        }
        latest = {
            entitlement.id: payment_id
            for entitlement, payment_id in Payment._read_group(
                [("entitlement_id", "in", ids)], ["entitlement_id"], ["id:max"]
            )
        }
        statuses = {payment.id: payment.status for payment in Payment.browse(list(latest.values()))}
        # Monetary assignments round with each record's currency: read them at once.
        self._origin.fetch(["currency_id"])
        for entitlement in self:
            origin = entitlement._origin.id
            entitlement.amount_paid = paid.get(origin, 0.0)
            entitlement.last_payment_status = statuses.get(latest.get(origin), False)

    @api.depends("initial_amount", "amount_paid", "state")
    def _compute_amount_awaited(self):
        self._origin.fetch(["currency_id", "state", "initial_amount"])
        for entitlement in self:
            if entitlement.state in PAYABLE_STATES:
                entitlement.amount_awaited = max(entitlement.initial_amount - entitlement.amount_paid, 0.0)
            else:
                entitlement.amount_awaited = 0.0

    def _g2p_check_not_overpaid(self):
        for entitlement in self:
            if (
                entitlement.currency_id.compare_amounts(entitlement.amount_paid, entitlement.initial_amount)
                > 0
            ):
                raise ValidationError(
                    _(
                        "Payments of %(paid)s would exceed the %(amount)s of " "entitlement %(name)s.",
                        paid=entitlement.amount_paid,
                        amount=entitlement.initial_amount,
                        name=entitlement.display_name,
                    )
                )

    def _g2p_sync_payment_state(self):
        """Follow the paid amount: approved, partially paid or paid."""
        for entitlement in self.filtered(lambda e: e.state in ("approved", "partially_paid", "paid")):
            paid = entitlement.amount_paid
            currency = entitlement.currency_id
            if currency.compare_amounts(paid, 0) <= 0:
                state = "approved"
            elif currency.compare_amounts(paid, entitlement.initial_amount) >= 0:
                state = "paid"
            else:
                state = "partially_paid"
            if state != entitlement.state:
                in_transition(entitlement).write({"state": state})

    def _g2p_check_no_payment_in_flight(self, action):
        # A transfer still under way may yet succeed: it is settled (paid or
        # failed) before the entitlement stops being owed.
        for entitlement in self:
            if "issued" in entitlement.payment_ids.mapped("status"):
                raise UserError(
                    _(
                        "Cannot %(action)s the entitlement %(name)s: a payment is still in progress; "
                        "mark it paid or failed first.",
                        action=action,
                        name=entitlement.display_name,
                    )
                )

    def _check_can_record_payment(self):
        self._g2p_check_transition(PAYABLE_STATES, _("record a payment for"))

    def action_open_payment_wizard(self):
        self.ensure_one()
        self._check_can_record_payment()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record Payment"),
            "res_model": "g2p.payment.record.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_entitlement_id": self.id},
        }
