# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib
import time

import jwt
from authlib.jose import JsonWebKey

from odoo.tests import BaseCase

from ..controllers.oidc import safe_redirect
from ..oidc import OIDCError, jose

ISSUER = "https://op.example.org"
CLIENT = "rp-1"


class TestClientAssertion(BaseCase):
    def _keys(self, kind):
        pem = jose.generate_private_pem(kind)
        return pem, JsonWebKey.import_key(pem).as_pem(is_private=False)

    def test_assertion_claims_follow_private_key_jwt(self):
        pem, public = self._keys("RSA")
        now = int(time.time())
        token = jose.build_client_assertion(CLIENT, ISSUER + "/token", pem, "RS256", "kid-1", now=now)
        header = jwt.get_unverified_header(token)
        self.assertEqual((header["alg"], header["kid"]), ("RS256", "kid-1"))
        claims = jwt.decode(token, public, algorithms=["RS256"], audience=ISSUER + "/token")
        self.assertEqual(claims["iss"], CLIENT)
        self.assertEqual(claims["sub"], CLIENT)
        self.assertEqual(claims["aud"], ISSUER + "/token")
        self.assertEqual(claims["iat"], now)
        self.assertGreater(claims["exp"], now)
        self.assertLessEqual(claims["exp"] - now, 60, "short-lived")
        self.assertTrue(claims["jti"])

    def test_every_assertion_has_a_fresh_jti(self):
        pem, _public = self._keys("RSA")
        jtis = {
            jwt.decode(
                jose.build_client_assertion(CLIENT, ISSUER, pem, "PS256", "k"),
                options={"verify_signature": False},
            )["jti"]
            for _i in range(50)
        }
        self.assertEqual(len(jtis), 50)

    def test_assertion_algorithms_rs256_ps256_es256_verify(self):
        for alg, kind in (("RS256", "RSA"), ("PS256", "RSA"), ("ES256", "EC")):
            with self.subTest(alg=alg):
                pem, public = self._keys(kind)
                token = jose.build_client_assertion(CLIENT, ISSUER, pem, alg, "k")
                self.assertEqual(jwt.decode(token, public, algorithms=[alg], audience=ISSUER)["sub"], CLIENT)

    def test_symmetric_assertion_algorithm_is_refused(self):
        pem, _public = self._keys("RSA")
        with self.assertRaises(OIDCError):
            jose.build_client_assertion(CLIENT, ISSUER, pem, "HS256", "k")


