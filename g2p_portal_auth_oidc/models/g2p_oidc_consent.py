# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class G2POidcConsent(models.Model):
    """What a registrant agreed to share from their ID provider, and when."""

    _name = "g2p.oidc.consent"
    _description = "Claims shared with consent at sign-in"
    _order = "consented_at desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True, readonly=True)
    user_id = fields.Many2one("res.users", readonly=True, ondelete="set null")
    provider_id = fields.Many2one("auth.oauth.provider", required=True, ondelete="cascade", readonly=True)
    claims = fields.Char(string="Claims shared", required=True, readonly=True)
    acr = fields.Char(string="Authentication method (code)", readonly=True)
    consented_at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
