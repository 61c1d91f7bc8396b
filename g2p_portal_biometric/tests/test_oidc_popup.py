# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import html
import json
import os
import re
import sys
import tempfile
from unittest.mock import patch
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from odoo.addons.g2p_portal_auth_oidc.tests.oidc_provider_process import OidcProviderProcess
from odoo.tests import common, tagged

from .common import AMINA_ID, KOFI_ID, OFFICER, BiometricCase, start_simulators

ACTION = "g2p_portal_biometric.action_assisted_registration"
CLIENT_ID = "g2p-biometric-test-rp"


@tagged("post_install", "-at_install")
class TestVerifyThroughTheProvider(BiometricCase):
    """The popup: the person signs in at the (real, node) provider with biometrics captured
    from the SBI simulator and checked with the IDA simulator; the officer's session stays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sbi, cls.ida = start_simulators(cls)
        env = cls.env
        env["g2p.oidc.key"]._g2p_ensure_keys()
        config = cls.ida.client_config()
        config["device_ca_certificates_pem"] = [cls.sbi.device_ca_path.read_text()]
        cls.tmpdir = tempfile.mkdtemp(prefix="g2p-bio-op-")
        cls.ida_config_path = os.path.join(cls.tmpdir, "ida.json")
        with open(cls.ida_config_path, "w") as f:
            json.dump(config, f)
        cls.domain_uri = config["domain_uri"]
        cls.op = OidcProviderProcess(
            [
                {
                    "client_id": CLIENT_ID,
                    "redirect_uris": [cls.base_url() + "/g2p_biometric/oidc/callback"],
                    # Inline keys: the single-cursor test server cannot answer the provider's
                    # JWKS request while it waits for the token response.
                    "jwks": env["g2p.oidc.key"]._g2p_public_jwks(),
                }
            ],
            biometrics={
                "ida_config": cls.ida_config_path,
                "python": sys.executable,
                "sbi_ports": f"{cls.sbi.port}-{cls.sbi.port}",
                "domain_uri": config["domain_uri"],
                "env": config["env"],
                "autostart": True,
            },
        ).start()
        cls.addClassCleanup(cls.op.stop)
        provider = env["auth.oauth.provider"].create(
            {
                "name": "Test eSignet (biometrics)",
                "body": "Sign in",
                "client_id": CLIENT_ID,
                "enabled": True,
                "oidc_flow": "oidc_code",
                "oidc_issuer": cls.op.issuer,
            }
        )
        provider._oidc_apply_esignet_preset()
        provider.write({"oidc_id_type_id": cls.national_id.id, "oidc_claims_locales": "en fr"})
        cls.provider = provider
        Param = env["ir.config_parameter"].sudo()
        Param.set_param("g2p_portal_biometric.verify_mode", "oidc")
        Param.set_param("g2p_portal_biometric.provider_id", str(provider.id))
        Param.set_param("g2p_portal_biometric.sbi_ports", f"{cls.sbi.port}-{cls.sbi.port}")

    def setUp(self):
        super().setUp()
        self.sbi.present(AMINA_ID, quality=85)

    def browser_js(self, *args, **kwargs):
        # A tour's click is not a user gesture, so Chromium would block the popup that an
        # officer's real click opens.
        spawn = common.ChromeBrowser._spawn_chrome

        def spawn_allowing_popups(browser, cmd):
            return spawn(browser, [*cmd[:-1], "--disable-popup-blocking", cmd[-1]])

        with patch.object(common.ChromeBrowser, "_spawn_chrome", spawn_allowing_popups):
            return super().browser_js(*args, **kwargs)

    def _session_uid(self):
        return self.json_call("/web/session/get_session_info", csrf=False)["result"]["uid"]

    def _popup(self, typed_id=AMINA_ID):
        """What the popup window does: start, sign in at the provider with a capture, consent.
        Returns the callback URL the provider sends the popup back to."""
        start = self.url_open(
            f"/g2p_biometric/oidc/start?reg_id_id={self.reg_id.id}&consent=1&csrf_token={self.csrf_token()}",
            allow_redirects=False,
        )
        self.assertEqual(start.status_code, 303, start.text[:300])
        authorize = start.headers["Location"]
        params = parse_qs(urlsplit(authorize).query)
        self.assertEqual(params["acr_values"], ["mosip:idp:acr:biometrics"])
        self.assertEqual(params["login_hint"], [AMINA_ID])
        op = requests.Session()
        page = op.get(authorize, timeout=30)
        self.assertIn("Sign in with biometrics", page.text)
        txn = html.unescape(re.search(r'data-txn="([^"]+)"', page.text).group(1))
        action = re.search(r'action="([^"]+/login)"', page.text).group(1)
        biometrics = self.capture(self.sbi, txn, domain_uri=self.domain_uri)
        response = op.post(
            urljoin(self.op.issuer, action),
            data={"individual_id": typed_id, "capture": json.dumps(biometrics)},
            allow_redirects=False,
            timeout=60,
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        consent = op.get(urljoin(self.op.issuer, response.headers["Location"]), timeout=30)
        confirm = re.search(r'action="([^"]+/confirm)"', consent.text).group(1)
        response = op.post(
            urljoin(self.op.issuer, confirm), data={"decision": "allow"}, allow_redirects=False
        )
        location = urljoin(self.op.issuer, response.headers["Location"])
        response = op.get(location, allow_redirects=False, timeout=30)
        callback = response.headers["Location"]
        self.assertTrue(callback.startswith(self.base_url() + "/g2p_biometric/oidc/callback"), callback)
        return callback, biometrics

    def test_match_through_the_provider_binds_the_id_without_touching_the_officer_session(self):
        self.authenticate(OFFICER, OFFICER)
        callback, biometrics = self._popup()
        result = self.url_open(callback)
        self.assertEqual(result.status_code, 200, result.text[:500])
        payload = json.loads(html.unescape(re.search(r'data-payload="([^"]+)"', result.text).group(1)))
        self.assertEqual(payload["result"], "match")
        self.assertIn(f'data-origin="{self.base_url()}"', result.text)
        attempt = self.env["g2p.biometric.attempt"].browse(payload["attempt_id"])
        self.assertEqual(attempt.result, "match")
        self.assertEqual(attempt.method, "oidc")
        self.assertEqual(attempt.provider_id, self.provider)
        self.assertEqual(attempt.officer_id, self.officer)
        self.reg_id.invalidate_recordset()
        self.assertTrue(self.reg_id.is_verified)
        self.assertEqual(self.reg_id.verification_method, "biometric")
        self.assertIn("mosip:idp:acr:biometrics", self.reg_id.verification_source)
        # The officer is still the officer; nobody else was signed in.
        self.assertEqual(self._session_uid(), self.officer.id)
        outcome = self.ok("/g2p_biometric/attempt", attempt_id=attempt.id)
        self.assertTrue(outcome["matched"])
        self.assertTrue(self.ok("/g2p_biometric/programs", partner_id=self.person.id))
        # The same answer cannot be played twice.
        replay = self.url_open(callback)
        self.assertEqual(replay.status_code, 400)
        # The capture passed through the provider, not through Odoo.
        fragments = [b["data"][-60:] for b in biometrics]
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT count(*) FROM g2p_biometric_attempt WHERE message LIKE ANY(%s) OR reason LIKE ANY(%s)",
            [["%" + f + "%" for f in fragments]] * 2,
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_a_person_who_signs_in_with_another_id_does_not_verify_this_one(self):
        self.authenticate(OFFICER, OFFICER)
        self.sbi.present(KOFI_ID, quality=85)
        callback, _biometrics = self._popup(typed_id=KOFI_ID)
        result = self.url_open(callback)
        self.assertEqual(result.status_code, 400)
        payload = json.loads(html.unescape(re.search(r'data-payload="([^"]+)"', result.text).group(1)))
        self.assertEqual(payload["result"], "no_match")
        self.reg_id.invalidate_recordset()
        self.assertFalse(self.reg_id.is_verified)
        self.assertEqual(self._session_uid(), self.officer.id)

    def test_starting_needs_the_officer_screen_token(self):
        self.authenticate(OFFICER, OFFICER)
        for token in ("", "forged"):
            response = self.url_open(
                f"/g2p_biometric/oidc/start?reg_id_id={self.reg_id.id}&consent=1&csrf_token={token}",
                allow_redirects=False,
            )
            self.assertEqual(response.status_code, 403)
        self.assertFalse(self.env["g2p.biometric.attempt"].search([("partner_id", "=", self.person.id)]))

    def test_another_officer_cannot_finish_this_verification(self):
        self.authenticate(OFFICER, OFFICER)
        callback, _biometrics = self._popup()
        other = self.officer.copy({"login": "bio.officer3.test"})
        other.password = "bio.officer3.test"
        self.authenticate("bio.officer3.test", "bio.officer3.test")
        self.assertEqual(self.url_open(callback).status_code, 400)
        self.reg_id.invalidate_recordset()
        self.assertFalse(self.reg_id.is_verified)

    def test_officer_verifies_through_the_provider_popup_in_the_browser(self):
        self.start_tour(
            f"/web?g2p_sbi_port={self.sbi.port}#action={ACTION}",
            "g2p_biometric_provider_popup",
            login=OFFICER,
            timeout=180,
        )
        self.reg_id.invalidate_recordset()
        self.assertTrue(self.reg_id.is_verified)
        attempt = self.env["g2p.biometric.attempt"].search([("partner_id", "=", self.person.id)])
        self.assertEqual(attempt.mapped("result"), ["match"])
        self.assertEqual(attempt.method, "oidc")
