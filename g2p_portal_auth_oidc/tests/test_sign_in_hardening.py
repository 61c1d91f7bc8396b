# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import collections
import datetime
import json
import re
from urllib.parse import urlencode, urljoin

import requests

from odoo.tests import tagged

from ..oidc import client as oidc_client
from ..oidc import jose
from .common import KOFI_ID, NEWCOMER_ID, OTP, OidcHttpCase
from .oidc_provider_process import OidcProviderProcess


@tagged("post_install", "-at_install")
class TestSignInHardening(OidcHttpCase):
    """Side doors and failure paths around the code flow, played against the real provider."""

    def test_implicit_flow_route_cannot_sign_in_through_a_code_flow_provider(self):
        # A provider switched from Odoo's implicit flow keeps its validation URL (hidden on
        # the form for code-flow providers); auth_oauth's /auth_oauth/signin would accept
        # any bare access token for it: no state, nonce, PKCE, signature or audience check.
        client_id = f"{self.client_id_secret}-client_secret_post"
        provider = self._make_provider("Legacy", client_id, "json")
        provider.write(
            {
                "oidc_client_auth_method": "client_secret_post",
                "oidc_client_secret": self.client_secret,
                "validation_endpoint": self.op.issuer + "/me",
            }
        )
        self.env["ir.config_parameter"].sudo().set_param("auth_oauth.authorization_header", "1")
        response, _url = self.sign_in(provider=provider, national_id=KOFI_ID)
        self.assertEqual(response.status_code, 303, response.text[-800:])
        self.logout()
        # An access token for that client obtained outside our sign-in route.
        metadata = provider._oidc_metadata()
        verifier, challenge = jose.pkce_pair()
        auth_url = provider._oidc_authorization_url("s", "n", challenge)
        code = self.query(self.authorize_at_provider(auth_url, KOFI_ID))["code"]
        tokens = oidc_client.token_request(
            metadata["token_endpoint"],
            code=code,
            redirect_uri=provider._oidc_redirect_uri_value(),
            code_verifier=verifier,
            client_id=client_id,
            auth_method="client_secret_post",
            client_secret=self.client_secret,
        )
        # Control: the provider does answer the validation URL for that token.
        userinfo = oidc_client.userinfo_request(self.op.issuer + "/me", tokens["access_token"])
        self.assertIn("sub", json.loads(userinfo[1]))
        before = self.snapshot()
        state = json.dumps({"d": self.env.cr.dbname, "p": provider.id})
        url = f"/auth_oauth/signin?{urlencode({'access_token': tokens['access_token'], 'state': state})}"
        response = self.url_open(url, allow_redirects=False)
        if response.status_code == 302 and response.headers["Location"].endswith(url):
            # auth_oauth first binds the session to the database named in the state.
            response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertIn("oauth_error", response.headers["Location"])
        self.assertFalse(self.session_uid(), "the implicit route must not sign anyone in")
        self.assertEqual(self.snapshot(), before)

    def test_non_ascii_nonce_gives_the_error_page(self):
        before = self.snapshot()
        auth_url = self.start_sign_in()
        nonce = self.query(auth_url)["nonce"]
        # The provider echoes the nonce it received, whatever its characters.
        callback_url = self.authorize_at_provider(
            auth_url.replace(f"nonce={nonce}", "nonce=%C3%A9t%C3%A9"), NEWCOMER_ID
        )
        self.assertRefused(self.callback(callback_url), before, reason="wrong_nonce")

    def test_login_cooldown_refuses_before_anything_is_created(self):
        # After repeated login failures from this address logins are refused for a while;
        # the ID sign-in must stop before it creates the registrant, not after. The failures
        # are kept in the database (every node sees them), not in one process's memory.
        self.env["g2p.oidc.login.failure"].create(
            {"remote_addr": "127.0.0.1", "failures": 50, "last_failure": datetime.datetime.now()}
        )
        before = self.snapshot()
        callback_url = self.authorize_at_provider(self.start_sign_in(), NEWCOMER_ID)
        response = self.callback(callback_url)
        self.assertRefused(response, before, reason="too_many_attempts", status=429)
        self.assertIn("wait a few minutes", response.text)

    def test_login_cooldown_does_not_read_odoo_private_failure_map(self):
        registry = self.env.registry
        saved = getattr(registry, "_login_failures", None)
        registry._login_failures = collections.defaultdict(lambda: (0, datetime.datetime.min))
        registry._login_failures["127.0.0.1"] = (50, datetime.datetime.now())

        def restore():
            if saved is None:
                del registry._login_failures
            else:
                registry._login_failures = saved

        self.addCleanup(restore)
        failures = self.env["g2p.oidc.login.failure"]
        self.assertFalse(failures._g2p_on_cooldown("127.0.0.1"))
        failures._g2p_record_failure("10.9.8.7")
        row = failures.search([("remote_addr", "=", "10.9.8.7")])
        self.assertEqual(row.failures, 1)
        after = int(self.env["ir.config_parameter"].get_param("base.login_cooldown_after", 5))
        for _i in range(after - 2):
            failures._g2p_record_failure("10.9.8.7")
        self.assertFalse(failures._g2p_on_cooldown("10.9.8.7"), "not yet")
        failures._g2p_record_failure("10.9.8.7")
        self.assertTrue(failures._g2p_on_cooldown("10.9.8.7"))
        failures._g2p_reset("10.9.8.7")
        self.assertFalse(failures._g2p_on_cooldown("10.9.8.7"))

    def test_state_works_once_within_the_same_session(self):
        # The same browser session replays its own callback: the attempt is already spent.
        before = self.snapshot()
        callback_url = self.authorize_at_provider(self.start_sign_in(), NEWCOMER_ID, allow=False)
        self.assertRefused(self.callback(callback_url), before, reason="access_denied")
        self.assertRefused(self.callback(callback_url), before, reason="invalid_state")

    def test_partner_shared_with_a_staff_account_is_refused_whatever_the_login_order(self):
        kofi = self.env["g2p.reg.id"].search([("value", "=", KOFI_ID)]).partner_id
        users = self.env["res.users"].with_context(no_reset_password=True)
        # The portal account sorts first by login, the staff account of the same person after.
        portal = users.create(
            {
                "login": "0-kofi-portal",
                "partner_id": kofi.id,
                "groups_id": [(6, 0, [self.ref("base.group_portal")])],
            }
        )
        staff = users.create(
            {
                "login": "zz-kofi-staff",
                "partner_id": kofi.id,
                "groups_id": [(6, 0, [self.ref("base.group_user")])],
            }
        )
        self.assertTrue(portal.share)
        self.assertFalse(staff.share)
        before = self.snapshot()
        kofi_before = kofi.read(["name", "email", "phone", "write_date"])
        callback_url = self.authorize_at_provider(self.start_sign_in(), KOFI_ID)
        self.assertRefused(self.callback(callback_url), before, reason="staff_account")
        self.env.invalidate_all()
        self.assertEqual(kofi.read(["name", "email", "phone", "write_date"]), kofi_before)

    def test_retiring_old_keys_after_rotation_keeps_encrypted_userinfo_working(self):
        Key = self.env["g2p.oidc.key"]

        def age(keys, minutes):
            self.env.cr.execute(
                "UPDATE g2p_oidc_key SET create_date = now() at time zone 'UTC' - interval '%s minutes' "
                "WHERE id IN %s",
                (minutes, tuple(keys.ids)),
            )
            self.env.invalidate_all()

        age(Key.search([]), 60 * 24)
        Key.action_rotate()
        # Past the publication delay: the new signing key is in use, the old keys may go.
        age(Key.search([("state", "=", "active")]), 11)
        # A provider that fetched our JWKS after the rotation, and still holds that copy when
        # the old keys are retired (it caches the JWKS for minutes).
        client_id = "g2p-test-rp-rotated"
        op = OidcProviderProcess(
            [
                {
                    "client_id": client_id,
                    "redirect_uris": [self.base_url() + "/auth_oidc/callback"],
                    "jwks": Key._g2p_public_jwks(),
                    "userinfo_encrypted_response_alg": "RSA-OAEP-256",
                    "userinfo_encrypted_response_enc": "A256GCM",
                }
            ],
            jwks=self.op_jwks,
        ).start()
        self.addCleanup(op.stop)
        provider = self.env["auth.oauth.provider"].create(
            {
                "name": "Rotated",
                "body": "Rotated",
                "client_id": client_id,
                "enabled": True,
                "oidc_flow": "oidc_code",
                "oidc_issuer": op.issuer,
            }
        )
        provider._oidc_apply_esignet_preset()
        provider.write({"oidc_userinfo_format": "jwe", "oidc_self_service": True})
        Key.search([("state", "=", "retiring")]).action_retire()
        response = self.url_open(f"/auth_oidc/signin/{provider.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.browser_op = requests.Session()
        auth_url = response.headers["Location"]
        page = self.browser_op.get(auth_url, timeout=30)
        action = re.search(r'action="([^"]*/login)"', page.text).group(1)
        page = self.browser_op.post(urljoin(op.issuer, action), data={"individual_id": KOFI_ID, "otp": OTP})
        action = re.search(r'action="([^"]*/confirm)"', page.text).group(1)
        response = self.browser_op.post(urljoin(op.issuer, action), allow_redirects=False)
        while not response.headers["Location"].startswith(self.base_url()):
            response = self.browser_op.get(
                urljoin(op.issuer, response.headers["Location"]), allow_redirects=False
            )
        response = self.callback(response.headers["Location"])
        self.assertEqual(response.status_code, 303, response.text[-600:])
        self.assertTrue(self.session_uid())

    def test_provider_error_text_cannot_forge_log_lines(self):
        before = self.snapshot()
        state = self.query(self.start_sign_in())["state"]
        forged = "denied\n2026-01-01 00:00:00,000 1 CRITICAL prod odoo.sql_db: forged line"
        url = "/auth_oidc/callback?" + urlencode(
            {"state": state, "error": "access_denied", "error_description": forged}
        )
        with self.assertLogs("odoo.addons.g2p_portal_auth_oidc.controllers.oidc", "WARNING") as logs:
            response = self.callback(url)
        self.assertRefused(response, before, reason="access_denied", status=403)
        messages = [record.getMessage() for record in logs.records]
        self.assertTrue(any("forged line" in m for m in messages), messages)
        self.assertFalse(any("\n" in m for m in messages), "one log line per refusal")
