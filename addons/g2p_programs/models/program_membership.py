# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .demo_dates import g2p_demo_date
from .workflow_mixin import in_transition

MEMBERSHIP_STATES = [
    ("draft", "Draft"),
    ("enrolled", "Enrolled"),
    ("paused", "Paused"),
    ("exited", "Exited"),
    ("not_eligible", "Not Eligible"),
    ("duplicated", "Duplicated"),
]


class G2PProgramMembership(models.Model):
    _name = "g2p.program_membership"
    _description = "Program Membership"
    _inherit = ["mail.thread", "g2p.workflow.mixin"]
    _order = "id desc"
    _rec_names_search = ["partner_id", "program_id"]
    _g2p_workflow_fields = ("state", "enrollment_date", "exit_date")
    _g2p_workflow_initial = {"state": "draft", "enrollment_date": False, "exit_date": False}

    partner_id = fields.Many2one(
        "res.partner",
        string="Registrant",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_registrant", "=", True)],
    )
    program_id = fields.Many2one("g2p.program", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    state = fields.Selection(MEMBERSHIP_STATES, default="draft", required=True, tracking=True, copy=False)
    enrollment_date = fields.Date(tracking=True, copy=False)
    exit_date = fields.Date(tracking=True, copy=False)
    # Which transition buttons the form shows (see g2p.workflow.mixin).
    can_enroll = fields.Boolean(compute="_compute_can")
    can_pause = fields.Boolean(compute="_compute_can")
    can_resume = fields.Boolean(compute="_compute_can")
    can_exit = fields.Boolean(compute="_compute_can")
    can_not_eligible = fields.Boolean(compute="_compute_can")
    can_duplicated = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        (
            "partner_program_unique",
            "unique(partner_id, program_id)",
            "A registrant has one membership per program.",
        ),
    ]

    @api.depends("partner_id", "program_id")
    def _compute_display_name(self):
        for membership in self:
            partner = membership.partner_id.name or ""
            program = membership.program_id.name or ""
            membership.display_name = f"{partner} / {program}"

    @api.constrains("partner_id", "program_id")
    def _check_partner_fits_program(self):
        # Entitlements are generated for enrolled memberships: only registrants of
        # the program's target type may hold one.
        for membership in self:
            partner = membership.partner_id
            if not partner.is_registrant:
                raise ValidationError(_("%s is not a registrant and cannot join a program.", partner.name))
            if bool(partner.is_group) != (membership.program_id.target_type == "group"):
                raise ValidationError(
                    _(
                        "%(partner)s cannot join %(program)s: the program is not for this kind of registrant.",
                        partner=partner.name,
                        program=membership.program_id.name,
                    )
                )

    def write(self, vals):
        if {"partner_id", "program_id"} & set(vals):
            # Entitlements are generated from enrolled memberships: moving one would
            # enrol someone else, or in another program, without an application.
            started = self.filtered(lambda m: m.state != "draft")
            if started:
                raise UserError(
                    _(
                        "The membership of %(partner)s in %(program)s has started: "
                        "its registrant and program can no longer change.",
                        partner=started[0].partner_id.name,
                        program=started[0].program_id.name,
                    )
                )
        return super().write(vals)

    # Transitions ("can I?" then "do it")

    def _g2p_workflow_label(self):
        self.ensure_one()
        return _(
            "the membership of %(partner)s in %(program)s",
            partner=self.partner_id.name,
            program=self.program_id.name,
        )

    def _check_can_enroll(self):
        self._g2p_check_transition(("draft", "exited", "not_eligible"), _("enrol"))

    def _check_can_pause(self):
        self._g2p_check_transition(("enrolled",), _("pause"))

    def _check_can_resume(self):
        self._g2p_check_transition(("paused",), _("resume"))

    def _check_can_exit(self):
        self._g2p_check_transition(("enrolled", "paused"), _("exit"))

    def _check_can_not_eligible(self):
        self._g2p_check_transition(("draft", "enrolled", "paused"), _("mark as not eligible"))

    def _check_can_duplicated(self):
        self._g2p_check_transition(("draft", "enrolled", "paused"), _("mark as duplicated"))

    def _g2p_enroll(self):
        """Enrol without a state guard: used when an application is approved."""
        backdated = g2p_demo_date(self.env)
        today = backdated.date() if backdated else fields.Date.context_today(self)
        to_enroll = self.filtered(lambda m: m.state != "enrolled")
        in_transition(to_enroll).write({"state": "enrolled", "enrollment_date": today, "exit_date": False})

    def action_enroll(self):
        self._check_can_enroll()
        self._g2p_enroll()

    def action_pause(self):
        self._check_can_pause()
        self._do_pause()

    def _do_pause(self):
        in_transition(self).write({"state": "paused"})

    def action_resume(self):
        self._check_can_resume()
        self._do_resume()

    def _do_resume(self):
        in_transition(self).write({"state": "enrolled"})

    def action_exit(self):
        self._check_can_exit()
        self._do_exit()

    def _do_exit(self):
        in_transition(self).write({"state": "exited", "exit_date": fields.Date.context_today(self)})

    def action_not_eligible(self):
        self._check_can_not_eligible()
        self._do_not_eligible()

    def _do_not_eligible(self):
        in_transition(self).write({"state": "not_eligible"})

    def action_duplicated(self):
        self._check_can_duplicated()
        self._do_duplicated()

    def _do_duplicated(self):
        in_transition(self).write({"state": "duplicated"})
