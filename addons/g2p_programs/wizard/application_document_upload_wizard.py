# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import _, fields, models
from odoo.exceptions import UserError


class G2PApplicationDocumentUploadWizard(models.TransientModel):
    _name = "g2p.application.document.upload.wizard"
    _description = "Upload a Supporting Document"

    application_id = fields.Many2one("g2p.program.application", required=True)
    required_document_type_ids = fields.Many2many(
        related="application_id.program_id.required_document_type_ids"
    )
    document_type_id = fields.Many2one("g2p.document.type")
    file = fields.Binary(required=True, attachment=False)
    filename = fields.Char()

    def action_confirm(self):
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose a file to upload."))
        self.application_id._g2p_add_document(
            self.document_type_id,
            self.filename or _("document"),
            base64.b64decode(self.file),
        )
        return {"type": "ir.actions.act_window_close"}
