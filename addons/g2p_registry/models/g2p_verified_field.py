# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class G2PVerifiedField(models.Model):
    """A registrant field whose value came from a trusted source (an ID provider, a
    biometric authentication…), so portals and officers may lock it against edits."""

    _name = "g2p.verified.field"
    _description = "Verified Registrant Field"
    _rec_name = "field_name"
    _order = "partner_id, field_name"

    partner_id = fields.Many2one(
        "res.partner", string="Registrant", required=True, index=True, ondelete="cascade"
    )
    field_name = fields.Char(required=True)
    source = fields.Char(help="Where the value was verified, e.g. the ID provider's name.")
    verified_at = fields.Datetime(default=fields.Datetime.now)

    _sql_constraints = [
        (
            "partner_field_unique",
            "unique(partner_id, field_name)",
            "This field is already marked verified for this registrant.",
        ),
    ]
