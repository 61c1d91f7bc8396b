# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase


class TestConsentLabels(TransactionCase):
    """Consent records read in words: how the person signed in, what they shared."""

    def test_acr_and_claims_have_labels(self):
        partner = self.env["res.partner"].create({"name": "Consent Label"})
        provider = self.env["auth.oauth.provider"].search([], limit=1)
        consent = self.env["g2p.oidc.consent"].create(
            {
                "partner_id": partner.id,
                "provider_id": provider.id,
                "claims": "name,given_name#fr,picture,phone_number,custom_claim",
                "acr": "mosip:idp:acr:generated-code mosip:idp:acr:linked-wallet",
            }
        )
        self.assertEqual(consent.acr_label, "One-time code (OTP), Wallet app (QR code)")
        self.assertEqual(consent.claims_label, "Full name, Given name, Photo, Phone number, custom_claim")
        self.assertNotIn("mosip:idp", consent.acr_label)
