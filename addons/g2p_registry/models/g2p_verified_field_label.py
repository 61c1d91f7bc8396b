# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class G2PVerifiedFieldLabel(models.Model):
    _inherit = "g2p.verified.field"

    field_label = fields.Char("Field", compute="_compute_field_label")

    @api.depends("field_name")
    @api.depends_context("lang")
    def _compute_field_label(self):
        partner_fields = self.env["res.partner"]._fields
        special = {"image_1920": _("Photo"), "name": _("Full name")}
        for verified in self:
            name = verified.field_name or ""
            field = partner_fields.get(name)
            verified.field_label = special.get(name) or (
                field._description_string(self.env) if field else name
            )
