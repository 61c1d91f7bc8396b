# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import time
from unittest.mock import patch
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import jwt
import requests
from authlib.jose import JsonWebKey

import odoo
from odoo.tests import HttpCase

from ..oidc import client as oidc_client
from .oidc_provider_process import OidcProviderProcess, free_port

NEWCOMER_ID = "5550001112"
AMINA_ID = "1234567890"
KOFI_ID = "2345678901"
OTP = "111111"


def free_port_url():
    """A local URL where nothing listens: a provider that is down."""
    return f"http://127.0.0.1:{free_port()}"


def provider_private_jwks():
    """A signing key for the test provider; the tests keep the private half so they can
    craft tokens that are validly signed but wrong in other ways."""
    key = JsonWebKey.generate_key("RSA", 2048, is_private=True)
    jwk = key.as_dict(is_private=True)
    jwk.update(kid="op-test-key", use="sig")
    return {"keys": [jwk]}, key


class OidcHttpCase(HttpCase):
    """Odoo's test HTTP server as the relying party, the real node provider as the OP."""

    client_id = "g2p-test-rp"
    client_id_enc = "g2p-test-rp-enc"
    client_id_secret = "g2p-test-rp-secret"
    client_secret = "a-long-shared-secret-for-the-test-client-0123456789"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["g2p.oidc.key"]._g2p_ensure_keys()
        rp_jwks = env["g2p.oidc.key"]._g2p_public_jwks()
        cls.op_jwks, cls.op_key = provider_private_jwks()
        redirect_uri = cls.base_url() + "/auth_oidc/callback"
        client = {
            # The portal sign-in, and closing an account after signing in again.
            "redirect_uris": [redirect_uri, cls.base_url() + "/my/account/close/callback"],
            "post_logout_redirect_uris": [cls.base_url() + "/web/login"],
            # Inline keys: the provider fetching our JWKS URL would need a second request
            # into the single-cursor test server while the callback request holds it.
            "jwks": rp_jwks,
        }
        cls.op = OidcProviderProcess(
            [
                {"client_id": cls.client_id, **client},
                {
                    "client_id": cls.client_id_enc,
                    **client,
                    "userinfo_encrypted_response_alg": "RSA-OAEP-256",
                    "userinfo_encrypted_response_enc": "A256GCM",
                },
                *(
                    {
                        # Not eSignet: other providers authenticate clients with a secret
                        # and answer userinfo as plain JSON.
                        "client_id": f"{cls.client_id_secret}-{method}",
                        "client_secret": cls.client_secret,
                        "token_endpoint_auth_method": method,
                        "userinfo_signed_response_alg": None,
                        "redirect_uris": [redirect_uri],
                    }
                    for method in ("client_secret_basic", "client_secret_post")
                ),
            ],
            jwks=cls.op_jwks,
            client_auth_methods=["private_key_jwt", "client_secret_basic", "client_secret_post"],
        ).start()
        cls.addClassCleanup(cls.op.stop)
        env["ir.config_parameter"].sudo().set_param("web.base.url", cls.base_url())
        cls.national_id = env.ref("g2p_registry.id_type_national_id")
        cls.provider = cls._make_provider("Test eSignet", cls.client_id, "jwt")
        cls.provider_enc = cls._make_provider("Test eSignet (encrypted)", cls.client_id_enc, "jwe")

    @classmethod
    def _make_provider(cls, name, client_id, userinfo_format):
        provider = cls.env["auth.oauth.provider"].create(
            {
                "name": name,
                "body": f"Sign in with {name}",
                "client_id": client_id,
                "enabled": True,
                "oidc_flow": "oidc_code",
                "oidc_issuer": cls.op.issuer,
            }
        )
        provider._oidc_apply_esignet_preset()
        provider.write(
            {
                "oidc_userinfo_format": userinfo_format,
                "oidc_claims_locales": "en fr",
                "oidc_self_service": True,
                "oidc_allow_signup": True,
                "oidc_id_type_id": cls.national_id.id,
            }
        )
        return provider

    def setUp(self):
        super().setUp()
        # The provider's cookies (its own session) stay apart from Odoo's.
        self.browser_op = requests.Session()

    # -- driving the two sides ------------------------------------------------------------

    def start_sign_in(self, provider=None, redirect="/my"):
        """GET our sign-in route; returns the authorization URL we were sent to."""
        provider = provider or self.provider
        response = self.url_open(
            f"/auth_oidc/signin/{provider.id}?redirect={redirect}", allow_redirects=False, timeout=30
        )
        self.assertEqual(response.status_code, 303, self.op.output()[-2000:])
        location = response.headers["Location"]
        self.assertTrue(location.startswith(self.op.issuer + "/auth?"), location)
        return location

    def authorize_at_provider(self, auth_url, national_id=AMINA_ID, allow=True):
        """Sign in and consent on the provider's HTML pages; returns the callback URL."""
        self.browser_op = requests.Session()
        page = self.browser_op.get(auth_url, timeout=30)
        self.assertEqual(page.status_code, 200, page.text[:500])
        action = re.search(r'action="([^"]*/login)"', page.text).group(1)
        page = self.browser_op.post(
            urljoin(self.op.issuer, action), data={"individual_id": national_id, "otp": OTP}
        )
        self.assertEqual(page.status_code, 200, page.text[:500])
        self.assertIn("Share your information", page.text)
        self.consent_claims = re.findall(r'data-claim="([^"]*)"', page.text)
        step = "confirm" if allow else "abort"
        action = re.search(rf'action="([^"]*/{step})"', page.text).group(1)
        response = self.browser_op.post(urljoin(self.op.issuer, action), allow_redirects=False)
        while response.status_code in (302, 303):
            location = urljoin(self.op.issuer, response.headers["Location"])
            if location.startswith(self.base_url()):
                return location
            response = self.browser_op.get(location, allow_redirects=False)
        self.fail(f"the provider did not send us back: {response.status_code} {response.text[:500]}")

    def callback(self, callback_url):
        return self.url_open(callback_url, allow_redirects=False, timeout=60)

    def sign_in(self, provider=None, national_id=AMINA_ID, redirect="/my"):
        auth_url = self.start_sign_in(provider, redirect)
        callback_url = self.authorize_at_provider(auth_url, national_id)
        return self.callback(callback_url), callback_url

    def logout(self):
        self.url_open("/web/session/logout", allow_redirects=False)

    # -- observations ---------------------------------------------------------------------

    def session_uid(self):
        sid = self.opener.cookies.get("session_id")
        session = odoo.http.root.session_store.get(sid) if sid else None
        return session.uid if session else None

    def snapshot(self):
        """Counts and verification state that a refused sign-in must leave unchanged."""
        self.env.invalidate_all()
        env = self.env
        amina_id = env["g2p.reg.id"].search([("id_type", "=", self.national_id.id), ("value", "=", AMINA_ID)])
        return {
            "partners": env["res.partner"].with_context(active_test=False).search_count([]),
            "users": env["res.users"].with_context(active_test=False).search_count([]),
            "reg_ids": env["g2p.reg.id"].search_count([]),
            "consents": env["g2p.oidc.consent"].search_count([]),
            "verified": env["g2p.verified.field"].search_count([]),
            "amina_id": amina_id.read(["is_verified", "verification_method", "verified_at"]),
            "amina": amina_id.partner_id.read(["name", "email", "phone", "write_date"]),
            "oauth": env["res.users"].search_read(
                [("oauth_provider_id", "in", (self.provider | self.provider_enc).ids)], ["oauth_uid"]
            ),
        }

    def assertRefused(self, response, before, reason=None, status=None):
        """An error page, nobody signed in, nothing created or changed."""
        if status:
            self.assertEqual(response.status_code, status, response.text[:300])
        else:
            self.assertIn(response.status_code, (400, 403, 404, 502), response.text[:300])
        self.assertIn("o_g2p_oidc_error", response.text)
        if reason:
            self.assertIn(f'data-reason="{reason}"', response.text)
        self.assertNotIn("Location", response.headers)
        self.assertFalse(self.session_uid(), "a refused sign-in must leave the person signed out")
        self.assertEqual(self.snapshot(), before)

    @staticmethod
    def query(url):
        return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


