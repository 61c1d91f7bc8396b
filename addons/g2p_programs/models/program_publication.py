# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A program goes live on purpose: draft → published (→ closed for applications),
and accepts applications only while published and within its application dates."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .workflow_mixin import in_transition

PUBLICATION_STATES = [
    ("draft", "Draft"),
    ("published", "Published"),
    ("closed", "Closed for applications"),
]


class G2PProgramPublication(models.Model):
    _inherit = "g2p.program"
    # The publication changes only through its buttons, like the state (g2p.workflow.mixin).
    _g2p_workflow_fields = ("state", "publication_state")
    _g2p_workflow_initial = {"state": "active", "publication_state": "draft"}

    publication_state = fields.Selection(
        PUBLICATION_STATES,
        "Publication",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
        help="Draft: only administrators see the program. Published: registrants see it and may apply "
        "between the opening and closing dates. Closed: no new applications.",
    )
    application_start_date = fields.Date(
        "Applications open on", tracking=True, help="Empty: as soon as the program is published."
    )
    application_end_date = fields.Date(
        "Applications close after", tracking=True, help="Last day applications are accepted. Empty: no end."
    )
    accepting_applications = fields.Boolean(
        compute="_compute_accepting_applications", search="_search_accepting_applications"
    )

    @api.constrains("application_start_date", "application_end_date")
    def _check_application_dates(self):
        for program in self:
            start, end = program.application_start_date, program.application_end_date
            if start and end and end < start:
                raise ValidationError(_("Applications to %s cannot close before they open.", program.name))

    # -- who may apply now -------------------------------------------------------------------
    @api.model
    def _g2p_accepting_applications_domain(self, today=None):
        """Programs that accept applications today: active, published, within their dates."""
        today = today or fields.Date.context_today(self)
        return [
            ("state", "=", "active"),
            ("publication_state", "=", "published"),
            "|",
            ("application_start_date", "=", False),
            ("application_start_date", "<=", today),
            "|",
            ("application_end_date", "=", False),
            ("application_end_date", ">=", today),
        ]

    def _g2p_publication_refusal(self):
        """Why this program does not accept applications today (publication and dates), or False."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.publication_state == "draft":
            return _("The program %s is not open for applications yet.", self.name)
        if self.publication_state == "closed":
            return _("The program %s is closed for applications.", self.name)
        if self.application_start_date and self.application_start_date > today:
            return _(
                "Applications to %(program)s open on %(date)s.",
                program=self.name,
                date=self.application_start_date,
            )
        if self.application_end_date and self.application_end_date < today:
            return _(
                "Applications to %(program)s closed on %(date)s.",
                program=self.name,
                date=self.application_end_date,
            )
        return False

    def _g2p_refusal_reason_from(self, partner, applications, check_open):
        reason = super()._g2p_refusal_reason_from(partner, applications, check_open)
        if reason or not self.active or self.state != "active":
            return reason
        return self._g2p_publication_refusal()

    @api.depends("state", "publication_state", "application_start_date", "application_end_date")
    @api.depends_context("tz")
    def _compute_accepting_applications(self):
        for program in self:
            program.accepting_applications = (
                program.active and program.state == "active" and not program._g2p_publication_refusal()
            )

    def _search_accepting_applications(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on accepting applications."))
        domain = self._g2p_accepting_applications_domain()
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    # -- transitions -------------------------------------------------------------------------
    def _g2p_publish_checks(self):
        """Problems that prevent publishing, as translated sentences (extended by modules)."""
        self.ensure_one()
        problems = []
        if self.state != "active":
            problems.append(_("The program %s has ended.", self.name))
        return problems

    def action_publish(self):
        for program in self:
            if program.publication_state == "published":
                raise UserError(_("The program %s is already published.", program.name))
            problems = program._g2p_publish_checks()
            if problems:
                raise UserError(
                    _("%(program)s cannot be published yet:", program=program.name)
                    + "\n"
                    + "\n".join(f"• {problem}" for problem in problems)
                )
        in_transition(self).write({"publication_state": "published"})

    def action_close_applications(self):
        for program in self:
            if program.publication_state != "published":
                raise UserError(_("Only a published program can be closed (%s).", program.name))
        in_transition(self).write({"publication_state": "closed"})

    def action_back_to_draft(self):
        for program in self:
            if program.publication_state == "draft":
                raise UserError(_("The program %s is already a draft.", program.name))
            if program.application_ids:
                raise UserError(
                    _("%s already has applications: close it for applications instead.", program.name)
                )
        in_transition(self).write({"publication_state": "draft"})
