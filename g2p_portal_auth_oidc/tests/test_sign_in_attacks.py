# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib
import hmac
import json
import re
import time
from unittest.mock import patch
from urllib.parse import urlencode, urljoin

from authlib.jose import JsonWebEncryption, JsonWebKey

from odoo.tests import tagged

from ..oidc import client as oidc_client
from ..oidc import jose
from .common import AMINA_ID, KOFI_ID, NEWCOMER_ID, ForgedTokensCase, OidcHttpCase, free_port_url


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@tagged("post_install", "-at_install")
class TestAttacksAgainstTheRealProvider(OidcHttpCase):
    """Protocol attacks played with real codes from the real provider."""

    def test_tampered_state_is_refused(self):
        before = self.snapshot()
        callback_url = self.authorize_at_provider(self.start_sign_in(), NEWCOMER_ID)
        tampered = callback_url.replace("state=", "state=x")
        self.assertRefused(self.callback(tampered), before, reason="invalid_state")

    def test_replayed_state_is_refused(self):
        response, callback_url = self.sign_in(national_id=AMINA_ID)
        self.assertEqual(response.status_code, 303)
        self.logout()
        before = self.snapshot()
        self.assertRefused(self.callback(callback_url), before, reason="invalid_state")

    def test_replayed_code_is_refused(self):
        response, callback_url = self.sign_in(national_id=AMINA_ID)
        self.assertEqual(response.status_code, 303)
        self.logout()
        before = self.snapshot()
        code = self.query(callback_url)["code"]
        state = self.query(self.start_sign_in())["state"]
        replay = f"/auth_oidc/callback?{urlencode({'code': code, 'state': state, 'iss': self.op.issuer})}"
        self.assertRefused(self.callback(replay), before, reason="token_rejected")

    def test_code_with_another_attempts_pkce_verifier_is_refused(self):
        before = self.snapshot()
        first = self.start_sign_in()
        second_state = self.query(self.start_sign_in())["state"]
        code = self.query(self.authorize_at_provider(first, NEWCOMER_ID))["code"]
        # Our server sends the second attempt's verifier, which does not match the challenge.
        url = f"/auth_oidc/callback?{urlencode({'code': code, 'state': second_state, 'iss': self.op.issuer})}"
        self.assertRefused(self.callback(url), before, reason="token_rejected")

    def test_bad_pkce_verifier_is_rejected_by_the_provider(self):
        provider = self.provider
        metadata = provider._oidc_metadata()

        def exchange(verifier_sent):
            verifier, challenge = jose.pkce_pair()
            auth_url = provider._oidc_authorization_url("s", "n", challenge)
            code = self.query(self.authorize_at_provider(auth_url, AMINA_ID))["code"]
            return oidc_client.token_request(
                metadata["token_endpoint"],
                code=code,
                redirect_uri=provider._oidc_redirect_uri_value(),
                code_verifier=verifier_sent or verifier,
                client_id=provider.client_id,
                auth_method="private_key_jwt",
                client_assertion=provider._oidc_client_assertion(metadata),
            )

        with self.assertRaises(oidc_client.OIDCError) as caught:
            exchange("a-wrong-verifier-" + "x" * 40)
        self.assertEqual(caught.exception.reason, "token_rejected")
        self.assertIn("invalid_grant", caught.exception.detail)
        # Control: the same exchange with the attempt's own verifier succeeds.
        self.assertTrue(exchange(None)["id_token"])

    def test_reused_client_assertion_is_rejected_by_the_provider(self):
        provider = self.provider
        metadata = provider._oidc_metadata()
        assertion = provider._oidc_client_assertion(metadata)
        codes = []
        for _i in range(2):
            codes.append(self.query(self.authorize_at_provider(self.start_sign_in(), AMINA_ID))["code"])
        # A wrong verifier is irrelevant: client authentication is checked first.
        kwargs = {
            "redirect_uri": provider._oidc_redirect_uri_value(),
            "code_verifier": "v" * 50,
            "client_id": provider.client_id,
            "auth_method": "private_key_jwt",
            "client_assertion": assertion,
        }
        with self.assertRaises(oidc_client.OIDCError) as first:
            oidc_client.token_request(metadata["token_endpoint"], code=codes[0], **kwargs)
        self.assertNotIn("invalid_client", first.exception.detail)
        with self.assertRaises(oidc_client.OIDCError) as second:
            oidc_client.token_request(metadata["token_endpoint"], code=codes[1], **kwargs)
        self.assertIn("invalid_client", second.exception.detail)

    def test_wrong_nonce_is_refused(self):
        before = self.snapshot()
        auth_url = self.start_sign_in()
        nonce = self.query(auth_url)["nonce"]
        # The provider faithfully echoes whatever nonce it received.
        callback_url = self.authorize_at_provider(
            auth_url.replace(f"nonce={nonce}", "nonce=attacker"), NEWCOMER_ID
        )
        self.assertRefused(self.callback(callback_url), before, reason="wrong_nonce")

    def test_open_redirect_is_refused_before_leaving_the_site(self):
        before = self.snapshot()
        for target in (
            "https://evil.example.com/",
            "//evil.example.com",
            "/\\evil.example.com",
            "http:/evil.example.com",
        ):
            with self.subTest(target=target):
                response = self.url_open(
                    f"/auth_oidc/signin/{self.provider.id}?{urlencode({'redirect': target})}",
                    allow_redirects=False,
                )
                self.assertRefused(response, before, reason="bad_redirect", status=400)

    def test_response_from_another_issuer_is_refused(self):
        before = self.snapshot()
        callback_url = self.authorize_at_provider(self.start_sign_in(), NEWCOMER_ID)
        mixed_up = callback_url.replace("iss=", "iss=https%3A%2F%2Fevil.example.com")
        self.assertRefused(self.callback(mixed_up), before, reason="wrong_issuer")

    def test_id_of_a_staff_account_does_not_sign_in_as_staff(self):
        kofi = self.env["g2p.reg.id"].search([("value", "=", KOFI_ID)]).partner_id
        staff = self.env["res.users"].search([("partner_id", "=", kofi.id)], limit=1) or self.env[
            "res.users"
        ].create({"login": "kofi.staff", "partner_id": kofi.id})
        staff.groups_id = [(6, 0, [self.ref("base.group_user")])]
        self.assertFalse(staff.share)
        before = self.snapshot()
        callback_url = self.authorize_at_provider(self.start_sign_in(), KOFI_ID)
        self.assertRefused(self.callback(callback_url), before, reason="staff_account")

    def test_wrong_one_time_code_stays_at_the_provider(self):
        page = self.browser_op.get(self.start_sign_in(), timeout=30)
        action = re.search(r'action="([^"]*/login)"', page.text).group(1)
        page = self.browser_op.post(
            urljoin(self.op.issuer, action),
            data={"individual_id": AMINA_ID, "otp": "000000"},
            allow_redirects=False,
        )
        self.assertEqual(page.status_code, 400)
        self.assertIn("wrong one-time code", page.text)
        self.assertNotIn("Location", page.headers)

    def test_unknown_id_with_sign_up_off_is_refused(self):
        self.provider.oidc_allow_signup = False
        before = self.snapshot()
        callback_url = self.authorize_at_provider(self.start_sign_in(), NEWCOMER_ID)
        response = self.callback(callback_url)
        self.assertRefused(response, before, reason="unknown_id")
        self.assertIn("could not find a registration", response.text)

    def test_provider_down_gives_a_clear_page(self):
        before = self.snapshot()
        down = self.provider.copy({"name": "Down", "oidc_issuer": free_port_url(), "oidc_metadata": False})
        response = self.url_open(f"/auth_oidc/signin/{down.id}", allow_redirects=False)
        self.assertRefused(response, before, reason="provider_unreachable", status=502)
        self.assertIn("not available right now", response.text)

    def test_token_endpoint_down_gives_a_clear_page(self):
        callback_url = self.authorize_at_provider(self.start_sign_in(), NEWCOMER_ID)
        self.provider.oidc_token_endpoint = free_port_url() + "/token"
        before = self.snapshot()
        self.assertRefused(self.callback(callback_url), before, reason="provider_unreachable", status=502)

    def test_real_provider_acr_among_the_requested_ones_is_accepted(self):
        # The demo provider authenticates with the first requested acr it knows.
        self.provider.oidc_acr_values = "mosip:idp:acr:biometrics"
        response, _url = self.sign_in(national_id=AMINA_ID)
        self.assertEqual(response.status_code, 303, response.text[:500])
        consent = self.env["g2p.oidc.consent"].search([], order="id desc", limit=1)
        self.assertEqual(consent.acr, "mosip:idp:acr:biometrics")

    def test_real_provider_acr_that_was_not_requested_is_refused(self):
        # Asked for a method it does not offer, the provider falls back to OTP and says so.
        self.provider.oidc_acr_values = "urn:example:acr:in-person"
        before = self.snapshot()
        response, _url = self.sign_in(national_id=AMINA_ID)
        self.assertRefused(response, before, reason="wrong_acr")
        self.assertIn("did not confirm your identity in a way this site accepts", response.text)


