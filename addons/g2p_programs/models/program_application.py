# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .program import OPEN_APPLICATION_STATES
from .workflow_mixin import in_transition

APPLICATION_STATES = [
    ("submitted", "Submitted"),
    ("under_review", "Under Review"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("completed", "Completed"),
    ("closed", "Closed"),
]
DOCUMENT_EDITABLE_STATES = ("submitted", "under_review")
MANAGER_GROUP = "g2p_registry.group_g2p_program_manager"


class G2PProgramApplication(models.Model):
    _name = "g2p.program.application"
    _description = "Program Application"
    _inherit = ["mail.thread", "g2p.workflow.mixin"]
    _order = "date_applied desc, id desc"
    _g2p_workflow_fields = (
        "state",
        "rejection_reason",
        "program_membership_id",
        "name",
        "submission_key",
        "partner_id",
        "program_id",
        "date_applied",
    )
    _g2p_workflow_initial = {"state": "submitted", "rejection_reason": False, "program_membership_id": False}

    name = fields.Char(
        string="Application ID",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index=True,
    )
    program_id = fields.Many2one("g2p.program", required=True, index=True, ondelete="restrict", tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Registrant",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_registrant", "=", True)],
        tracking=True,
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    program_membership_id = fields.Many2one(
        "g2p.program_membership", string="Membership", readonly=True, copy=False
    )
    date_applied = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True, copy=False)
    state = fields.Selection(
        APPLICATION_STATES,
        default="submitted",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    rejection_reason = fields.Text(readonly=True, copy=False, tracking=True)
    answers = fields.Json(copy=False)
    answers_html = fields.Html(string="Submitted Answers", compute="_compute_answers_html", sanitize=False)
    submission_key = fields.Char(readonly=True, copy=False)
    status_history_ids = fields.One2many("g2p.program.application.status", "application_id", readonly=True)
    document_ids = fields.One2many("g2p.program.application.document", "application_id", string="Documents")
    document_count = fields.Integer(compute="_compute_document_count")
    # Which transition buttons the form shows (see g2p.workflow.mixin).
    can_review = fields.Boolean(compute="_compute_can")
    can_approve = fields.Boolean(compute="_compute_can")
    can_reject = fields.Boolean(compute="_compute_can")
    can_complete = fields.Boolean(compute="_compute_can")
    can_close = fields.Boolean(compute="_compute_can")

    _sql_constraints = [
        ("name_unique", "unique(name)", "The application ID must be unique."),
        (
            "submission_key_unique",
            "unique(submission_key)",
            "This submission was already received.",
        ),
    ]

    def init(self):
        # One open application per registrant and program, enforced by the
        # database so that a double click or two tabs cannot create two.
        # The states listed are OPEN_APPLICATION_STATES.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS g2p_program_application_one_open
            ON g2p_program_application (partner_id, program_id)
            WHERE state IN ('submitted', 'under_review', 'approved')
            """
        )

    @api.depends("answers")
    def _compute_answers_html(self):
        for application in self:
            answers = application.answers
            if not answers or not isinstance(answers, dict):
                application.answers_html = False
                continue
            rows = Markup("").join(
                Markup("<tr><th>%s</th><td>%s</td></tr>") % (key, self._g2p_format_answer(value))
                for key, value in answers.items()
            )
            application.answers_html = Markup('<table class="table table-sm o_g2p_answers">%s</table>') % rows

    @staticmethod
    def _g2p_format_answer(value):
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        if value is None:
            return ""
        return str(value)

    def _compute_document_count(self):
        counts = dict(
            self.env["g2p.program.application.document"]._read_group(
                [("application_id", "in", self.filtered("id").ids)],
                ["application_id"],
                ["__count"],
            )
        )
        for application in self:
            application.document_count = counts.get(application, 0)

    # Creation, history

    @api.model_create_multi
    def create(self, vals_list):
        Program = self.env["g2p.program"]
        Partner = self.env["res.partner"]
        # A state change still in the cache (e.g. a rejection in the same
        # transaction) must reach the partial unique index before the insert.
        self.flush_model(["state"])
        self._g2p_check_workflow_create(vals_list)
        for vals in vals_list:
            program = Program.browse(vals.get("program_id")).exists()
            partner = Partner.browse(vals.get("partner_id")).exists()
            if program and partner:
                # An open duplicate is left to the partial unique index.
                reason = program._g2p_refusal_reason(partner, check_open=False)
                if reason:
                    raise UserError(reason)
            # Registrants submitting from the portal may not read sequences.
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code("g2p.program.application")
        applications = super().create(vals_list)
        self.env["g2p.program.application.status"]._g2p_record(applications, {})
        return applications

    def write(self, vals):
        if "state" not in vals:
            return super().write(vals)
        previous = {application.id: application.state for application in self}
        result = super().write(vals)
        self.env["g2p.program.application.status"]._g2p_record(self, previous)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        """An application someone acted on is kept with its status history.

        Deleting it would take its history along (the rows cascade in the
        database): only an application still as submitted, with no decision in
        its history, may be deleted (except by superuser code that asks for it,
        see ``workflow_mixin.audit_unlink``).
        """
        if self._g2p_may_unlink_audit_records():
            return
        decided = self.filtered(lambda a: a.state != "submitted" or len(a.sudo().status_history_ids) > 1)
        if decided:
            raise UserError(
                _(
                    "The application %s has a status history of decisions, an audit record: "
                    "it cannot be deleted. Close or reject it instead.",
                    decided[0].name,
                )
            )

    def unlink(self):
        attachments = self.document_ids.attachment_id
        result = super().unlink()
        # The document rows cascade in the database; their files go with them.
        attachments.sudo().exists().unlink()
        return result

    # Transitions ("can I?" then "do it")

    def _g2p_workflow_label(self):
        self.ensure_one()
        return _("application %s", self.name)

    def _check_can_review(self):
        self._g2p_check_transition(("submitted",), _("review"))

    def _check_can_approve(self):
        if not self.env.su and not self.user_has_groups(MANAGER_GROUP):
            raise AccessError(_("Only program managers can approve applications."))
        self._g2p_check_transition(("submitted", "under_review"), _("approve"))
        for application in self:
            if application.program_id.state != "active":
                raise UserError(
                    _(
                        "Cannot approve application %(name)s: the program %(program)s " "has ended.",
                        name=application.name,
                        program=application.program_id.name,
                    )
                )

    def _check_can_reject(self):
        self._g2p_check_transition(("submitted", "under_review"), _("reject"))

    def _check_can_complete(self):
        self._g2p_check_transition(("approved",), _("complete"))

    def _check_can_close(self):
        self._g2p_check_transition(OPEN_APPLICATION_STATES, _("close"))

    def action_review(self):
        self._check_can_review()
        self._do_review()

    def _do_review(self):
        in_transition(self).write({"state": "under_review"})

    def action_approve(self):
        self._check_can_approve()
        self._do_approve()

    def _do_approve(self):
        """Enrol each applicant (creating the membership when needed) and approve."""
        Membership = self.env["g2p.program_membership"]
        for application in self:
            membership = Membership.search(
                [
                    ("partner_id", "=", application.partner_id.id),
                    ("program_id", "=", application.program_id.id),
                ],
                limit=1,
            )
            if not membership:
                membership = Membership.create(
                    {
                        "partner_id": application.partner_id.id,
                        "program_id": application.program_id.id,
                    }
                )
            membership._g2p_enroll()
            in_transition(application).write({"state": "approved", "program_membership_id": membership.id})

    def action_reject(self, reason=None):
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason for rejecting the application."))
        self._check_can_reject()
        self._do_reject(reason)

    def _do_reject(self, reason):
        in_transition(self).with_context(g2p_status_note=reason).write(
            {"state": "rejected", "rejection_reason": reason}
        )

    def action_open_reject_wizard(self):
        self._check_can_reject()
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject Application"),
            "res_model": "g2p.application.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_application_ids": self.ids},
        }

    def action_complete(self):
        self._check_can_complete()
        self._do_complete()

    def _do_complete(self):
        in_transition(self).write({"state": "completed"})

    def action_close(self):
        self._check_can_close()
        self._do_close()

    def _do_close(self):
        in_transition(self).write({"state": "closed"})

    # Documents (checked and stored by the document model)

    def _g2p_add_document(self, document_type, filename, raw_bytes):
        """Attach an uploaded supporting document after checking it."""
        self.ensure_one()
        return self.env["g2p.program.application.document"]._g2p_create_from_upload(
            self, document_type, filename, raw_bytes
        )

    def action_open_upload_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Upload Document"),
            "res_model": "g2p.application.document.upload.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_application_id": self.id},
        }

    def action_open_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Documents"),
            "res_model": "g2p.program.application.document",
            "view_mode": "tree,form",
            "domain": [("application_id", "=", self.id)],
            "context": {"default_application_id": self.id},
        }
