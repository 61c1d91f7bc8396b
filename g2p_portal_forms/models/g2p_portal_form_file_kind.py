# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class G2PPortalFormFileKind(models.Model):
    """A kind of file a form's upload may accept (PDF, JPG …), by the MIME types its
    content is recognised as. Administrators choose kinds, never type MIME types."""

    _name = "g2p.portal.form.file.kind"
    _description = "Portal Form File Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    mimetypes = fields.Char(
        "MIME types", required=True, help="Comma-separated MIME types this kind of file is recognised as."
    )
    is_default = fields.Boolean("Accepted by default")

    _sql_constraints = [("name_unique", "unique(name)", "Two file kinds cannot have the same name.")]

    def _g2p_mimetypes(self):
        seen = []
        for kind in self:
            for mimetype in (kind.mimetypes or "").split(","):
                mimetype = mimetype.strip().lower()
                if mimetype and mimetype not in seen:
                    seen.append(mimetype)
        return seen

    @api.model
    def _g2p_default_kinds(self):
        return self.search([("is_default", "=", True)])

    @api.model
    def _g2p_kinds_for(self, mimetypes):
        """The kinds covering ``mimetypes`` and the MIME types no kind knows."""
        wanted = [m.strip().lower() for m in mimetypes if m and m.strip()]
        kinds = self.search([])
        chosen = kinds.filtered(lambda k: set(k._g2p_mimetypes()) & set(wanted))
        unknown = [m for m in wanted if m not in chosen._g2p_mimetypes()]
        return chosen, unknown
