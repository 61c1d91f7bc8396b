from odoo import fields, models


class G2PProgram(models.Model):
    _inherit = "g2p.program"

    portal_form_id = fields.Many2one(
        "g2p.portal.form",
        "Portal form",
        ondelete="restrict",
        tracking=True,
        help="The form registrants fill to apply on the self-service portal; empty: a plain confirmation.",
    )
