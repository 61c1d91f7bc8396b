import datetime

from odoo.tests import tagged

from .common import AMINA_ID, KOFI_ID, NEWCOMER_ID, OidcHttpCase


@tagged("post_install", "-at_install")
class TestSignInFlows(OidcHttpCase):
    def _registrant(self, national_id):
        self.env.invalidate_all()
        reg_id = self.env["g2p.reg.id"].search(
            [("id_type", "=", self.national_id.id), ("value", "=", national_id)]
        )
        return reg_id

    def test_first_sign_in_creates_registrant_id_and_portal_user(self):
        self.assertFalse(self._registrant(NEWCOMER_ID))
        response, _url = self.sign_in(national_id=NEWCOMER_ID)
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertTrue(response.headers["Location"].endswith("/my"), response.headers["Location"])

        reg_id = self._registrant(NEWCOMER_ID)
        self.assertEqual(len(reg_id), 1)
        partner = reg_id.partner_id
        self.assertTrue(partner.is_registrant)
        self.assertFalse(partner.is_group)
        self.assertEqual(
            (partner.given_name, partner.addl_name, partner.family_name), ("Awa", "Mariama", "Ndiaye")
        )
        self.assertEqual(partner.name, "Awa Mariama Ndiaye")
        self.assertEqual(partner.birthdate, datetime.date(1995, 7, 21))
        self.assertEqual(partner.gender, "female")
        self.assertEqual(partner.email, "awa.ndiaye@example.com")
        self.assertEqual(partner.phone, "+221765550111")
        self.assertIn("+221765550111", partner.phone_number_ids.mapped("phone_no"))
        self.assertEqual(
            (partner.street, partner.city, partner.zip), ("7 Avenue Cheikh Anta Diop", "Thiès", "21000")
        )
        self.assertEqual(partner.country_id.code, "SN")
        self.assertTrue(partner.image_1920)

        self.assertTrue(reg_id.is_verified)
        self.assertEqual(reg_id.verification_method, "id_provider")
        self.assertEqual(reg_id.verification_source, self.provider.name)
        verified = partner._g2p_verified_field_names()
        self.assertTrue(
            {"given_name", "family_name", "birthdate", "gender", "email", "phone"} <= verified, verified
        )

        user = self.env["res.users"].search([("partner_id", "=", partner.id)])
        self.assertEqual(len(user), 1)
        self.assertTrue(user.share)
        self.assertTrue(user.has_group("base.group_portal"))
        self.assertEqual(user.oauth_provider_id, self.provider)
        self.assertNotEqual(user.oauth_uid, NEWCOMER_ID, "sub is a pairwise pseudonym, not the ID")
        self.assertEqual(self.session_uid(), user.id)

        consent = self.env["g2p.oidc.consent"].search([("partner_id", "=", partner.id)])
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.provider_id, self.provider)
        self.assertEqual(consent.acr, "mosip:idp:acr:generated-code")
        self.assertIn("individual_id", consent.claims)
        self.assertIn("birthdate", consent.claims)
        self.assertNotIn("sub", consent.claims.split(", "))
        # The provider showed the person exactly what was asked.
        self.assertIn("individual_id", self.consent_claims)

        # The portal answers as that person.
        page = self.url_open("/my", timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Awa Mariama Ndiaye", page.text)

    def test_second_sign_in_finds_the_registrant_and_refreshes_verification(self):
        self.sign_in(national_id=NEWCOMER_ID)
        partner = self._registrant(NEWCOMER_ID).partner_id
        user = self.env["res.users"].search([("partner_id", "=", partner.id)])
        first_check = self.env["g2p.verified.field"].search(
            [("partner_id", "=", partner.id), ("field_name", "=", "birthdate")]
        )
        first_check.verified_at = datetime.datetime(2020, 1, 1)
        partner.email = "changed@example.com"
        self.logout()
        self.assertFalse(self.session_uid())
        counts = (self.env["res.partner"].search_count([]), self.env["res.users"].search_count([]))

        response, _url = self.sign_in(national_id=NEWCOMER_ID)
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.env.invalidate_all()
        self.assertEqual(
            counts, (self.env["res.partner"].search_count([]), self.env["res.users"].search_count([]))
        )
        self.assertEqual(len(self._registrant(NEWCOMER_ID)), 1)
        self.assertEqual(self.session_uid(), user.id)
        self.assertEqual(
            partner.email, "awa.ndiaye@example.com", "verified fields are refreshed from the provider"
        )
        self.assertGreater(first_check.verified_at, datetime.datetime(2020, 1, 1))
        self.assertEqual(self.env["g2p.oidc.consent"].search_count([("partner_id", "=", partner.id)]), 2)

    def test_existing_registrant_is_matched_by_national_id(self):
        amina_id = self._registrant(AMINA_ID)
        self.assertTrue(amina_id, "the registry demo has Amina Diallo")
        partners = self.env["res.partner"].search_count([])
        response, _url = self.sign_in(national_id=AMINA_ID)
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.env.invalidate_all()
        self.assertEqual(
            self.env["res.partner"].search_count([]), partners, "no new registrant for a known ID"
        )
        user = self.env["res.users"].browse(self.session_uid())
        self.assertEqual(user.partner_id, amina_id.partner_id)
        self.assertTrue(amina_id.is_verified)
        self.assertEqual(amina_id.verification_method, "id_provider")
        self.assertEqual(amina_id.partner_id.birthdate, datetime.date(1988, 4, 12))

    def test_encrypted_userinfo_is_decrypted_and_verified(self):
        response, _url = self.sign_in(provider=self.provider_enc, national_id=KOFI_ID)
        self.assertEqual(response.status_code, 303, response.text[:500])
        kofi = self._registrant(KOFI_ID).partner_id
        user = self.env["res.users"].browse(self.session_uid())
        self.assertEqual(user.partner_id, kofi)
        self.assertEqual(user.oauth_provider_id, self.provider_enc)
        self.assertEqual(kofi.email, "kofi.mensah@example.com")
        self.assertEqual(kofi.city, "Accra")
        consent = self.env["g2p.oidc.consent"].search([("partner_id", "=", kofi.id)])
        self.assertEqual(consent.provider_id, self.provider_enc)

    def test_consent_refused_signs_nobody_in_and_changes_nothing(self):
        before = self.snapshot()
        auth_url = self.start_sign_in()
        callback_url = self.authorize_at_provider(auth_url, NEWCOMER_ID, allow=False)
        self.assertEqual(self.query(callback_url).get("error"), "access_denied")
        response = self.callback(callback_url)
        self.assertRefused(response, before, reason="access_denied", status=403)
        self.assertIn("did not agree to share", response.text)

    def test_login_page_lists_self_service_providers_with_our_sign_in_route(self):
        page = self.url_open("/web/login?redirect=/my/home", timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/auth_oidc/signin/{self.provider.id}?redirect=%2Fmy%2Fhome", page.text)
        self.assertIn("Sign in with Test eSignet", page.text)
        self.provider.oidc_self_service = False
        page = self.url_open("/web/login", timeout=30)
        self.assertNotIn(f"/auth_oidc/signin/{self.provider.id}", page.text)

    def test_logout_ends_the_provider_session_too(self):
        self.sign_in(national_id=AMINA_ID)
        self.assertTrue(self.session_uid())
        response = self.url_open("/web/session/logout", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        location = response.headers["Location"]
        self.assertTrue(location.startswith(self.op.issuer + "/session/end?"), location)
        params = self.query(location)
        self.assertEqual(params["client_id"], self.client_id)
        self.assertTrue(params["id_token_hint"])
        self.assertEqual(params["post_logout_redirect_uri"], self.base_url() + "/web/login")
        self.assertFalse(self.session_uid())
        # The provider accepts it (it shows its logout confirmation page).
        self.assertEqual(self.browser_op.get(location, timeout=30).status_code, 200)