class TestIdTokenValidation(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pem = jose.generate_private_pem("RSA")
        cls.jwk = jose.public_jwk(cls.pem, "sig", None)
        cls.jwks = {"keys": [cls.jwk]}

    def token(self, alg="PS256", **overrides):
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": CLIENT, "sub": "s", "iat": now, "exp": now + 60, "nonce": "n"}
        claims.update(overrides)
        return jwt.encode(claims, self.pem, algorithm=alg, headers={"kid": self.jwk["kid"]})

    def validate(self, token, access_token=None, algs=("PS256", "RS256")):
        return jose.validate_id_token(
            token,
            lambda *_a: self.jwks,
            issuer=ISSUER,
            client_id=CLIENT,
            nonce="n",
            allowed_algs=list(algs),
            access_token=access_token,
        )

    def assertReason(self, reason, token, **kwargs):
        with self.assertRaises(OIDCError) as caught:
            self.validate(token, **kwargs)
        self.assertEqual(caught.exception.reason, reason)

    def test_valid_token_passes(self):
        self.assertEqual(self.validate(self.token())["sub"], "s")

    def test_algorithm_outside_the_allow_list_is_refused(self):
        self.assertReason("invalid_token", self.token(alg="RS256"), algs=("PS256",))

    def test_at_hash_is_checked(self):
        good = jose.token_hash("access-1", "PS256")
        self.assertEqual(self.validate(self.token(at_hash=good), access_token="access-1")["sub"], "s")
        self.assertReason("invalid_id_token", self.token(at_hash=good), access_token="access-2")

    def test_audience_list_needs_our_azp(self):
        self.assertEqual(self.validate(self.token(aud=[CLIENT, "x"], azp=CLIENT))["sub"], "s")
        self.assertReason("wrong_audience", self.token(aud=[CLIENT, "x"]))
        self.assertReason("wrong_audience", self.token(azp="x"))

    def test_token_issued_in_the_future_is_refused(self):
        later = int(time.time()) + 3600
        self.assertReason("invalid_id_token", self.token(iat=later, exp=later + 60))

    def test_missing_nonce_is_refused(self):
        self.assertReason("wrong_nonce", self.token(nonce=None))

    def test_key_of_the_wrong_type_is_not_used(self):
        ec_pem = jose.generate_private_pem("EC")
        ec_jwk = jose.public_jwk(ec_pem, "sig", "ES256")
        token = jwt.encode({"iss": ISSUER}, ec_pem, algorithm="ES256", headers={"kid": self.jwk["kid"]})
        with self.assertRaises(OIDCError) as caught:
            jose.verify_jws(token, lambda *_a: {"keys": [self.jwk, ec_jwk]}, ["ES256"])
        self.assertEqual(caught.exception.reason, "unknown_key")

    def test_encryption_key_is_not_a_signing_key(self):
        enc_jwk = dict(self.jwk, use="enc")
        with self.assertRaises(OIDCError) as caught:
            jose.verify_jws(self.token(), lambda *_a: {"keys": [enc_jwk]}, ["PS256"])
        self.assertEqual(caught.exception.reason, "unknown_key")

    def test_json_userinfo_refused_when_a_jwt_is_expected(self):
        with self.assertRaises(OIDCError):
            jose.decode_userinfo(
                "application/json",
                b'{"sub": "s"}',
                expected="jwt",
                get_jwks=lambda r: self.jwks,
                allowed_algs=["PS256"],
                decryption_keys={},
                issuer=ISSUER,
                client_id=CLIENT,
            )

    def decode_auto(self, content_type, body):
        return jose.decode_userinfo(
            content_type,
            body,
            expected="auto",
            get_jwks=lambda *_a: self.jwks,
            allowed_algs=["PS256"],
            decryption_keys={},
            issuer=ISSUER,
            client_id=CLIENT,
        )

    def test_auto_userinfo_follows_the_content_type_and_still_verifies_jwts(self):
        self.assertEqual(self.decode_auto("application/json; charset=utf-8", b'{"sub": "s"}'), {"sub": "s"})
        signed = jwt.encode({"sub": "s"}, self.pem, algorithm="PS256", headers={"kid": self.jwk["kid"]})
        self.assertEqual(self.decode_auto("application/jwt", signed.encode()), {"sub": "s"})
        forged = jwt.encode(
            {"sub": "s"},
            jose.generate_private_pem("RSA"),
            algorithm="PS256",
            headers={"kid": self.jwk["kid"]},
        )
        with self.assertRaises(OIDCError):
            self.decode_auto("application/jwt", forged.encode())
        with self.assertRaises(OIDCError):
            self.decode_auto("text/html", b"<html>")

    def test_pkce_challenge_is_s256_of_the_verifier(self):
        verifier, challenge = jose.pkce_pair()
        self.assertGreaterEqual(len(verifier), 43)
        expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        self.assertEqual(challenge, expected)
        self.assertNotEqual(jose.pkce_pair()[0], verifier, "one verifier per attempt")


class TestSafeRedirect(BaseCase):
    def test_local_paths_only(self):
        self.assertEqual(safe_redirect(None), "/my")
        self.assertEqual(safe_redirect("/my/programs?x=1"), "/my/programs?x=1")
        for bad in (
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "javascript:alert(1)",
            "http:/evil",
            "/\t/evil.example",
        ):
            with self.subTest(target=bad):
                self.assertIsNone(safe_redirect(bad))
