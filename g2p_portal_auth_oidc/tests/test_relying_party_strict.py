# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The relying party, stricter: RFC 9207 iss, redirect_uri from the configured URL, no
codes in the access log, bounded provider calls end-to-end, hostile claims refused
cleanly, archived providers, the demo without the Odoo.com button."""

import json
import logging
import time
from unittest.mock import patch
from urllib.parse import urlencode

from odoo.tests import tagged

from ..oidc import client as oidc_client
from ..oidc import flow, log_redaction
from .common import AMINA_ID, NEWCOMER_ID, ForgedTokensCase
from .hostile_peer import HostilePeer, trickle_body


@tagged("post_install", "-at_install")
class TestRelyingPartyStrict(ForgedTokensCase):
    def test_iss_is_required_when_the_provider_advertises_it(self):
        metadata = self.provider._oidc_metadata()
        self.assertIs(metadata.get("authorization_response_iss_parameter_supported"), True)
        before = self.snapshot()
        callback_url = self.authorize_at_provider(self.start_sign_in(), NEWCOMER_ID)
        params = self.query(callback_url)
        self.assertEqual(params["iss"], self.op.issuer)
        stripped = "/auth_oidc/callback?" + urlencode({"code": params["code"], "state": params["state"]})
        self.assertRefused(self.callback(stripped), before, reason="wrong_issuer")

    def test_iss_stays_optional_for_a_provider_that_does_not_advertise_it(self):
        metadata = dict(self.provider._oidc_metadata())
        metadata.pop("authorization_response_iss_parameter_supported")
        self.provider.write({"oidc_metadata": json.dumps(metadata)})
        self.assertFalse(self.provider._oidc_requires_iss())

    def test_redirect_uri_comes_from_the_configured_base_url_not_the_host_header(self):
        response = self.url_open(
            f"/auth_oidc/signin/{self.provider.id}",
            headers={"Host": "evil.example"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        redirect_uri = self.query(response.headers["Location"])["redirect_uri"]
        self.assertEqual(redirect_uri, self.base_url() + "/auth_oidc/callback")
        self.assertNotIn("evil.example", response.headers["Location"])

    def test_end_session_url_uses_the_configured_base_url(self):
        url = flow.end_session_url(self.provider, "id-token")
        self.assertEqual(self.query(url)["post_logout_redirect_uri"], self.base_url() + "/web/login")
        self.assertEqual(self.provider.oidc_post_logout_redirect_uri, self.base_url() + "/web/login")

    def test_authorization_code_is_kept_out_of_the_access_log(self):
        callback_url = self.authorize_at_provider(self.start_sign_in(), AMINA_ID)
        code = self.query(callback_url)["code"]
        # A number as the level: Odoo renames level 25 "INFO".
        with self.assertLogs("werkzeug", logging.INFO) as logs:
            response = self.callback(callback_url)
        self.assertEqual(response.status_code, 303, response.text[-500:])
        lines = [line for line in logs.output if "/auth_oidc/callback" in line]
        self.assertEqual(len(lines), 1, logs.output)
        self.assertNotIn(code, lines[0])
        self.assertIn("code=[redacted]", lines[0])

    def test_redaction_touches_only_the_callback(self):
        self.assertEqual(log_redaction.redact("GET /my?code=1 HTTP/1.1"), "GET /my?code=1 HTTP/1.1")
        self.assertEqual(
            log_redaction.redact("GET /auth_oidc/callback?state=s&code=c&iss=i HTTP/1.1"),
            "GET /auth_oidc/callback?state=[redacted]&code=[redacted]&iss=i HTTP/1.1",
        )
        record = logging.LogRecord(
            "werkzeug", logging.INFO, "", 0, '"%s" %s', ("GET /auth_oidc/callback?code=x", 303), None
        )
        log_redaction.RedactCallbackSecrets().filter(record)
        self.assertNotIn("code=x", record.getMessage())

    def test_token_endpoint_answering_a_list_gives_the_error_page(self):
        peer = HostilePeer().start()
        self.addCleanup(peer.stop)
        peer.routes["/token"] = (200, "application/json", "[]")
        callback_url = self.authorize_at_provider(self.start_sign_in(), NEWCOMER_ID)
        self.provider.oidc_token_endpoint = peer.url + "/token"
        before = self.snapshot()
        self.assertRefused(self.callback(callback_url), before, reason="invalid_token_response")

    def test_a_trickling_token_endpoint_is_cut_off_at_the_cap(self):
        peer = HostilePeer().start()
        self.addCleanup(peer.stop)
        peer.routes["/token"] = trickle_body(interval=0.3, total=200)
        callback_url = self.authorize_at_provider(self.start_sign_in(), NEWCOMER_ID)
        self.provider.oidc_token_endpoint = peer.url + "/token"
        before = self.snapshot()
        started = time.monotonic()
        with patch.object(oidc_client, "TIMEOUT", 2):
            response = self.callback(callback_url)
        self.assertLess(time.monotonic() - started, 5)
        self.assertRefused(response, before, reason="provider_unreachable", status=502)

    def test_overlong_sub_or_id_and_nul_bytes_in_them_are_refused_cleanly(self):
        cases = (
            ("x" * 256, NEWCOMER_ID),
            ("pairwise\x00sub", NEWCOMER_ID),
            (self.sub, "9" * 10_000),
            (self.sub, "555\x000001112"),
        )
        for sub, id_value in cases:
            with self.subTest(sub=sub[:20], id_value=id_value[:20]):
                self.logout()
                before = self.snapshot()
                userinfo = self.sign(self.userinfo_claims(sub=sub, individual_id=id_value))
                response = self.play(
                    lambda nonce, sub=sub: self.sign(self.id_claims(nonce, sub=sub)), userinfo=userinfo
                )
                self.assertRefused(response, before, reason="invalid_claims")

    def test_sub_of_255_characters_is_accepted(self):
        sub = "s" * 255
        userinfo = self.sign(self.userinfo_claims(sub=sub))
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce, sub=sub)), userinfo=userinfo)
        self.assertEqual(response.status_code, 303, response.text[-500:])

    def test_nul_bytes_in_profile_claims_are_stripped(self):
        userinfo = self.sign(
            self.userinfo_claims(given_name="A\x00wa", family_name="Ndi\x00aye", **{"odd\x00claim": "v\x00"})
        )
        response = self.play(lambda nonce: self.sign(self.id_claims(nonce)), userinfo=userinfo)
        self.assertEqual(response.status_code, 303, response.text[-500:])
        partner = self.env["res.users"].browse(self.session_uid()).partner_id
        self.assertEqual((partner.given_name, partner.family_name), ("Awa", "Ndiaye"))

    def test_archived_provider_is_neither_listed_nor_usable(self):
        self.provider.active = False
        page = self.url_open("/web/login")
        self.assertNotIn(f"/auth_oidc/signin/{self.provider.id}", page.text)
        response = self.url_open(f"/auth_oidc/signin/{self.provider.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        self.assertIn('data-reason="unavailable"', response.text)
        self.assertIn(
            self.provider, self.env["auth.oauth.provider"].with_context(active_test=False).search([])
        )

    def test_demo_does_not_offer_the_odoo_com_sign_in(self):
        odoo_com = self.env.ref("auth_oauth.provider_openerp")
        demo = self.env.ref("g2p_portal_auth_oidc.provider_esignet_demo", raise_if_not_found=False)
        if not demo:
            self.skipTest("installed without demo data")
        self.assertFalse(odoo_com.enabled)
        self.assertNotIn("Odoo.com", self.url_open("/web/login").text)
