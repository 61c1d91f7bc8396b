from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .program_application import DOCUMENT_EDITABLE_STATES
from .state_guard import check_related_write, check_workflow_write


class G2PProgramApplicationDocument(models.Model):
    _name = "g2p.program.application.document"
    _description = "Application Supporting Document"
    _order = "id"

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

    def write(self, vals):
        check_workflow_write(self, vals, ("attachment_id", "application_id"))
        check_related_write(self, vals)
        return super().write(vals)

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
        filename = application._g2p_clean_filename(filename)
        mimetype = application._g2p_check_document_content(filename, raw_bytes)
        self.check_access_rights("write")
        self.check_access_rule("write")
        self.attachment_id.sudo().write({"name": filename, "raw": raw_bytes, "mimetype": mimetype})
        self.write({"uploaded_by_id": self.env.uid})
        return self

    def unlink(self):
        self._g2p_check_editable()
        attachments = self.attachment_id
        result = super().unlink()
        # The ORM already removes attachments linked by res_model/res_id; this
        # catches any that were linked by attachment_id only.
        attachments.sudo().exists().unlink()
        return result
