# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .workflow_mixin import in_transition

CYCLE_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("distributed", "Distributed"),
    ("ended", "Ended"),
    ("cancelled", "Cancelled"),
]


class G2PCycle(models.Model):
    _name = "g2p.cycle"
    _description = "Program Cycle"
    _inherit = ["mail.thread", "g2p.workflow.mixin"]
    _order = "program_id, sequence desc, id desc"
    _g2p_workflow_fields = ("state",)
    _g2p_workflow_initial = {"state": "draft"}

    name = fields.Char(required=True, tracking=True)
    program_id = fields.Many2one("g2p.program", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    sequence = fields.Integer(default=1)
    start_date = fields.Date(tracking=True)
    end_date = fields.Date(tracking=True)
    state = fields.Selection(CYCLE_STATES, default="draft", required=True, tracking=True, copy=False)
    entitlement_ids = fields.One2many("g2p.entitlement", "cycle_id")
    entitlement_count = fields.Integer(compute="_compute_totals")
    total_amount = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    total_paid = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    # Which transition buttons the form shows (see g2p.workflow.mixin).
    can_generate_entitlements = fields.Boolean(compute="_compute_can")
    can_to_approve = fields.Boolean(compute="_compute_can")
    can_approve = fields.Boolean(compute="_compute_can")
    can_distributed = fields.Boolean(compute="_compute_can")
    can_end = fields.Boolean(compute="_compute_can")
    can_cancel = fields.Boolean(compute="_compute_can")
    can_reset_draft = fields.Boolean(compute="_compute_can")

    @api.constrains("start_date", "end_date")
    def _check_dates(self):
        for cycle in self:
            if cycle.start_date and cycle.end_date and cycle.end_date < cycle.start_date:
                raise ValidationError(_("A cycle cannot end before it starts."))

    def _compute_totals(self):
        ids = self.filtered("id").ids
        self.env["g2p.entitlement"].flush_model(["cycle_id", "initial_amount", "amount_paid", "state"])
        totals = {
            cycle: (count, amount, paid)
            for cycle, count, amount, paid in self.env["g2p.entitlement"]._read_group(
                [("cycle_id", "in", ids), ("state", "!=", "cancelled")],
                ["cycle_id"],
                ["__count", "initial_amount:sum", "amount_paid:sum"],
            )
        }
        for cycle in self:
            count, amount, paid = totals.get(cycle, (0, 0.0, 0.0))
            cycle.entitlement_count = count
            cycle.total_amount = amount
            cycle.total_paid = paid

    def _g2p_entitlement_amounts(self, partners):
        """Amount per partner from the program rule (one query for the members)."""
        self.ensure_one()
        program = self.program_id
        amounts = {partner: program.entitlement_amount for partner in partners}
        if program.target_type == "group" and program.entitlement_per_member:
            today = fields.Date.context_today(self)
            counts = dict(
                self.env["g2p.group.membership"]._read_group(
                    [
                        ("group", "in", partners.ids),
                        "|",
                        ("ended_date", "=", False),
                        ("ended_date", ">", today),
                    ],
                    ["group"],
                    ["__count"],
                )
            )
            amounts = {partner: program.entitlement_amount * counts.get(partner, 0) for partner in partners}
        return amounts

    # Transitions ("can I?" then "do it")

    def _g2p_workflow_label(self):
        self.ensure_one()
        return _("the cycle %s", self.name)

    def _check_can_generate_entitlements(self):
        self._g2p_check_state(("draft",), _("generate entitlements for"))
        self.env["g2p.entitlement"].check_access_rights("create")

    def _check_can_to_approve(self):
        self._g2p_check_transition(("draft",), _("submit for approval"))

    def _check_can_approve(self):
        self._g2p_check_transition(("to_approve",), _("approve"))

    def _check_can_distributed(self):
        self._g2p_check_transition(("approved",), _("mark as distributed"))

    def _check_can_end(self):
        self._g2p_check_transition(("approved", "distributed"), _("end"))

    def _check_can_cancel(self):
        self._g2p_check_transition(("draft", "to_approve"), _("cancel"))
        # Entitlements approved one by one are owed (or paid): cancel them first.
        # One row at most, whatever the cycle's size (the form computes this).
        Entitlement = self.env["g2p.entitlement"]
        approved = Entitlement.browse(
            tuple(
                Entitlement._search(
                    [
                        ("cycle_id", "in", self.ids),
                        ("state", "in", ("approved", "partially_paid", "paid", "expired")),
                    ],
                    limit=1,
                )
            )
        )
        if approved:
            raise UserError(
                _(
                    "The cycle %(cycle)s has approved entitlements (%(entitlement)s) and cannot be cancelled.",
                    cycle=approved[0].cycle_id.name,
                    entitlement=approved[0].display_name,
                )
            )

    def _check_can_reset_draft(self):
        self._g2p_check_transition(("to_approve", "cancelled"), _("reset"))

    def action_generate_entitlements(self):
        self._check_can_generate_entitlements()
        return self._do_generate_entitlements()

    def _do_generate_entitlements(self):
        Entitlement = self.env["g2p.entitlement"]
        created = Entitlement
        for cycle in self:
            memberships = self.env["g2p.program_membership"].search(
                [("program_id", "=", cycle.program_id.id), ("state", "=", "enrolled")]
            )
            already = Entitlement.search(
                [("cycle_id", "=", cycle.id), ("state", "!=", "cancelled")]
            ).partner_id
            partners = memberships.partner_id - already
            amounts = cycle._g2p_entitlement_amounts(partners)
            currency = cycle.program_id.currency_id
            created |= Entitlement.create(
                [
                    {
                        "cycle_id": cycle.id,
                        "partner_id": partner.id,
                        "initial_amount": amounts[partner],
                        "valid_from": cycle.start_date,
                        "valid_until": cycle.end_date,
                    }
                    for partner in partners
                    # Nothing owed (e.g. a household without active members): an
                    # empty entitlement could never be submitted and would block the
                    # approval of the whole cycle.
                    if currency.compare_amounts(amounts[partner], 0) > 0
                ]
            )
        return created

    def action_to_approve(self):
        self._check_can_to_approve()
        self._do_to_approve()

    def _do_to_approve(self):
        in_transition(self).write({"state": "to_approve"})

    def action_approve(self):
        self._check_can_approve()
        self._do_approve()

    def _do_approve(self):
        in_transition(self).write({"state": "approved"})
        # Searched, not read from entitlement_ids: a cycle may have a million of them.
        Entitlement = self.env["g2p.entitlement"]
        Entitlement.search([("cycle_id", "in", self.ids), ("state", "=", "draft")]).action_submit()
        Entitlement.search(
            [("cycle_id", "in", self.ids), ("state", "=", "pending_validation")]
        ).action_approve()

    def action_distributed(self):
        self._check_can_distributed()
        self._do_distributed()

    def _do_distributed(self):
        in_transition(self).write({"state": "distributed"})

    def action_end(self):
        self._check_can_end()
        self._do_end()

    def _do_end(self):
        in_transition(self).write({"state": "ended"})

    def action_cancel(self):
        self._check_can_cancel()
        self._do_cancel()

    def _do_cancel(self):
        self.entitlement_ids.filtered(lambda e: e.state in ("draft", "pending_validation")).action_cancel()
        in_transition(self).write({"state": "cancelled"})

    def action_reset_draft(self):
        self._check_can_reset_draft()
        self._do_reset_draft()

    def _do_reset_draft(self):
        in_transition(self).write({"state": "draft"})

    def action_open_entitlements(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Entitlements"),
            "res_model": "g2p.entitlement",
            "view_mode": "tree,form",
            "domain": [("cycle_id", "=", self.id)],
            "context": {"default_cycle_id": self.id},
        }
