# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .workflow_mixin import in_transition

CLOSED_CYCLE_STATES = ("ended", "cancelled")
# Who gets the money and from which cycle are part of what was approved.
LOCKED_AFTER_VALIDATION = ("initial_amount", "partner_id", "cycle_id")

ENTITLEMENT_STATES = [
    ("draft", "Draft"),
    ("pending_validation", "Pending Validation"),
    ("approved", "Approved"),
    ("partially_paid", "Partially Paid"),
    ("paid", "Paid"),
    ("cancelled", "Cancelled"),
    ("expired", "Expired"),
]
PAYABLE_STATES = ("approved", "partially_paid")
PAYMENT_STATUSES = [("issued", "Issued"), ("paid", "Paid"), ("failed", "Failed")]


class G2PEntitlement(models.Model):
    _name = "g2p.entitlement"
    _description = "Entitlement"
    _inherit = ["mail.thread", "g2p.workflow.mixin"]
    # Newest first. Not "id desc": the primary key serves that order, and PostgreSQL then
    # walks it backwards filtering on the program, which reads millions of rows when a
    # program's entitlements are old; g2p_entitlement_program_recent serves this order.
    _order = "create_date desc, id desc"
    _rec_names_search = ["code", "partner_id"]
    _g2p_workflow_fields = ("state", "code", "approval_date", "approved_by_id")
    _g2p_workflow_initial = {"state": "draft", "code": False, "approval_date": False, "approved_by_id": False}

    code = fields.Char(string="Reference Number", readonly=True, copy=False, index=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Beneficiary",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_registrant", "=", True)],
    )
    cycle_id = fields.Many2one("g2p.cycle", required=True, index=True, ondelete="restrict")
    program_id = fields.Many2one(related="cycle_id.program_id", store=True, index=True, string="Program")
    company_id = fields.Many2one(related="cycle_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="program_id.currency_id", store=True)
    initial_amount = fields.Monetary(
        string="Amount", currency_field="currency_id", required=True, tracking=True
    )
    valid_from = fields.Date()
    valid_until = fields.Date()
    state = fields.Selection(
        ENTITLEMENT_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    approval_date = fields.Date(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    # Which transition buttons the form shows (see g2p.workflow.mixin).
    can_submit = fields.Boolean(compute="_compute_can")
    can_approve = fields.Boolean(compute="_compute_can")
    can_cancel = fields.Boolean(compute="_compute_can")
    can_expire = fields.Boolean(compute="_compute_can")
    can_record_payment = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The entitlement reference number must be unique."),
        (
            "initial_amount_positive",
            "CHECK(initial_amount >= 0)",
            "The entitlement amount cannot be negative.",
        ),
    ]

    def init(self):
        # One live entitlement per beneficiary and cycle, enforced by the database
        # so that two generations (or a manual entry racing one) cannot pay twice.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS g2p_entitlement_one_per_cycle
            ON g2p_entitlement (cycle_id, partner_id)
            WHERE state != 'cancelled'
            """
        )

    @api.depends("code", "partner_id", "cycle_id")
    def _compute_display_name(self):
        for entitlement in self:
            entitlement.display_name = entitlement.code or _(
                "Draft entitlement of %s", entitlement.partner_id.name or ""
            )

    @api.constrains("partner_id")
    def _check_partner_is_registrant(self):
        for entitlement in self:
            if not entitlement.partner_id.is_registrant:
                raise ValidationError(
                    _(
                        "%s is not a registrant and cannot receive an entitlement.",
                        entitlement.partner_id.name,
                    )
                )

    @api.constrains("valid_from", "valid_until")
    def _check_validity(self):
        for entitlement in self:
            if (
                entitlement.valid_from
                and entitlement.valid_until
                and entitlement.valid_until < entitlement.valid_from
            ):
                raise ValidationError(_("An entitlement cannot end before it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        self._g2p_check_workflow_create(vals_list)
        self._g2p_check_cycles_open(
            self.env["g2p.cycle"].browse({vals["cycle_id"] for vals in vals_list if vals.get("cycle_id")})
        )
        self._g2p_check_no_duplicate(vals_list)
        entitlements = super().create(vals_list)
        entitlements._g2p_check_enrolled()
        return entitlements

    def write(self, vals):
        self._g2p_check_workflow_write(vals)
        touched = [name for name in LOCKED_AFTER_VALIDATION if name in vals]
        if touched:
            locked = self.filtered(lambda e: e.state not in ("draft", "pending_validation"))
            if locked:
                raise UserError(
                    _(
                        "The amount, beneficiary and cycle of entitlement %s can no longer be changed.",
                        locked[0].display_name,
                    )
                )
        if vals.get("cycle_id"):
            self._g2p_check_cycles_open(self.env["g2p.cycle"].browse(vals["cycle_id"]))
        if vals.get("cycle_id") or vals.get("partner_id"):
            self._g2p_check_no_duplicate(
                [
                    {
                        "cycle_id": vals.get("cycle_id") or entitlement.cycle_id.id,
                        "partner_id": vals.get("partner_id") or entitlement.partner_id.id,
                    }
                    for entitlement in self.filtered(lambda e: e.state != "cancelled")
                ],
                exclude=self,
            )
        result = super().write(vals)
        if vals.get("cycle_id") or vals.get("partner_id"):
            self._g2p_check_enrolled()
        return result

    def _g2p_check_enrolled(self):
        """Money goes only to registrants enrolled in the cycle's program.

        Checked on creation (cycle generation creates entitlements for enrolled
        members only) and again on submission and approval, when a membership
        may have been paused or ended in between.
        """
        entitlements = self.filtered(lambda e: e.state != "cancelled")
        if not entitlements:
            return
        enrolled = {
            (membership.partner_id.id, membership.program_id.id)
            for membership in self.env["g2p.program_membership"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", entitlements.partner_id.ids),
                    ("program_id", "in", entitlements.program_id.ids),
                    ("state", "=", "enrolled"),
                ]
            )
        }
        for entitlement in entitlements:
            if (entitlement.partner_id.id, entitlement.program_id.id) not in enrolled:
                raise UserError(
                    _(
                        "%(partner)s is not enrolled in the program %(program)s and cannot receive "
                        "an entitlement from it.",
                        partner=entitlement.partner_id.name,
                        program=entitlement.program_id.name,
                    )
                )

    def _g2p_check_cycles_open(self, cycles):
        for cycle in cycles.sudo().exists():
            if cycle.state in CLOSED_CYCLE_STATES:
                raise UserError(
                    _(
                        "The cycle %s is closed: its entitlements can no longer change.",
                        cycle.name,
                    )
                )

    def _g2p_check_no_duplicate(self, vals_list, exclude=None):
        """Clear message for the common case; the unique index covers races."""
        pairs = [(vals.get("cycle_id"), vals.get("partner_id")) for vals in vals_list]
        pairs = [pair for pair in pairs if all(pair)]
        if not pairs:
            return
        if len(set(pairs)) < len(pairs):
            raise UserError(_("A beneficiary can have only one entitlement per cycle."))
        domain = [
            ("cycle_id", "in", [cycle for cycle, _partner in pairs]),
            ("partner_id", "in", [partner for _cycle, partner in pairs]),
            ("state", "!=", "cancelled"),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        existing = self.sudo().search(domain)
        clash = {(e.cycle_id.id, e.partner_id.id) for e in existing} & set(pairs)
        if clash:
            partner = self.env["res.partner"].sudo().browse(next(iter(clash))[1])
            raise UserError(
                _(
                    "%s already has an entitlement in this cycle.",
                    partner.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_audit_record(self):
        # Approved once (a reference number) or cancelled: the record of what was
        # owed stays, even for administrators; cancel an entitlement instead.
        if self._g2p_may_unlink_audit_records():
            return
        kept = self.filtered(lambda e: e.code or e.state not in ("draft", "pending_validation"))
        if kept:
            raise UserError(
                _(
                    "The entitlement %s is kept as an audit record and cannot be deleted: "
                    "only draft or pending entitlements that were never approved can be. "
                    "Cancel it instead.",
                    kept[0].display_name,
                )
            )

    # Transitions ("can I?" then "do it")

    def _g2p_workflow_label(self):
        self.ensure_one()
        return _("the entitlement %s", self.display_name)

    def _check_can_submit(self):
        self._g2p_check_transition(("draft",), _("submit"))
        self._g2p_check_enrolled()
        for entitlement in self:
            if entitlement.currency_id.compare_amounts(entitlement.initial_amount, 0) <= 0:
                raise UserError(
                    _(
                        "The entitlement %s has no amount to submit.",
                        entitlement.display_name,
                    )
                )

    def _check_can_approve(self):
        self._g2p_check_transition(("pending_validation",), _("approve"))
        self._g2p_check_cycles_open(self.cycle_id)
        self._g2p_check_enrolled()

    def _check_can_cancel(self):
        self._g2p_check_transition(("draft", "pending_validation", "approved"), _("cancel"))
        self._g2p_check_no_payment_in_flight(_("cancel"))
        for entitlement in self:
            if entitlement.amount_paid:
                raise UserError(
                    _(
                        "The entitlement %s has payments and cannot be cancelled.",
                        entitlement.display_name,
                    )
                )

    def _check_can_expire(self):
        self._g2p_check_transition(PAYABLE_STATES, _("expire"))
        self._g2p_check_no_payment_in_flight(_("expire"))

    def action_submit(self):
        self._check_can_submit()
        self._do_submit()

    def _do_submit(self):
        in_transition(self).write({"state": "pending_validation"})

    def action_approve(self):
        self._check_can_approve()
        self._do_approve()

    def _do_approve(self):
        today = fields.Date.context_today(self)
        Sequence = self.env["ir.sequence"].sudo()
        for entitlement in self:
            in_transition(entitlement).write(
                {
                    "state": "approved",
                    "code": Sequence.next_by_code("g2p.entitlement"),
                    "approval_date": today,
                    "approved_by_id": self.env.uid,
                }
            )

    def action_cancel(self):
        self._check_can_cancel()
        self._do_cancel()

    def _do_cancel(self):
        in_transition(self).write({"state": "cancelled"})

    def action_expire(self):
        self._check_can_expire()
        self._do_expire()

    def _do_expire(self):
        in_transition(self).write({"state": "expired"})

    @api.model
    def _g2p_cron_expire(self):
        """Expire approved entitlements past their validity with nothing received.

        Entitlements with a payment still in flight (issued) are left alone: the
        transfer may yet succeed and someone must settle it first.
        """
        today = fields.Date.context_today(self)
        overdue = self.search([("state", "=", "approved"), ("valid_until", "<", today)]).filtered(
            lambda e: e.currency_id.is_zero(e.amount_paid) and "issued" not in e.payment_ids.mapped("status")
        )
        if overdue:
            overdue.action_expire()
        return overdue
