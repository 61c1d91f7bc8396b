from odoo import _lt, api, fields, models

# eSignet's authentication context classes, as officers read them.
ACR_LABELS = {
    "mosip:idp:acr:generated-code": _lt("One-time code"),
    "mosip:idp:acr:linked-wallet": _lt("Wallet app (QR code)"),
    "mosip:idp:acr:biometrics": _lt("Biometrics"),
    "mosip:idp:acr:password": _lt("Password"),
    "mosip:idp:acr:knowledge": _lt("Questions only you can answer"),
    "mosip:idp:acr:static-code": _lt("Static code"),
}


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
    acr_label = fields.Char(string="Authentication method", compute="_compute_acr_label")
    consented_at = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)

    @api.depends("acr")
    def _compute_acr_label(self):
        for consent in self:
            codes = (consent.acr or "").split()
            consent.acr_label = (
                ", ".join(str(ACR_LABELS[c]) if c in ACR_LABELS else c for c in codes) or False
            )
