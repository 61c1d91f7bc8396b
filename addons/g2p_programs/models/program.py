# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .workflow_mixin import in_transition

OPEN_APPLICATION_STATES = ("submitted", "under_review", "approved")


class G2PProgram(models.Model):
    _name = "g2p.program"
    _description = "Social Protection Program"
    _inherit = ["mail.thread", "g2p.workflow.mixin"]
    _order = "name, id"
    _g2p_workflow_fields = ("state",)
    _g2p_workflow_initial = {"state": "active"}

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [("active", "Active"), ("ended", "Ended")],
        default="active",
        required=True,
        tracking=True,
        copy=False,
    )
    target_type = fields.Selection(
        [("individual", "Individual"), ("group", "Group")],
        default="individual",
        required=True,
        tracking=True,
    )
    description = fields.Html(translate=True)
    benefits = fields.Html(translate=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    allow_multiple_applications = fields.Boolean(
        help="A registrant may apply again once the previous application is finished."
    )
    required_document_type_ids = fields.Many2many("g2p.document.type", string="Required Documents")
    document_max_size_mb = fields.Float(string="Maximum Document Size (MB)", default=5.0, required=True)
    document_allowed_mimetypes = fields.Char(
        string="Allowed Document Types",
        default="application/pdf,image/jpeg,image/png",
        required=True,
        help="Comma separated MIME types, checked against the content of each upload.",
    )
    entitlement_amount = fields.Monetary(
        currency_field="currency_id",
        help="Amount of each entitlement generated for an enrolled beneficiary.",
    )
    entitlement_per_member = fields.Boolean(
        help="Group programs: the amount is multiplied by the number of active " "members of the household."
    )
    membership_ids = fields.One2many("g2p.program_membership", "program_id")
    application_ids = fields.One2many("g2p.program.application", "program_id")
    cycle_ids = fields.One2many("g2p.cycle", "program_id")
    application_count = fields.Integer(compute="_compute_counts")
    enrolled_count = fields.Integer(compute="_compute_counts")
    cycle_count = fields.Integer(compute="_compute_counts")
    # Which transition buttons the form shows (see g2p.workflow.mixin).
    can_end = fields.Boolean(compute="_compute_can")
    can_reopen = fields.Boolean(compute="_compute_can")
    can_create_cycle = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        (
            "document_max_size_positive",
            "CHECK(document_max_size_mb > 0)",
            "The maximum document size must be positive.",
        ),
        (
            "entitlement_amount_positive",
            "CHECK(entitlement_amount IS NULL OR entitlement_amount >= 0)",
            "The entitlement amount cannot be negative.",
        ),
    ]

    def write(self, vals):
        self._g2p_check_money_settings(vals)
        return super().write(vals)

    def _g2p_check_money_settings(self, vals):
        """Entitlements and payments follow the program's currency and company:
        once there are some, changing either would silently restate them."""
        for name in ("currency_id", "company_id"):
            if name not in vals:
                continue
            changed = self.filtered(lambda p, name=name: p[name].id != vals[name])
            if changed and self.env["g2p.entitlement"].sudo().search_count(
                [("program_id", "in", changed.ids)], limit=1
            ):
                raise UserError(
                    _(
                        "%(field)s of %(program)s cannot change: the program already has entitlements.",
                        field=self._fields[name].string,
                        program=changed[0].name,
                    )
                )

    def _compute_counts(self):
        real = self.filtered("id")
        domain = [("program_id", "in", real.ids)]
        apps = dict(self.env["g2p.program.application"]._read_group(domain, ["program_id"], ["__count"]))
        enrolled = dict(
            self.env["g2p.program_membership"]._read_group(
                domain + [("state", "=", "enrolled")], ["program_id"], ["__count"]
            )
        )
        cycles = dict(self.env["g2p.cycle"]._read_group(domain, ["program_id"], ["__count"]))
        for program in self:
            program.application_count = apps.get(program, 0)
            program.enrolled_count = enrolled.get(program, 0)
            program.cycle_count = cycles.get(program, 0)

    @api.constrains("document_allowed_mimetypes")
    def _check_document_allowed_mimetypes(self):
        for program in self:
            if not program._g2p_allowed_mimetypes():
                raise ValidationError(_("List at least one allowed document type."))

    def _g2p_allowed_mimetypes(self):
        self.ensure_one()
        return {
            part.strip().lower()
            for part in (self.document_allowed_mimetypes or "").split(",")
            if part.strip()
        }

    # Transitions

    def _g2p_workflow_label(self):
        self.ensure_one()
        return _("the program %s", self.name)

    def _check_can_end(self):
        for program in self:
            if program.state != "active":
                raise UserError(_("Only an active program can be ended (%s).", program.name))
        self.check_access_rights("write")
        self.check_access_rule("write")

    def _check_can_reopen(self):
        for program in self:
            if program.state != "ended":
                raise UserError(_("Only an ended program can be reopened (%s).", program.name))
        self.check_access_rights("write")
        self.check_access_rule("write")

    def _check_can_create_cycle(self):
        if any(program.state != "active" for program in self):
            raise UserError(_("Cycles can only be created for an active program."))
        self.env["g2p.cycle"].check_access_rights("create")

    def action_end(self):
        self._check_can_end()
        self._do_end()

    def _do_end(self):
        in_transition(self).write({"state": "ended"})

    def action_reopen(self):
        self._check_can_reopen()
        self._do_reopen()

    def _do_reopen(self):
        in_transition(self).write({"state": "active"})

    def action_create_cycle(self):
        self.ensure_one()
        self._check_can_create_cycle()
        return self._do_create_cycle()

    def _do_create_cycle(self):
        last = self.env["g2p.cycle"].search(
            [("program_id", "=", self.id)], order="sequence desc, id desc", limit=1
        )
        sequence = (last.sequence or 0) + 1
        start = (
            last.end_date + relativedelta(days=1)
            if last and last.end_date
            else fields.Date.context_today(self)
        )
        cycle = self.env["g2p.cycle"].create(
            {
                "program_id": self.id,
                "sequence": sequence,
                "name": _("Cycle %s", sequence),
                "start_date": start,
                "end_date": start + relativedelta(months=1, days=-1),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "g2p.cycle",
            "res_id": cycle.id,
            "view_mode": "form",
            "target": "current",
        }

    # Applying

    def _g2p_refusal_reasons(self, partner, check_open=True):
        """Why ``partner`` may not apply to each program of ``self`` now.

        :return: {program id: translated reason, or False}, computed with one query
            whatever the number of programs (the portal lists a page of them).

        Applications are looked up as superuser: the answer must not depend on
        which applications the caller happens to be allowed to read.
        """
        previous = defaultdict(list)
        if partner and self:
            applications = (
                self.env["g2p.program.application"]
                .sudo()
                .search_read(
                    [("partner_id", "=", partner.id), ("program_id", "in", self.ids)],
                    ["program_id", "state", "name"],
                    order="id desc",
                )
            )
            for application in applications:
                previous[application["program_id"][0]].append(application)
        return {
            program.id: program._g2p_refusal_reason_from(partner, previous[program.id], check_open)
            for program in self
        }

    def _g2p_refusal_reason_from(self, partner, applications, check_open):
        """The rule itself, given ``partner``'s applications to this program (newest first)."""
        self.ensure_one()
        if not self.active or self.state != "active":
            return _("The program %s is no longer accepting applications.", self.name)
        if not partner or not partner.is_registrant:
            return _("Only registrants can apply to a program.")
        if self.target_type == "group" and not partner.is_group:
            return _(
                "The program %s is for households: it must be requested for the household by its head.",
                self.name,
            )
        if self.target_type == "individual" and partner.is_group:
            return _("The program %s is for individuals, not households.", self.name)
        open_ones = [a for a in applications if a["state"] in OPEN_APPLICATION_STATES]
        if check_open and open_ones:
            return _(
                "An application (%(name)s) to %(program)s is already in progress.",
                name=open_ones[0]["name"],
                program=self.name,
            )
        if not self.allow_multiple_applications and len(applications) > len(open_ones):
            return _(
                "You have already applied to %s; this program accepts one application per registrant.",
                self.name,
            )
        return False

    def _g2p_refusal_reason(self, partner, check_open=True):
        """Why ``partner`` may not apply to this program now, or False."""
        self.ensure_one()
        return self._g2p_refusal_reasons(partner, check_open)[self.id]

    def _g2p_apply_refusal_reason(self, partner):
        """Translated reason why ``partner`` cannot apply now, or False."""
        return self._g2p_refusal_reason(partner, check_open=True)

    # Stat buttons

    def _g2p_open_related(self, model, name, extra_domain=None):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "tree,form",
            "domain": [("program_id", "=", self.id)] + (extra_domain or []),
            "context": {"default_program_id": self.id},
        }

    def action_open_applications(self):
        return self._g2p_open_related("g2p.program.application", _("Applications"))

    def action_open_enrolled(self):
        return self._g2p_open_related(
            "g2p.program_membership", _("Beneficiaries"), [("state", "=", "enrolled")]
        )

    def action_open_cycles(self):
        return self._g2p_open_related("g2p.cycle", _("Cycles"))
