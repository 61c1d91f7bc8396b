# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A provider's answers are untrusted: wrong JSON types, hostile JOSE headers, slow and
oversized responses each end in an OIDCError (hence the sign-in error page), never in an
exception the controller does not expect."""

import base64
import json
import time
from unittest.mock import patch
from urllib.parse import unquote_plus

import jwt

from odoo.tests import BaseCase

from ..oidc import OIDCError, client, jose, jwks_cache
from .hostile_peer import HostilePeer, trickle_body, trickle_headers

ISSUER = "https://op.example.org"
CLIENT = "rp-1"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class PeerCase(BaseCase):
    def setUp(self):
        super().setUp()
        self.peer = HostilePeer().start()
        self.addCleanup(self.peer.stop)

    def token_request(self, **kwargs):
        params = {
            "code": "c",
            "redirect_uri": "https://rp.example/cb",
            "code_verifier": "v" * 50,
            "client_id": CLIENT,
            "auth_method": "client_secret_post",
            "client_secret": "s",
        }
        params.update(kwargs)
        return client.token_request(self.peer.url + "/token", **params)

    def assertReason(self, reason, func, *args, **kwargs):
        with self.assertRaises(OIDCError) as caught:
            func(*args, **kwargs)
        self.assertEqual(caught.exception.reason, reason, caught.exception.detail)
        return caught.exception


class TestTokenResponseTypes(PeerCase):
    def test_token_response_that_is_a_list_or_a_string_is_refused(self):
        for body in ("[1, 2]", '"a string"', "42", "null"):
            with self.subTest(body=body):
                self.peer.routes["/token"] = (200, "application/json", body)
                self.assertReason("invalid_token_response", self.token_request)

    def test_error_answer_that_is_not_an_object_is_a_rejection(self):
        self.peer.routes["/token"] = (400, "application/json", '["invalid_grant"]')
        self.assertReason("token_rejected", self.token_request)

    def test_tokens_that_are_not_strings_are_refused(self):
        for tokens in (
            {"id_token": "a.b.c", "access_token": 12345, "token_type": "Bearer"},
            {"id_token": ["a.b.c"], "access_token": "x", "token_type": "Bearer"},
            {"id_token": "a.b.c", "access_token": "x", "token_type": ["Bearer"]},
        ):
            with self.subTest(tokens=tokens):
                self.peer.routes["/token"] = (200, "application/json", json.dumps(tokens))
                self.assertReason("invalid_token_response", self.token_request)


class TestJoseTypes(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pem = jose.generate_private_pem("RSA")
        cls.jwk = jose.public_jwk(cls.pem, "sig", None)

    def token(self, headers=None, **overrides):
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": CLIENT, "sub": "s", "iat": now, "exp": now + 60, "nonce": "n"}
        claims.update(overrides)
        return jwt.encode(
            claims, self.pem, algorithm="PS256", headers={"kid": self.jwk["kid"], **(headers or {})}
        )

    def validate(self, token, jwks=None, access_token=None):
        jwks = jwks or {"keys": [self.jwk]}
        return jose.validate_id_token(
            token,
            lambda *_a: jwks,
            issuer=ISSUER,
            client_id=CLIENT,
            nonce="n",
            allowed_algs=["PS256"],
            access_token=access_token,
        )

    def assertReason(self, reason, *args, **kwargs):
        with self.assertRaises(OIDCError) as caught:
            self.validate(*args, **kwargs)
        self.assertEqual(caught.exception.reason, reason, caught.exception.detail)

    def test_numeric_access_token_with_at_hash_is_refused(self):
        token = self.token(at_hash=jose.token_hash("12345", "PS256"))
        self.assertReason("invalid_token_response", token, access_token=12345)

    def test_exp_nan_is_refused(self):
        token = self.token(exp=float("nan"))
        self.assertIn("NaN", base64.urlsafe_b64decode(token.split(".")[1] + "==").decode())
        self.assertReason("invalid_id_token", token)

    def test_exp_as_a_string_is_refused(self):
        self.assertReason("invalid_id_token", self.token(exp=str(int(time.time()) + 60)))

    def test_unknown_critical_header_is_refused(self):
        token = self.token(
            headers={"crit": ["urn:example:must-understand"], "urn:example:must-understand": 1}
        )
        self.assertReason("invalid_token", token)

    def test_kid_that_is_a_list_is_refused(self):
        # PyJWT will not produce such a header; a hostile provider will.
        _header, payload, signature = self.token().split(".")
        header = b64(json.dumps({"alg": "PS256", "kid": [self.jwk["kid"]]}).encode())
        self.assertReason("invalid_token", f"{header}.{payload}.{signature}")

    def test_jwks_with_entries_that_are_not_objects_still_verifies(self):
        jwks = {"keys": ["a string", 42, None, [self.jwk], self.jwk]}
        self.assertEqual(self.validate(self.token(), jwks=jwks)["sub"], "s")

    def test_jwks_that_is_not_an_object_finds_no_key(self):
        self.assertReason("unknown_key", self.token(), jwks=["not", "an", "object"])

    def test_encrypted_userinfo_with_a_list_header_or_list_kid_is_refused(self):
        for header in ([1, 2], {"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": ["k"]}, "text"):
            with self.subTest(header=header):
                jwe = f"{b64(json.dumps(header).encode())}.a.b.c.d"
                with self.assertRaises(OIDCError) as caught:
                    jose.decrypt_jwe(jwe, {"k": self.pem})
                self.assertEqual(caught.exception.reason, "invalid_userinfo")


class TestJwksFetch(PeerCase):
    def test_fetched_jwks_keeps_only_object_entries(self):
        self.peer.routes["/jwks"] = (200, "application/json", json.dumps({"keys": ["x", 1, {"kty": "RSA"}]}))
        self.assertEqual(client.fetch_jwks(self.peer.url + "/jwks"), {"keys": [{"kty": "RSA"}]})


class TestBoundedCalls(PeerCase):
    def test_a_peer_trickling_its_body_is_cut_off_at_the_total_timeout(self):
        self.peer.routes["/userinfo"] = trickle_body(interval=0.3, total=100)
        started = time.monotonic()
        self.assertReason(
            "provider_unreachable", client.userinfo_request, self.peer.url + "/userinfo", "t", timeout=2
        )
        self.assertLess(time.monotonic() - started, 3.5, "per-read timeouts would let this run 30 s")

    def test_a_peer_trickling_its_headers_is_cut_off_at_the_total_timeout(self):
        for path in ("/token", "/jwks", "/.well-known/openid-configuration"):
            self.peer.routes[path] = trickle_headers(interval=0.3)
        for call in (
            lambda: self.token_request(timeout=2),
            lambda: client.fetch_jwks(self.peer.url + "/jwks", timeout=2),
            lambda: client.discover(self.peer.url, timeout=2),
        ):
            started = time.monotonic()
            self.assertReason("provider_unreachable", call)
            self.assertLess(time.monotonic() - started, 3.5)

    def test_the_default_cap_applies_to_every_call(self):
        self.peer.routes["/jwks"] = trickle_body(interval=0.3, total=100)
        with patch.object(client, "TIMEOUT", 1):
            started = time.monotonic()
            self.assertReason("provider_unreachable", client.fetch_jwks, self.peer.url + "/jwks")
            self.assertLess(time.monotonic() - started, 2.5)

    def test_oversized_answers_are_refused_without_reading_them_whole(self):
        big = json.dumps({"keys": [], "pad": "x" * (client.MAX_JSON_BYTES + 10)})
        self.peer.routes["/jwks"] = (200, "application/json", big)
        self.assertReason("provider_error", client.fetch_jwks, self.peer.url + "/jwks")

        def undeclared(handler):
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Connection", "close")
            handler.end_headers()
            handler.wfile.write(b'{"keys": [], "pad": "' + b"x" * (client.MAX_JSON_BYTES + 10) + b'"}')
            handler.close_connection = True

        self.peer.routes["/jwks"] = undeclared
        self.assertReason("provider_error", client.fetch_jwks, self.peer.url + "/jwks")


class TestClientSecretBasic(PeerCase):
    def test_id_and_secret_are_form_encoded_before_base64(self):
        self.peer.routes["/token"] = (400, "application/json", '{"error": "invalid_client"}')
        secret = "s3cr:et+with/special chars&=%é"
        client_id = "client:with space"
        self.assertReason(
            "token_rejected",
            self.token_request,
            auth_method="client_secret_basic",
            client_id=client_id,
            client_secret=secret,
        )
        header = self.peer.requests[-1]["headers"]["Authorization"]
        decoded = base64.b64decode(header.split(" ", 1)[1]).decode()
        encoded_id, encoded_secret = decoded.split(":")
        self.assertEqual(encoded_id, "client%3Awith+space")
        self.assertEqual((unquote_plus(encoded_id), unquote_plus(encoded_secret)), (client_id, secret))


class TestKidRotation(PeerCase):
    def setUp(self):
        super().setUp()
        self.key_a = jose.public_jwk(jose.generate_private_pem("RSA"), "sig", None)
        self.pem_b = jose.generate_private_pem("RSA")
        self.key_b = jose.public_jwk(self.pem_b, "sig", None)
        self.publish(self.key_a)
        self.get = jwks_cache.getter(("test", id(self)), self.peer.url + "/jwks")
        self.addCleanup(jwks_cache.forget, ("test", id(self)))

    def publish(self, *keys):
        self.peer.routes["/jwks"] = (200, "application/json", json.dumps({"keys": list(keys)}))

    def fetches(self):
        return sum(1 for r in self.peer.requests if r["path"] == "/jwks")

    def signed_by_b(self):
        return jwt.encode({"x": 1}, self.pem_b, algorithm="RS256", headers={"kid": self.key_b["kid"]})

    def test_rotation_right_after_an_unknown_kid_is_accepted(self):
        self.get(False)
        self.assertEqual(self.get(True, "unknown-kid")["keys"], [self.key_a])
        self.assertEqual(self.fetches(), 2)
        # The provider rotates: its new key must be found at once, not a minute later.
        self.publish(self.key_a, self.key_b)
        self.assertEqual(jose.verify_jws(self.signed_by_b(), self.get, ["RS256"]), {"x": 1})
        self.assertEqual(self.fetches(), 3)

    def test_the_same_unknown_kid_refetches_once(self):
        self.get(False)
        for _i in range(5):
            self.get(True, "unknown-kid")
        self.assertEqual(self.fetches(), 2)

    def test_random_kids_do_not_cause_a_refetch_storm(self):
        self.get(False)
        for i in range(20):
            self.get(True, f"random-{i}")
        self.assertEqual(self.fetches(), 1 + jwks_cache.REFETCH_BUDGET)
