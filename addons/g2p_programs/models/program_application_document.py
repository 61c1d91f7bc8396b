# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import io
import os
import zipfile

from odoo import _, api, fields, models
from odoo.addons.g2p_registry.tools import lock_rows
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

from .. import upload_words
from .program_application import DOCUMENT_EDITABLE_STATES

# An office document compresses its text and pictures a few times at most; a zip that
# expands far beyond the upload limit is a zip bomb, refused before it is read.
ZIP_MAX_EXPANSION = 10


class G2PProgramApplicationDocument(models.Model):
    _name = "g2p.program.application.document"
    _description = "Application Supporting Document"
    _inherit = ["g2p.workflow.mixin"]
    _order = "id"
    _g2p_workflow_fields = ("attachment_id", "application_id")

    application_id = fields.Many2one("g2p.program.application", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        related="application_id.partner_id", store=True, index=True, string="Registrant"
    )
    company_id = fields.Many2one(related="application_id.company_id", store=True, index=True)
    document_type_id = fields.Many2one("g2p.document.type", ondelete="restrict")
    attachment_id = fields.Many2one("ir.attachment", required=True, ondelete="cascade", readonly=True)
    name = fields.Char(related="attachment_id.name", string="File Name")
    mimetype = fields.Char(related="attachment_id.mimetype", store=True, string="Type")
    file_size = fields.Integer(related="attachment_id.file_size", store=True)
    datas = fields.Binary(related="attachment_id.datas", string="File")
    uploaded_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)

    @api.depends("attachment_id.name", "document_type_id")
    def _compute_display_name(self):
        for document in self:
            if document.document_type_id:
                kind = document.document_type_id.name
                document.display_name = f"{kind} ({document.attachment_id.name or ''})"
            else:
                document.display_name = document.attachment_id.name or ""

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # Only a fresh upload of this user may be wrapped: otherwise the
            # related file field would expose any attachment of the database.
            attachments = (
                self.env["ir.attachment"].sudo().browse([vals.get("attachment_id") for vals in vals_list])
            )
            for attachment in attachments:
                if (
                    not attachment.exists()
                    or attachment.res_model != self._name
                    or attachment.res_id
                    or attachment.create_uid != self.env.user
                ):
                    raise AccessError(_("Documents can only be added by uploading a file."))
        documents = super().create(vals_list)
        documents._g2p_check_editable()
        return documents

    def _g2p_check_editable(self):
        for document in self:
            if document.application_id.state not in DOCUMENT_EDITABLE_STATES:
                raise ValidationError(
                    _(
                        "Documents of application %s can no longer be changed.",
                        document.application_id.name,
                    )
                )

    def _g2p_replace_content(self, filename, raw_bytes):
        """Replace the file of this document, with the same checks as an upload."""
        self.ensure_one()
        application = self.application_id
        filename = self._g2p_clean_filename(filename)
        mimetype = self._g2p_check_content(application, filename, raw_bytes)
        self.check_access_rights("write")
        self.check_access_rule("write")
        self.attachment_id.sudo().write({"name": filename, "raw": raw_bytes, "mimetype": mimetype})
        self.write({"uploaded_by_id": self.env.uid})
        return self

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided_application(self):
        self._g2p_check_editable()

    def unlink(self):
        attachments = self.attachment_id
        result = super().unlink()
        # The ORM already removes attachments linked by res_model/res_id; this
        # catches any that were linked by attachment_id only.
        attachments.sudo().exists().unlink()
        return result

    # Uploads

    @api.model
    def _g2p_check_content(self, application, filename, raw_bytes):
        """Validate an upload to ``application`` on the server; return its MIME type from content."""
        application.ensure_one()
        if application.state not in DOCUMENT_EDITABLE_STATES:
            raise ValidationError(
                _(
                    "Documents of application %s can no longer be changed.",
                    application.name,
                )
            )
        program = application.program_id
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
        self._g2p_check_archive(filename, raw_bytes, limit)
        mimetype = guess_mimetype(raw_bytes, default="application/octet-stream")
        allowed = program._g2p_allowed_mimetypes()
        if mimetype not in allowed:
            raise ValidationError(upload_words.wrong_kind(filename, allowed))
        return mimetype

    @api.model
    def _g2p_check_archive(self, filename, raw_bytes, limit):
        """Refuse a zip-based file (docx, odt, xlsx …) that would expand beyond ``limit``.

        Recognizing such a file reads its members (Odoo reads the ``mimetype`` entry of
        OpenDocument files): their sizes are checked first in the zip's central
        directory, which is read without expanding anything.
        """
        if not raw_bytes.startswith(b"PK\x03\x04"):
            return
        try:
            with zipfile.ZipFile(io.BytesIO(raw_bytes)) as archive:
                expanded = sum(member.file_size for member in archive.infolist())
        except (zipfile.BadZipFile, ValueError, EOFError):
            return  # not a readable archive: recognized (and refused) by its content
        if expanded > limit * ZIP_MAX_EXPANSION:
            raise ValidationError(
                _(
                    "The file %(name)s expands to %(size).1f MB when opened; it cannot be accepted.",
                    name=filename,
                    size=expanded / 1024 / 1024,
                )
            )

    @staticmethod
    def _g2p_clean_filename(filename):
        name = os.path.basename((filename or "").replace("\\", "/")).strip()
        return name[:255] or "document"

    @api.model
    def _g2p_create_from_upload(self, application, document_type, filename, raw_bytes):
        """A supporting document of ``application`` from an upload, after checking it."""
        application.ensure_one()
        filename = self._g2p_clean_filename(filename)
        mimetype = self._g2p_check_content(application, filename, raw_bytes)
        Document = self.browse()
        # A double click sends the same upload twice, often at once. Locking the
        # application row queues the second request behind the first (it then fails
        # to serialize and Odoo retries it), and the retry finds the first document.
        lock_rows(application)
        same = Document.sudo().search(
            [
                ("application_id", "=", application.id),
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
                "application_id": application.id,
                "document_type_id": document_type.id if document_type else False,
                "attachment_id": attachment.id,
                "uploaded_by_id": self.env.uid,
            }
        )
        attachment.write({"res_id": document.id})
        return document