class ForgedTokensCase(OidcHttpCase):
    """Real attempts whose callback is answered with crafted tokens, signed with the
    provider's own key (so only the claim under test is wrong) or with a fake key."""

    def setUp(self):
        super().setUp()
        self.op_pem = self.op_key.as_pem(is_private=True)
        self.fake_key = JsonWebKey.generate_key("RSA", 2048, is_private=True)
        self.sub = "pairwise-sub-of-awa"

    def sign(self, claims, key_pem=None, alg="PS256", kid="op-test-key"):
        return jwt.encode(claims, key_pem or self.op_pem, algorithm=alg, headers={"kid": kid})

    def id_claims(self, nonce, **overrides):
        now = int(time.time())
        claims = {
            "iss": self.op.issuer,
            "aud": self.client_id,
            "sub": self.sub,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "acr": "mosip:idp:acr:generated-code",
        }
        claims.update(overrides)
        return {k: v for k, v in claims.items() if v is not None}

    def userinfo_claims(self, **overrides):
        claims = {
            "sub": self.sub,
            "individual_id": NEWCOMER_ID,
            "given_name": "Awa",
            "family_name": "Ndiaye",
            "birthdate": "1995/07/21",
            "gender": "Female",
        }
        claims.update(overrides)
        return claims

    def play(
        self,
        make_id_token,
        userinfo=None,
        provider=None,
        content_type="application/jwt",
        access_token="forged-access-token",
    ):
        """Start a real attempt, then answer its callback with crafted tokens."""
        provider = provider or self.provider
        params = self.query(self.start_sign_in(provider))
        id_token = make_id_token(params["nonce"])
        tokens = {"access_token": access_token, "token_type": "Bearer", "id_token": id_token}
        body = userinfo if userinfo is not None else self.sign(self.userinfo_claims())
        model = type(self.env["auth.oauth.provider"])
        with (
            patch.object(model, "_oidc_exchange_code", lambda self_, code, verifier: tokens),
            patch.object(oidc_client, "userinfo_request", lambda url, token: (content_type, body.encode())),
        ):
            return self.callback(
                "/auth_oidc/callback?"
                + urlencode({"code": "forged", "state": params["state"], "iss": self.op.issuer})
            )
