# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import json
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..oidc import client as oidc_client
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

    def test_revoked_or_invalid_id_cannot_sign_in(self):
        amina_id = self._registrant(AMINA_ID)
        for status in ("revoked", "invalid"):
            amina_id.status = status
            before = self.snapshot()
            self.assertFalse(before["amina_id"][0]["is_verified"])
            response, _url = self.sign_in(national_id=AMINA_ID)
            self.assertRefused(response, before, reason="id_not_valid")
            self.assertIn("recorded as revoked or invalid", response.text)
            self.assertEqual(amina_id.status, status)

    def test_expired_id_still_signs_in(self):
        amina_id = self._registrant(AMINA_ID)
        amina_id.write({"status": "expired", "expiry_date": datetime.date(2020, 1, 1)})
        response, _url = self.sign_in(national_id=AMINA_ID)
        self.assertEqual(response.status_code, 303, response.text[:500])
        user = self.env["res.users"].browse(self.session_uid())
        self.assertEqual(user.partner_id, amina_id.partner_id)
        self.assertEqual(amina_id.status, "expired", "signing in does not make the ID valid again")

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


@tagged("post_install", "-at_install")
class TestProviderConfigurations(OidcHttpCase):
    def test_client_secret_basic_and_post_with_json_userinfo(self):
        for method in ("client_secret_basic", "client_secret_post"):
            with self.subTest(method=method):
                provider = self._make_provider(
                    f"Secret {method}", f"{self.client_id_secret}-{method}", "json"
                )
                provider.write({"oidc_client_auth_method": method, "oidc_client_secret": self.client_secret})
                response, _url = self.sign_in(provider=provider, national_id=KOFI_ID)
                self.assertEqual(response.status_code, 303, response.text[-800:])
                user = self.env["res.users"].browse(self.session_uid())
                self.assertEqual(user.oauth_provider_id, provider)
                self.logout()

    def test_wrong_client_secret_is_refused(self):
        provider = self._make_provider("Bad secret", f"{self.client_id_secret}-client_secret_post", "json")
        provider.write({"oidc_client_auth_method": "client_secret_post", "oidc_client_secret": "wrong"})
        before = self.snapshot()
        callback_url = self.authorize_at_provider(self.start_sign_in(provider), KOFI_ID)
        self.assertRefused(self.callback(callback_url), before, reason="token_rejected")

    def test_endpoints_entered_by_hand_need_no_discovery(self):
        issuer = self.op.issuer
        self.provider.write(
            {
                "oidc_use_discovery": False,
                "oidc_metadata": False,
                "auth_endpoint": issuer + "/auth",
                "oidc_token_endpoint": issuer + "/token",
                "oidc_userinfo_endpoint": issuer + "/me",
                "oidc_jwks_uri": issuer + "/jwks",
            }
        )

        def no_discovery(*args, **kwargs):
            raise AssertionError("discovery must not be used")

        with patch.object(oidc_client, "discover", no_discovery):
            response, _url = self.sign_in(national_id=AMINA_ID)
        self.assertEqual(response.status_code, 303, response.text[-800:])

    def test_discovery_is_cached_and_refreshable(self):
        self.provider.write({"oidc_metadata": False, "oidc_metadata_date": False})
        calls = []
        real = oidc_client.discover

        def counting(*args, **kwargs):
            calls.append(args)
            return real(*args, **kwargs)

        with patch.object(oidc_client, "discover", counting):
            self.provider._oidc_metadata()
            self.provider._oidc_metadata()
            self.assertEqual(len(calls), 1, "cached after the first fetch")
            self.provider.action_oidc_refresh_discovery()
            self.assertEqual(len(calls), 2)
        self.assertEqual(json.loads(self.provider.oidc_metadata)["issuer"], self.op.issuer)

    def test_discovery_for_another_issuer_is_refused(self):
        self.provider.write(
            {
                "oidc_issuer": "https://esignet.example.org",
                "oidc_discovery_url": self.op.issuer + "/.well-known/openid-configuration",
            }
        )
        with self.assertRaises(UserError):
            self.provider.action_oidc_refresh_discovery()

    def test_authorization_request_carries_pkce_and_esignet_parameters(self):
        self.provider.write({"oidc_prompt": "login", "oidc_extra_params": "display=page&foo=bar"})
        response = self.url_open(
            f"/auth_oidc/signin/{self.provider.id}?login_hint=1234567890", allow_redirects=False
        )
        first = self.query(response.headers["Location"])
        second = self.query(self.start_sign_in())
        self.assertEqual(first["response_type"], "code")
        self.assertEqual(first["code_challenge_method"], "S256")
        self.assertEqual(first["redirect_uri"], self.base_url() + "/auth_oidc/callback")
        self.assertIn("mosip:idp:acr:generated-code", first["acr_values"])
        self.assertTrue(json.loads(first["claims"])["userinfo"]["individual_id"]["essential"])
        self.assertEqual(first["claims_locales"], "en fr")
        self.assertEqual(first["ui_locales"], "en-US")
        self.assertEqual((first["prompt"], first["login_hint"]), ("login", "1234567890"))
        self.assertEqual((first["display"], first["foo"]), ("page", "bar"))
        for name in ("state", "nonce", "code_challenge"):
            self.assertNotEqual(first[name], second[name], f"{name} is fresh for every attempt")
        self.assertGreaterEqual(len(first["state"]), 32)
