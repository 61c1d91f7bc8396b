# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""JOSE handling for the relying party: signature and claim checks of id_tokens and
userinfo JWTs, decryption of nested JWEs, client assertions, PKCE and key generation.

Signatures are checked with PyJWT against an explicit allow-list of asymmetric
algorithms (never ``none``, never HMAC: an HMAC "verification" with a provider's public
key would accept tokens forged by anyone who fetched that key). JWE decryption uses
Authlib, restricted to RSA-OAEP-256 / A256GCM.
"""

import base64
import hmac
import json
import math
import secrets
import time
import uuid

import jwt
from authlib.jose import JsonWebEncryption, JsonWebKey
from authlib.jose.errors import JoseError
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core.util import create_half_hash
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from .errors import OIDCError

SIGNING_ALGS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
ASSERTION_ALGS = ("RS256", "PS256", "ES256")
JWE_ALGS = ("RSA-OAEP-256",)
JWE_ENCS = ("A256GCM",)
_EC_CURVES = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}
_HASHES = ("256", "384", "512")
DEFAULT_LEEWAY = 60


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def random_token(nbytes=32):
    return secrets.token_urlsafe(nbytes)


def pkce_pair():
    """A fresh PKCE verifier (kept server-side) and its S256 challenge (sent)."""
    verifier = secrets.token_urlsafe(64)
    return verifier, create_s256_code_challenge(verifier)


def parse_algs(text, allowed=SIGNING_ALGS):
    """The configured algorithm list, keeping only asymmetric signature algorithms."""
    algs = [a.strip() for a in (text or "").replace(",", " ").split()]
    return [a for a in algs if a in allowed]


def token_hash(value, alg):
    """at_hash / c_hash: left half of the hash of the ASCII value, base64url encoded."""
    if not isinstance(value, str):
        raise OIDCError("invalid_token_response", "the access token is not a string")
    if alg[-3:] not in _HASHES:
        raise OIDCError("invalid_id_token", f"no hash for alg {alg}")
    try:
        value.encode("ascii")
    except UnicodeEncodeError as e:
        raise OIDCError("invalid_token_response", "the access token is not ASCII") from e
    return create_half_hash(value, alg).decode("ascii")


# -- keys -----------------------------------------------------------------------------


def generate_private_pem(kind):
    if kind == "RSA":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048, backend=default_backend())
    elif kind == "EC":
        key = ec.generate_private_key(ec.SECP256R1(), default_backend())
    else:
        raise ValueError(kind)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


def public_jwk(private_pem, use, alg):
    """The public JWK of a stored private key, with a thumbprint kid (RFC 7638)."""
    key = JsonWebKey.import_key(private_pem)
    jwk = key.as_dict(is_private=False)
    jwk.pop("kid", None)
    jwk = {k: v for k, v in jwk.items() if k in ("kty", "n", "e", "crv", "x", "y")}
    jwk.update(kid=JsonWebKey.import_key(jwk).thumbprint(), use=use)
    if alg:
        jwk["alg"] = alg
    return jwk


def build_client_assertion(client_id, audience, private_pem, alg, kid, lifetime=60, now=None):
    """private_key_jwt client authentication (RFC 7523): iss = sub = client_id, a short
    lifetime and a fresh jti, so a captured assertion cannot be replayed."""
    if alg not in ASSERTION_ALGS:
        raise OIDCError("configuration", f"client assertion alg {alg} not allowed")
    now = int(now if now is not None else time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "iat": now,
        "nbf": now,
        "exp": now + lifetime,
        "jti": str(uuid.uuid4()),
    }
    return jwt.encode(claims, private_pem, algorithm=alg, headers={"kid": kid, "typ": "JWT"})


def _key_fits(jwk, alg):
    if not isinstance(jwk, dict) or jwk.get("use") not in (None, "sig"):
        return False
    if jwk.get("alg") and jwk["alg"] != alg:
        return False
    if alg.startswith(("RS", "PS")):
        return jwk.get("kty") == "RSA"
    return jwk.get("kty") == "EC" and jwk.get("crv") == _EC_CURVES.get(alg)


def _find_key(jwks, kid, alg):
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    keys = [k for k in keys if _key_fits(k, alg)] if isinstance(keys, list) else []
    if kid:
        keys = [k for k in keys if k.get("kid") == kid]
    elif len(keys) != 1:
        # Without a kid only an unambiguous single key may be used.
        return None
    return keys[0] if keys else None


def _unverified_header(token):
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as e:
        raise OIDCError("invalid_token", f"unreadable header: {e}") from e
    if not isinstance(header, dict):
        raise OIDCError("invalid_token", "the header is not a JSON object")
    # We implement no JWS extension: a critical one we do not understand means refusal
    # (RFC 7515 §4.1.11).
    if "crit" in header:
        raise OIDCError("invalid_token", f"critical header parameters {header['crit']!r} not understood")
    kid = header.get("kid")
    if kid is not None and not isinstance(kid, str):
        raise OIDCError("invalid_token", "kid is not a string")
    return header


def verification_key(token, get_jwks, allowed_algs):
    """(alg, public key) that signed the compact JWS ``token``, from the provider's JWKS.

    ``get_jwks(refresh, kid)`` returns the provider's JWKS; it is asked to refetch when
    the token names a key we do not know (the provider may have rotated its keys)."""
    if not isinstance(token, str) or token.count(".") != 2:
        raise OIDCError("invalid_token", "not a compact JWS")
    header = _unverified_header(token)
    alg = header.get("alg")
    if not isinstance(alg, str) or alg not in allowed_algs or alg not in SIGNING_ALGS:
        raise OIDCError("invalid_token", f"algorithm {alg!r} not allowed")
    kid = header.get("kid")
    jwk = _find_key(get_jwks(False, kid), kid, alg)
    if jwk is None:
        jwk = _find_key(get_jwks(True, kid), kid, alg)
    if jwk is None:
        raise OIDCError("unknown_key", f"no provider key for kid {kid!r} and alg {alg}")
    try:
        return alg, jwt.PyJWK(jwk, algorithm=alg).key
    except (jwt.PyJWTError, ValueError, TypeError, KeyError) as e:
        raise OIDCError("unknown_key", f"unusable provider key {kid!r}: {type(e).__name__}") from e


def verify_jws(token, get_jwks, allowed_algs):
    """Verify a compact JWS and return its JSON object payload."""
    alg, key = verification_key(token, get_jwks, allowed_algs)
    try:
        decoded = jwt.PyJWS().decode_complete(token, key=key, algorithms=[alg])
        payload = json.loads(decoded["payload"])
    except (jwt.PyJWTError, ValueError) as e:
        raise OIDCError("invalid_signature", str(e)) from e
    if not isinstance(payload, dict):
        raise OIDCError("invalid_token", "payload is not a JSON object")
    return payload


def _check_audience(claims, client_id):
    aud = claims.get("aud")
    auds = aud if isinstance(aud, list) else [aud]
    if client_id not in auds:
        raise OIDCError("wrong_audience", f"aud {aud!r} does not contain {client_id!r}")
    azp = claims.get("azp")
    if (len(auds) > 1 or azp is not None) and azp != client_id:
        raise OIDCError("wrong_audience", f"azp {azp!r} is not {client_id!r}")


# PyJWT's claim errors, most specific first, and our reason codes for them.
_JWT_ERRORS = (
    (jwt.ExpiredSignatureError, "expired_token"),
    (jwt.InvalidIssuerError, "wrong_issuer"),
    (jwt.InvalidAudienceError, "wrong_audience"),
    (jwt.InvalidSignatureError, "invalid_signature"),
    (jwt.PyJWTError, "invalid_id_token"),
)


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def validate_id_token(
    token,
    get_jwks,
    *,
    issuer,
    client_id,
    nonce,
    allowed_algs,
    access_token=None,
    leeway=DEFAULT_LEEWAY,
):
    """The claims of a valid id_token: signature, iss, aud (+ azp), exp, iat, nbf by
    PyJWT; finite numeric times, nonce and at_hash here."""
    alg, key = verification_key(token, get_jwks, allowed_algs)
    try:
        claims = jwt.decode(
            token,
            key=key,
            algorithms=[alg],
            audience=client_id,
            issuer=issuer,
            leeway=leeway,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
    except jwt.PyJWTError as e:
        reason = next(r for cls, r in _JWT_ERRORS if isinstance(e, cls))
        raise OIDCError(reason, str(e)) from e
    # PyJWT takes int(exp): "123" or true would pass, and NaN must not.
    for name in ("exp", "iat", "nbf"):
        if name in claims and not _number(claims[name]):
            raise OIDCError("invalid_id_token", f"{name} must be a finite number")
    _check_audience(claims, client_id)
    # Compared as bytes: compare_digest refuses non-ASCII str, and the provider echoes
    # whatever nonce the authorization request carried.
    if not nonce or not hmac.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
        raise OIDCError("wrong_nonce", "nonce does not match this sign-in attempt")
    if access_token is not None and "at_hash" in claims:
        expected = token_hash(access_token, alg).encode()
        if not hmac.compare_digest(str(claims["at_hash"]).encode(), expected):
            raise OIDCError("invalid_id_token", "at_hash does not match the access token")
    return claims


def decrypt_jwe(token, decryption_keys):
    """Decrypt a compact JWE with one of our encryption keys (``{kid: private_pem}``)."""
    try:
        header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    except (ValueError, IndexError, TypeError) as e:
        raise OIDCError("invalid_userinfo", "unreadable JWE header") from e
    if not isinstance(header, dict):
        raise OIDCError("invalid_userinfo", "the JWE header is not a JSON object")
    if header.get("alg") not in JWE_ALGS or header.get("enc") not in JWE_ENCS:
        raise OIDCError("invalid_userinfo", f"JWE {header.get('alg')!r}/{header.get('enc')!r} not allowed")
    if "crit" in header or "zip" in header:
        raise OIDCError("invalid_userinfo", "JWE header parameters not supported")
    kid = header.get("kid")
    if kid is not None and not isinstance(kid, str):
        raise OIDCError("invalid_userinfo", "JWE kid is not a string")
    candidates = [decryption_keys[kid]] if kid in decryption_keys else list(decryption_keys.values())
    if not candidates:
        raise OIDCError("invalid_userinfo", f"no decryption key for kid {kid!r}")
    jwe = JsonWebEncryption(algorithms=list(JWE_ALGS + JWE_ENCS))
    for pem in candidates:
        try:
            return jwe.deserialize_compact(token, JsonWebKey.import_key(pem))["payload"].decode("utf-8")
        except (JoseError, ValueError, TypeError, KeyError):
            continue
    raise OIDCError("invalid_userinfo", "JWE could not be decrypted with our keys")


def _json_claims(text):
    try:
        claims = json.loads(text)
    except ValueError as e:
        raise OIDCError("invalid_userinfo", "unreadable JSON") from e
    if not isinstance(claims, dict):
        raise OIDCError("invalid_userinfo", "not a JSON object")
    return claims


def decode_userinfo(
    content_type,
    body,
    *,
    expected,
    get_jwks,
    allowed_algs,
    decryption_keys,
    issuer,
    client_id,
):
    """Userinfo claims from the response, in the format the provider is configured for:
    ``json``, ``jwt`` (signed, verified), ``jwe`` (encrypted then signed) or ``auto``
    (whichever of these the response's content type and shape say)."""
    media = (content_type or "").split(";")[0].strip().lower()
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else (body or "")
    text = text.strip()
    if expected == "auto":
        if media == "application/json":
            return _json_claims(text)
        expected = "jwe" if text.count(".") == 4 else "jwt"
    if expected == "json":
        if media != "application/json":
            raise OIDCError("invalid_userinfo", f"expected JSON, got {media!r}")
        return _json_claims(text)
    if media != "application/jwt":
        raise OIDCError("invalid_userinfo", f"expected application/jwt, got {media!r}")
    parts = text.count(".") + 1
    if expected == "jwe":
        if parts != 5:
            raise OIDCError("invalid_userinfo", "expected an encrypted userinfo (JWE)")
        text = decrypt_jwe(text, decryption_keys).strip()
    elif parts != 3:
        raise OIDCError("invalid_userinfo", "expected a signed userinfo (JWS)")
    claims = verify_jws(text, get_jwks, allowed_algs)
    # iss and aud are optional in a userinfo JWT, but when present they must be right.
    if "iss" in claims and claims["iss"] != issuer:
        raise OIDCError("wrong_issuer", f"userinfo iss {claims['iss']!r}")
    if "aud" in claims:
        _check_audience(claims, client_id)
    return claims
