# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import logging
import uuid

from psycopg2 import IntegrityError

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..schema import FORM_ERROR, PROFILE_FIELDS, FormSchema, FormValidationError

_logger = logging.getLogger(__name__)


class G2PPortalFormDraft(models.Model):
    """Answers a registrant has given so far to one version of a program's form.

    Saved at every step and resumed on the next visit; frozen once submitted. Portal users
    have no access to this model: the portal controller reaches a draft through the
    registrant's own partner only."""

    _name = "g2p.portal.form.draft"
    _description = "Self-Service Portal Form Draft"
    _order = "write_date desc, id desc"

    partner_id = fields.Many2one("res.partner", "Registrant", required=True, ondelete="cascade", index=True)
    program_id = fields.Many2one("g2p.program", required=True, ondelete="cascade", index=True)
    version_id = fields.Many2one("g2p.portal.form.version", required=True, ondelete="cascade", index=True)
    form_id = fields.Many2one(related="version_id.form_id", store=True)
    answers = fields.Json(default=dict)
    step_index = fields.Integer("Current step", default=0)
    step_label = fields.Char("Step reached", compute="_compute_step_label")
    state = fields.Selection([("draft", "Draft"), ("submitted", "Submitted")], default="draft", required=True)
    application_id = fields.Many2one("g2p.program.application", readonly=True, ondelete="set null")
    submission_key = fields.Char(
        required=True, readonly=True, copy=False, default=lambda self: uuid.uuid4().hex, index=True
    )

    _sql_constraints = [
        ("submission_key_unique", "unique(submission_key)", "A submission key is used by one draft only."),
    ]

    @api.depends("step_index", "version_id")
    def _compute_step_label(self):
        for draft in self:
            total = len((draft.version_id.schema or {}).get("steps") or []) or 1
            draft.step_label = _(
                "Step %(step)s of %(total)s", step=min(draft.step_index, total - 1) + 1, total=total
            )

    def init(self):
        # One open draft per registrant, program and form version; submitted ones stay.
        self.env.cr.execute(
            f"""CREATE UNIQUE INDEX IF NOT EXISTS g2p_portal_form_draft_open_unique
                ON {self._table} (partner_id, program_id, version_id) WHERE state = 'draft'"""
        )

    def write(self, vals):
        if set(vals) - {"state", "application_id"} and any(draft.state == "submitted" for draft in self):
            raise UserError(_("This application was already submitted; its answers can no longer change."))
        return super().write(vals)

    # -- finding the draft -------------------------------------------------------------------
    @api.model
    def _g2p_for(self, program, partner, create=True):
        """The open draft of ``partner`` for the current version of ``program``'s form.

        A draft of an older version is carried over (answers to fields that still exist)."""
        Draft = self.sudo()
        form = program.sudo().portal_form_id
        version = form.current_version_id if form.active else False
        if not version:
            return Draft
        domain = [("partner_id", "=", partner.id), ("program_id", "=", program.id), ("state", "=", "draft")]
        draft = Draft.search(domain + [("version_id", "=", version.id)], limit=1)
        if draft or not create:
            return draft
        older = Draft.search(domain, limit=1)
        known = FormSchema(self.env, version.schema).by_name
        answers = {
            k: v for k, v in (older.answers or {}).items() if k in known and known[k]["type"] != "file"
        }
        try:
            with self.env.cr.savepoint():
                draft = Draft.create(
                    {
                        "partner_id": partner.id,
                        "program_id": program.id,
                        "version_id": version.id,
                        "answers": answers,
                    }
                )
        except IntegrityError:
            # Another tab created it first.
            draft = Draft.search(domain + [("version_id", "=", version.id)], limit=1)
        if older:
            older._g2p_unlink_with_files()
        return draft

    def _g2p_unlink_with_files(self):
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
        return self.unlink()

    # -- schema, prefill ---------------------------------------------------------------------
    def _g2p_schema(self):
        self.ensure_one()
        return FormSchema(self.env, self.version_id.schema)

    def _g2p_profile_values(self, schema=None):
        """Profile values of the fields mapped to the profile, by form field name."""
        self.ensure_one()
        schema = schema or self._g2p_schema()
        partner = self.partner_id.sudo()
        values = {}
        for field in schema.fields:
            if field.get("storage") != "profile":
                continue
            value = partner[field["profile_field"]]
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            values[field["name"]] = value or None
        return values

    def _g2p_locked(self, schema=None):
        """Form fields showing a verified profile value: read-only, never written from a POST."""
        self.ensure_one()
        schema = schema or self._g2p_schema()
        partner = self.partner_id.sudo()
        # The portal's rule: a verified full name locks its parts too (writing a part
        # would recompose the verified name).
        verified = partner._g2p_verified_field_names() | partner._g2p_portal_locked_fields()
        return {
            f["name"]
            for f in schema.fields
            if f.get("storage") == "profile" and f.get("profile_field") in verified
        }

    def _g2p_display_values(self, schema=None):
        """What the form shows: defaults, then the profile, then the draft, verified values last."""
        self.ensure_one()
        schema = schema or self._g2p_schema()
        values = self.env["g2p.portal.form"]._g2p_default_answers(schema)
        profile = self._g2p_profile_values(schema)
        values.update({k: v for k, v in profile.items() if v is not None})
        values.update({k: v for k, v in (self.answers or {}).items() if k in schema.by_name})
        for name in self._g2p_locked(schema):
            values[name] = profile.get(name)
        return values

    def _g2p_upload_limits(self):
        program = self.program_id.sudo()
        mimetypes = [m.strip() for m in (program.document_allowed_mimetypes or "").split(",") if m.strip()]
        return (program.document_max_size_mb or None, mimetypes or None)

    # -- saving a step -----------------------------------------------------------------------
    def _g2p_save_step(self, step_index, form_data, files, move=0):
        """Validates and saves what was posted for ``step_index``.

        Valid answers are kept even when other fields of the step have errors, so nothing
        typed correctly is lost. Moves ``move`` steps when there is no error (or always when
        going back). Returns the errors by field name."""
        self.ensure_one()
        schema = self._g2p_schema()
        step_index = max(0, min(step_index, len(schema.steps) - 1))
        locked = self._g2p_locked(schema)
        answers = dict(self.answers or {})
        values, uploads, errors = schema.validate_step(
            step_index, form_data, files, answers, locked=locked, upload_limits=self._g2p_upload_limits()
        )
        if FORM_ERROR in errors:
            return errors
        Attachment = self.env["ir.attachment"].sudo()
        for name, value in values.items():
            if name in errors:
                continue
            if name in uploads:
                filename, data, mimetype = uploads[name]
                self._g2p_drop_attachment(answers.get(name))
                attachment = Attachment.create(
                    {
                        "name": filename,
                        "raw": data,
                        "res_model": self._name,
                        "res_id": self.id,
                        "mimetype": mimetype,
                    }
                )
                value = {
                    "attachment_id": attachment.id,
                    "name": filename,
                    "mimetype": mimetype,
                    "size": len(data),
                }
            if value is None:
                if schema.by_name[name]["type"] == "file":
                    self._g2p_drop_attachment(answers.get(name))
                answers.pop(name, None)
            else:
                answers[name] = value
        vals = {"answers": answers}
        if not errors or move < 0:
            vals["step_index"] = max(0, min(step_index + move, len(schema.steps) - 1))
        self.write(vals)
        return errors

    def _g2p_drop_attachment(self, value):
        if isinstance(value, dict) and value.get("attachment_id"):
            self.env["ir.attachment"].sudo().search(
                [
                    ("id", "=", value["attachment_id"]),
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                ]
            ).unlink()

    # -- submitting --------------------------------------------------------------------------
    def _g2p_posted_step(self, schema, posted):
        """The step a post is about (``g2p_step``), within the form; the draft's own when
        the value is not a number."""
        try:
            step_index = int(posted or 0)
        except (TypeError, ValueError):
            step_index = self.step_index
        return max(0, min(step_index, len(schema.steps) - 1))

    def _g2p_submit_or_errors(self):
        """Submit the draft, for a page that shows refusals on the form.

        Returns ``(application, None, None)``, or ``(None, step_index, errors)`` when the
        answers or the program refuse it (``step_index`` is None when the refusal is not
        about one step); a refusal rolls back everything the submission did.
        """
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                return self._g2p_submit(), None, None
        except FormValidationError as error:
            self.write({"step_index": error.step_index})
            return None, error.step_index, error.errors
        except (UserError, ValidationError) as error:
            _logger.info("Form submission refused for partner %s: %s", self.partner_id.id, error)
            return None, None, {FORM_ERROR: str(error.args[0] if error.args else error)}

    def _g2p_submit(self):
        """Submits the draft as an application: idempotent (the draft's submission key),
        whole (one transaction: answers, documents, profile), and frozen afterwards.

        Raises FormValidationError with the errors of the first step that has some."""
        self.ensure_one()
        if self.state == "submitted" and self.application_id:
            return self.application_id
        schema = self._g2p_schema()
        answers = {k: v for k, v in (self.answers or {}).items() if k in schema.by_name}
        locked = self._g2p_locked(schema)
        profile = self._g2p_profile_values(schema)
        for name in locked:
            answers[name] = profile.get(name)
        clean, errors, first_step = schema.validate_answers(answers, trusted=locked)
        if errors:
            raise FormValidationError(errors, first_step)
        files = {name: value for name, value in clean.items() if schema.by_name[name]["type"] == "file"}
        application_answers = {
            name: ({"name": value.get("name")} if name in files else value) for name, value in clean.items()
        }
        Application = self.env["g2p.program.application"].sudo()
        application = Application._g2p_submit(
            self.program_id.sudo(), self.partner_id.sudo(), application_answers, self.submission_key
        )
        if application.submission_key != self.submission_key:
            # Not this draft's application (an open one already existed): leave both untouched.
            return application
        if application.form_version_id:
            # Submitted already (refresh, double click, second tab): nothing more to do.
            if self.state != "submitted":
                self.write({"state": "submitted", "application_id": application.id})
            return application
        DocumentType = self.env["g2p.document.type"].sudo()
        Attachment = self.env["ir.attachment"].sudo()
        for name, value in files.items():
            attachment = Attachment.browse(value["attachment_id"]).exists()
            if not attachment or attachment.res_model != self._name or attachment.res_id != self.id:
                raise FormValidationError({name: _("Upload the file again.")}, schema.step_of[name])
            document_type = DocumentType.browse(schema.by_name[name].get("document_type_id") or []).exists()
            document = application._g2p_add_document(
                document_type, attachment.name, base64.b64decode(attachment.datas)
            )
            application_answers[name] = {
                "name": attachment.name,
                "document_id": document.id,
                "mimetype": value.get("mimetype"),
                "size": value.get("size"),
            }
        application.write({"answers": application_answers, "form_version_id": self.version_id.id})
        self._g2p_write_profile(schema, clean, locked)
        self.write({"state": "submitted", "application_id": application.id, "step_index": 0})
        Attachment.search([("res_model", "=", self._name), ("res_id", "=", self.id)]).unlink()
        return application

    def _g2p_write_profile(self, schema, clean, locked):
        """Writes the answers of profile-mapped fields, and nothing else, on the registrant."""
        vals = {}
        for field in schema.fields:
            name = field["name"]
            if field.get("storage") != "profile" or name in locked or clean.get(name) in (None, ""):
                continue
            vals[field["profile_field"]] = clean[name]
        # The whitelist, checked again at the last moment.
        vals = {k: v for k, v in vals.items() if k in PROFILE_FIELDS}
        if vals:
            self.partner_id.sudo().write(vals)
            _logger.info(
                "Portal form updated profile fields %s of partner %s", sorted(vals), self.partner_id.id
            )