@tagged("post_install", "-at_install")
class TestForgedTokens(ForgedTokensCase):
    """Token-level attacks: the provider's answers are replaced by crafted ones, signed with
    the provider's own key (so only the claim under test is wrong) or with a fake key."""

    def test_control_correctly_signed_tokens_are_accepted(self):
        # Proves that the refusals below come from the one thing each of them breaks.
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce)))
        self.assertEqual(response.status_code, 303, response.text[-800:])
        self.assertTrue(self.session_uid())
        user = self.env["res.users"].browse(self.session_uid())
        self.assertNotEqual(
            user.oauth_access_token, "forged-access-token", "the provider's token is not kept"
        )

    def test_id_token_with_a_bad_signature_is_refused(self):
        before = self.snapshot()
        fake_pem = self.fake_key.as_pem(is_private=True)
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce), key_pem=fake_pem))
        self.assertRefused(response, before, reason="invalid_signature")

    def test_id_token_with_an_unknown_kid_is_refused_after_one_refetch(self):
        before = self.snapshot()
        fake_pem = self.fake_key.as_pem(is_private=True)
        calls = []
        real_fetch = oidc_client.fetch_jwks

        def counting_fetch(url, *args, **kwargs):
            calls.append(url)
            return real_fetch(url, *args, **kwargs)

        # The provider's keys are already cached, as after any earlier sign-in.
        self.provider._oidc_jwks_getter(self.op.issuer + "/jwks")(False)
        with patch.object(oidc_client, "fetch_jwks", counting_fetch):
            response = self.play(
                lambda nonce: self.sign(self.id_claims(nonce), key_pem=fake_pem, kid="rotated-key")
            )
        self.assertRefused(response, before, reason="unknown_key")
        self.assertEqual(calls, [self.op.issuer + "/jwks"], "refetched exactly once")

    def test_a_burst_of_one_unknown_kid_refetches_the_jwks_once(self):
        fake_pem = self.fake_key.as_pem(is_private=True)
        calls = []
        real_fetch = oidc_client.fetch_jwks

        def counting_fetch(url, *args, **kwargs):
            calls.append(url)
            return real_fetch(url, *args, **kwargs)

        self.provider._oidc_forget_jwks()
        self.addCleanup(self.provider._oidc_forget_jwks)
        self.provider._oidc_jwks_getter(self.op.issuer + "/jwks")(False)
        with patch.object(oidc_client, "fetch_jwks", counting_fetch):
            for _i in range(3):
                before = self.snapshot()
                response = self.play(
                    lambda nonce: self.sign(self.id_claims(nonce), key_pem=fake_pem, kid="unknown")
                )
                self.assertRefused(response, before, reason="unknown_key")
            # The provider's own key still verifies from the cache.
            response = self.play(lambda nonce: self.sign(self.id_claims(nonce)))
            self.assertEqual(response.status_code, 303, response.text[-800:])
        self.assertEqual(calls, [self.op.issuer + "/jwks"], "one refetch for the whole burst")

    def test_alg_none_is_refused(self):
        before = self.snapshot()

        def none_token(nonce):
            header = b64(json.dumps({"alg": "none", "kid": "op-test-key"}).encode())
            return f"{header}.{b64(json.dumps(self.id_claims(nonce)).encode())}."

        self.assertRefused(self.play(none_token), before, reason="invalid_token")

    def test_hmac_signed_with_the_public_key_is_refused(self):
        before = self.snapshot()
        public_pem = self.op_key.as_pem(is_private=False)

        def hmac_token(nonce):
            signing_input = (
                b64(json.dumps({"alg": "HS256", "kid": "op-test-key"}).encode())
                + "."
                + b64(json.dumps(self.id_claims(nonce)).encode())
            )
            signature = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
            return f"{signing_input}.{b64(signature)}"

        self.assertRefused(self.play(hmac_token), before, reason="invalid_token")

    def test_wrong_issuer_is_refused(self):
        before = self.snapshot()
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce, iss="https://evil.example.com")))
        self.assertRefused(response, before, reason="wrong_issuer")

    def test_wrong_audience_is_refused(self):
        before = self.snapshot()
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce, aud="another-client")))
        self.assertRefused(response, before, reason="wrong_audience")

    def test_foreign_authorized_party_is_refused(self):
        before = self.snapshot()
        response = self.play(
            lambda nonce: self.sign(self.id_claims(nonce, aud=[self.client_id, "other"], azp="other"))
        )
        self.assertRefused(response, before, reason="wrong_audience")

    def test_expired_id_token_is_refused(self):
        before = self.snapshot()
        old = int(time.time()) - 3600
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce, iat=old, exp=old + 300)))
        self.assertRefused(response, before, reason="expired_token")

    def test_at_hash_of_another_access_token_is_refused(self):
        before = self.snapshot()
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce, at_hash="AAAAAAAAAAAAAAAAAAAAAA")))
        self.assertRefused(response, before, reason="invalid_id_token")

    def test_userinfo_with_a_failing_signature_is_refused(self):
        before = self.snapshot()
        forged = self.sign(self.userinfo_claims(), key_pem=self.fake_key.as_pem(is_private=True))
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce)), userinfo=forged)
        self.assertRefused(response, before, reason="invalid_signature")

    def test_unsigned_userinfo_is_refused_when_a_signature_is_expected(self):
        before = self.snapshot()
        header = b64(json.dumps({"alg": "none"}).encode())
        unsigned = f"{header}.{b64(json.dumps(self.userinfo_claims()).encode())}."
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce)), userinfo=unsigned)
        self.assertRefused(response, before, reason="invalid_token")

    def test_userinfo_about_someone_else_is_refused(self):
        before = self.snapshot()
        other = self.sign(self.userinfo_claims(sub="pairwise-sub-of-someone-else", individual_id=AMINA_ID))
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce)), userinfo=other)
        self.assertRefused(response, before, reason="sub_mismatch")

    def test_encrypted_userinfo_for_another_key_is_refused(self):
        before = self.snapshot()
        stranger = JsonWebKey.generate_key("RSA", 2048, is_private=True)
        inner = self.sign(self.userinfo_claims(aud=self.client_id_enc))
        jwe = (
            JsonWebEncryption()
            .serialize_compact(
                {"alg": "RSA-OAEP-256", "enc": "A256GCM", "cty": "JWT"}, inner.encode(), stranger
            )
            .decode()
        )
        response = self.play(
            lambda nonce: self.sign(self.id_claims(nonce, aud=self.client_id_enc)),
            userinfo=jwe,
            provider=self.provider_enc,
        )
        self.assertRefused(response, before, reason="invalid_userinfo")

    def test_id_token_acr_not_among_the_requested_ones_is_refused(self):
        self.assertIn("mosip:idp:acr:generated-code", self.provider.oidc_acr_values)
        for acr in ("mosip:idp:acr:password", None, ["mosip:idp:acr:generated-code"]):
            before = self.snapshot()
            with self.assertLogs("odoo.addons.g2p_portal_auth_oidc.controllers.oidc", "WARNING") as logs:
                response = self.play(lambda nonce, acr=acr: self.sign(self.id_claims(nonce, acr=acr)))
            self.assertRefused(response, before, reason="wrong_acr")
            self.assertTrue(any("refused (wrong_acr)" in line for line in logs.output), logs.output)

    def test_acr_is_not_required_when_no_acr_values_were_requested(self):
        self.provider.oidc_acr_values = False
        params = self.query(self.start_sign_in())
        self.assertNotIn("acr_values", params)
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce, acr=None)))
        self.assertEqual(response.status_code, 303, response.text[-800:])
        self.assertTrue(self.session_uid())

    def test_acr_values_given_as_an_extra_parameter_are_checked_too(self):
        self.provider.write(
            {"oidc_acr_values": False, "oidc_extra_params": "acr_values=mosip:idp:acr:biometrics"}
        )
        before = self.snapshot()
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce)))
        self.assertRefused(response, before, reason="wrong_acr")

    def test_malformed_picture_is_skipped_and_the_sign_in_goes_on(self):
        garbage = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 10).decode()
        for picture in (f"data:image/png;base64,{garbage}", "data:image/png;base64,@@not base64@@"):
            self.logout()
            userinfo = self.sign(self.userinfo_claims(picture=picture))
            with self.assertLogs("odoo.addons.g2p_portal_auth_oidc.models.g2p_oidc_claim_mapping") as logs:
                response = self.play(lambda nonce: self.sign(self.id_claims(nonce)), userinfo=userinfo)
            self.assertEqual(response.status_code, 303, response.text[-800:])
            user = self.env["res.users"].browse(self.session_uid())
            self.assertEqual(user.partner_id.family_name, "Ndiaye")
            self.assertFalse(user.partner_id.image_1920, "the unusable picture is not stored")
            self.assertEqual(len(logs.output), 1)
            self.assertIn("picture claim picture skipped", logs.output[0])
            self.assertNotIn(garbage[:20], logs.output[0], "the claim itself is not logged")
