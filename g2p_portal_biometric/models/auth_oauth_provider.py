# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

BIOMETRIC_ACR = "mosip:idp:acr:biometrics"


class AuthOAuthProvider(models.Model):
    _inherit = "auth.oauth.provider"

    def _oidc_requested_acr(self):
        # The officer's popup asks for biometrics only, whatever the portal sign-in asks for.
        if self.env.context.get("g2p_biometric_acr"):
            return [BIOMETRIC_ACR]
        return super()._oidc_requested_acr()
