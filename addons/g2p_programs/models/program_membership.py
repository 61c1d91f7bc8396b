from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .demo_dates import g2p_demo_date
from .state_guard import check_related_write, check_workflow_create, check_workflow_write, in_transition

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
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_names_search = ["partner_id", "program_id"]

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

    @api.model_create_multi
    def create(self, vals_list):
        check_workflow_create(
            self, vals_list, {"state": "draft", "enrollment_date": False, "exit_date": False}
        )
        return super().create(vals_list)

    def write(self, vals):
        check_workflow_write(self, vals, ("state", "enrollment_date", "exit_date"))
        check_related_write(self, vals)
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

    def _g2p_check_state(self, allowed, action):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for membership in self:
            if membership.state not in allowed:
                raise UserError(
                    _(
                        "Cannot %(action)s the membership of %(partner)s in " "%(program)s: it is %(state)s.",
                        action=action,
                        partner=membership.partner_id.name,
                        program=membership.program_id.name,
                        state=labels[membership.state],
                    )
                )

    def _g2p_enroll(self):
        """Enrol without a state guard: used when an application is approved."""
        backdated = g2p_demo_date(self.env)
        today = backdated.date() if backdated else fields.Date.context_today(self)
        to_enroll = self.filtered(lambda m: m.state != "enrolled")
        in_transition(to_enroll).write({"state": "enrolled", "enrollment_date": today, "exit_date": False})

    def action_enroll(self):
        self._g2p_check_state(("draft", "exited", "not_eligible"), _("enrol"))
        self._g2p_enroll()

    def action_pause(self):
        self._g2p_check_state(("enrolled",), _("pause"))
        in_transition(self).write({"state": "paused"})

    def action_resume(self):
        self._g2p_check_state(("paused",), _("resume"))
        in_transition(self).write({"state": "enrolled"})

    def action_exit(self):
        self._g2p_check_state(("enrolled", "paused"), _("exit"))
        in_transition(self).write({"state": "exited", "exit_date": fields.Date.context_today(self)})

    def action_not_eligible(self):
        self._g2p_check_state(("draft", "enrolled", "paused"), _("mark as not eligible"))
        in_transition(self).write({"state": "not_eligible"})

    def action_duplicated(self):
        self._g2p_check_state(("draft", "enrolled", "paused"), _("mark as duplicated"))
        in_transition(self).write({"state": "duplicated"})
