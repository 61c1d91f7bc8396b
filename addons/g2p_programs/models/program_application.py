import hashlib
import json
import logging
import os

from markupsafe import Markup
from psycopg2 import IntegrityError, errorcodes
from psycopg2.errors import SerializationFailure

from odoo import _, api, fields, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

from .. import upload_words
from .demo_dates import g2p_demo_date
from .program import OPEN_APPLICATION_STATES
from .state_guard import (
    check_related_write,
    check_workflow_create,
    check_workflow_write,
    in_transition,
    may_unlink_audit_records,
)

_logger = logging.getLogger(__name__)

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


class ConcurrentSubmission(SerializationFailure):
    """A concurrent transaction created the application first, but this
    transaction's snapshot cannot see it yet: Odoo retries the whole request
    (as for any serialization failure) and the retry returns the winner."""

    pgcode = errorcodes.SERIALIZATION_FAILURE


class G2PProgramApplication(models.Model):
    _name = "g2p.program.application"
    _description = "Program Application"
    _inherit = ["mail.thread"]
    _order = "date_applied desc, id desc"

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
        check_workflow_create(
            self,
            vals_list,
            {"state": "submitted", "rejection_reason": False, "program_membership_id": False},
        )
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
        applications._g2p_log_status({})
        return applications

    def write(self, vals):
        check_workflow_write(
            self,
            vals,
            (
                "state",
                "rejection_reason",
                "program_membership_id",
                "name",
                "submission_key",
                "partner_id",
                "program_id",
                "date_applied",
            ),
        )
        check_related_write(self, vals)
        if "state" not in vals:
            return super().write(vals)
        previous = {application.id: application.state for application in self}
        result = super().write(vals)
        self._g2p_log_status(previous)
        return result

    def unlink(self):
        self._g2p_check_no_decision_history()
        # Attachments cascade to the document rows in the database.
        self.document_ids.attachment_id.sudo().unlink()
        return super().unlink()

    def _g2p_check_no_decision_history(self):
        """An application someone acted on is kept with its status history.

        Deleting it would take its history along (the rows cascade in the
        database): only an application still as submitted, with no decision in
        its history, may be deleted (except when uninstalling the module or by
        superuser code that asks for it, see ``may_unlink_audit_records``).
        """
        if may_unlink_audit_records(self) or self.env.context.get(MODULE_UNINSTALL_FLAG) or not self:
            return
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        decided = self.filtered(lambda a: a.state != "submitted" or len(a.sudo().status_history_ids) > 1)
        if decided:
            raise UserError(
                _(
                    "The application %s has a status history of decisions, an audit record: "
                    "it cannot be deleted. Close or reject it instead.",
                    decided[0].name,
                )
            )

    def _g2p_log_status(self, previous):
        """Append a history row for every application whose state changed.

        The history is an audit trail: rows are written as superuser so that
        whoever may change the state also leaves a trace, without write access
        to the history itself.
        """
        note = self.env.context.get("g2p_status_note")
        now = g2p_demo_date(self.env) or fields.Datetime.now()
        rows = [
            {
                "application_id": application.id,
                "state": application.state,
                "previous_state": previous.get(application.id) or False,
                # The first row dates from the submission itself.
                "date": now if application.id in previous else application.date_applied,
                "user_id": self.env.uid,
                "note": note or False,
            }
            for application in self
            if previous.get(application.id) != application.state
        ]
        if rows:
            self.env["g2p.program.application.status"].sudo().create(rows)

    # Idempotent submission

    @api.model
    def _g2p_submit(self, program, partner, answers=None, submission_key=None):
        """Return the application of ``partner`` to ``program``, creating it once.

        A repeated submission (same key, or any while an application is open)
        returns the existing application instead of a second one.
        """
        program.ensure_one()
        partner.ensure_one()
        existing = self._g2p_find_submission(program, partner, submission_key)
        if existing:
            return existing
        # Serialize submissions of one registrant: a concurrent submitter waits
        # here and, when its snapshot cannot see the winner, fails with a
        # serialization error that Odoo retries with a fresh snapshot.
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = write_date WHERE id = %s",
            [partner.id],
        )
        reason = program._g2p_apply_refusal_reason(partner)
        if reason:
            raise UserError(reason)
        vals = {
            "program_id": program.id,
            "partner_id": partner.id,
            "answers": answers or {},
            "submission_key": submission_key or False,
        }
        try:
            with self.env.cr.savepoint():
                return self.create(vals)
        except IntegrityError:
            # Someone else inserted the same open application or key first.
            self.env.invalidate_all()
            winner = self._g2p_find_submission(program, partner, submission_key)
            if winner:
                _logger.info(
                    "Concurrent submission of %s to program %s returned %s",
                    partner.id,
                    program.id,
                    winner.name,
                )
                return winner
            raise ConcurrentSubmission(
                f"application of partner {partner.id} to program {program.id} created concurrently"
            ) from None

    @api.model
    def _g2p_find_submission(self, program, partner, submission_key):
        Application = self.sudo()
        if submission_key:
            previous = Application.search([("submission_key", "=", submission_key)], limit=1)
            if previous:
                if previous.partner_id != partner:
                    raise UserError(_("This submission key was already used; please reload the page."))
                return self.browse(previous.id)
        current = Application.search(
            [
                ("partner_id", "=", partner.id),
                ("program_id", "=", program.id),
                ("state", "in", OPEN_APPLICATION_STATES),
            ],
            limit=1,
        )
        return self.browse(current.id)

    # Transitions

    def _g2p_check_state(self, allowed, action):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for application in self:
            if application.state not in allowed:
                raise UserError(
                    _(
                        "Cannot %(action)s application %(name)s: it is %(state)s.",
                        action=action,
                        name=application.name,
                        state=labels[application.state],
                    )
                )

    def action_review(self):
        self._g2p_check_state(("submitted",), _("review"))
        in_transition(self).write({"state": "under_review"})

    def action_approve(self):
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only program managers can approve applications."))
        self._g2p_check_state(("submitted", "under_review"), _("approve"))
        Membership = self.env["g2p.program_membership"]
        for application in self:
            if application.program_id.state != "active":
                raise UserError(
                    _(
                        "Cannot approve application %(name)s: the program %(program)s " "has ended.",
                        name=application.name,
                        program=application.program_id.name,
                    )
                )
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
        self._g2p_check_state(("submitted", "under_review"), _("reject"))
        in_transition(self).with_context(g2p_status_note=reason).write(
            {"state": "rejected", "rejection_reason": reason}
        )

    def action_open_reject_wizard(self):
        self._g2p_check_state(("submitted", "under_review"), _("reject"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject Application"),
            "res_model": "g2p.application.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_application_ids": self.ids},
        }

    def action_complete(self):
        self._g2p_check_state(("approved",), _("complete"))
        in_transition(self).write({"state": "completed"})

    def action_close(self):
        self._g2p_check_state(OPEN_APPLICATION_STATES, _("close"))
        in_transition(self).write({"state": "closed"})

    # Documents

    def _g2p_check_document_content(self, filename, raw_bytes):
        """Validate an upload on the server; return its MIME type from content."""
        self.ensure_one()
        if self.state not in DOCUMENT_EDITABLE_STATES:
            raise ValidationError(
                _(
                    "Documents of application %s can no longer be changed.",
                    self.name,
                )
            )
        program = self.program_id
        raw_bytes = raw_bytes or b""
        if not raw_bytes:
            raise ValidationError(_("The file %s is empty.", filename))
        limit = program.document_max_size_mb * 1024 * 1024
        if upload_words.real_size(raw_bytes) > limit:
            raise ValidationError(
                upload_words.too_large(
                    filename, upload_words.real_size(raw_bytes), program.document_max_size_mb
                )
            )
        mimetype = guess_mimetype(raw_bytes, default="application/octet-stream")
        allowed = program._g2p_allowed_mimetypes()
        if mimetype not in allowed:
            raise ValidationError(upload_words.wrong_kind(filename, allowed))
        return mimetype

    @staticmethod
    def _g2p_clean_filename(filename):
        name = os.path.basename((filename or "").replace("\\", "/")).strip()
        return name[:255] or "document"

    def _g2p_add_document(self, document_type, filename, raw_bytes):
        """Attach an uploaded supporting document after checking it."""
        self.ensure_one()
        filename = self._g2p_clean_filename(filename)
        mimetype = self._g2p_check_document_content(filename, raw_bytes)
        Document = self.env["g2p.program.application.document"]
        # A double click sends the same upload twice, often at once. Touching the
        # application row queues the second request behind the first (it then fails
        # to serialize and Odoo retries it), and the retry finds the first document.
        self.env.cr.execute("UPDATE g2p_program_application SET id = id WHERE id = %s", [self.id])
        same = Document.sudo().search(
            [
                ("application_id", "=", self.id),
                ("document_type_id", "=", document_type.id if document_type else False),
                ("attachment_id.checksum", "=", hashlib.sha1(raw_bytes).hexdigest()),
            ],
            limit=1,
        )
        if same:
            return Document.browse(same.id)
        # The attachment is only reachable through the document row, whose own
        # access rules are enforced by the create below.
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": filename,
                    "raw": raw_bytes,
                    "mimetype": mimetype,
                    "res_model": Document._name,
                    "res_id": 0,
                }
            )
        )
        document = Document.create(
            {
                "application_id": self.id,
                "document_type_id": document_type.id if document_type else False,
                "attachment_id": attachment.id,
                "uploaded_by_id": self.env.uid,
            }
        )
        attachment.write({"res_id": document.id})
        return document

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
