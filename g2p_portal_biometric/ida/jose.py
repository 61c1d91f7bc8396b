# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cryptography of the IDA client: RS256 JWS with x5c (sign detached, verify with a pinned
certificate or up to trusted CAs), RSA-OAEP-SHA256, AES-256-GCM, certificate thumbprints.
``cryptography`` 3.4+ only."""

import base64
import datetime
import hashlib
import json
import os

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_BACKEND = default_backend()
_OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


class JoseError(Exception):
    """A signature, certificate or ciphertext that does not check out (message without data)."""


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    if not isinstance(text, str) or not text or len(text) > 4 * 1024 * 1024:
        raise JoseError("not base64url text")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as e:
        raise JoseError("bad base64url") from e


def load_certificate(pem):
    try:
        return x509.load_pem_x509_certificate(pem.encode() if isinstance(pem, str) else pem, _BACKEND)
    except (ValueError, TypeError, AttributeError) as e:
        raise JoseError("not a PEM certificate") from e


def load_certificates(pems):
    """Every certificate of one or several PEM texts (a bundle may hold several)."""
    result = []
    for pem in pems or ():
        text = pem.decode() if isinstance(pem, bytes) else (pem or "")
        for block in text.split("-----END CERTIFICATE-----"):
            if "-----BEGIN CERTIFICATE-----" in block:
                result.append(load_certificate(block + "-----END CERTIFICATE-----\n"))
    return result


def load_private_key(pem):
    try:
        key = serialization.load_pem_private_key(
            pem.encode() if isinstance(pem, str) else pem, None, _BACKEND
        )
    except (ValueError, TypeError, AttributeError) as e:
        raise JoseError("not an unencrypted PEM private key") from e
    if not isinstance(key, rsa.RSAPrivateKey):
        raise JoseError("the partner key must be an RSA key (RS256)")
    return key


def der(cert):
    return cert.public_bytes(serialization.Encoding.DER)


def sha256_thumbprint(cert):
    return hashlib.sha256(der(cert)).digest()


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest().upper()


# -- JWS ------------------------------------------------------------------------------------
def sign_detached(payload, key, certificate):
    """``header..signature``: RS256 over ``payload`` with ``x5c`` = [certificate]."""
    header = {"alg": "RS256", "x5c": [base64.b64encode(der(certificate)).decode()]}
    head = b64url(json.dumps(header, separators=(",", ":")).encode())
    signing_input = f"{head}.{b64url(payload)}".encode()
    return f"{head}..{b64url(key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256()))}"


def _parts(token, detached_payload=None):
    if not isinstance(token, str) or token.count(".") != 2 or len(token) > 1024 * 1024:
        raise JoseError("not a compact JWS")
    head, body, sig = token.split(".")
    if detached_payload is not None and body == "":
        body = b64url(detached_payload)
    try:
        header = json.loads(b64url_decode(head))
    except (ValueError, RecursionError) as e:
        raise JoseError("bad JWS header") from e
    if not isinstance(header, dict) or header.get("alg") != "RS256":
        raise JoseError("JWS algorithm is not RS256")
    return header, body, f"{head}.{body}".encode(), b64url_decode(sig)


def x5c_certificates(header):
    x5c = header.get("x5c")
    if not isinstance(x5c, list) or not x5c or len(x5c) > 5 or not all(isinstance(c, str) for c in x5c):
        raise JoseError("no usable x5c")
    try:
        return [x509.load_der_x509_certificate(base64.b64decode(c, validate=True), _BACKEND) for c in x5c]
    except (ValueError, TypeError) as e:
        raise JoseError("bad x5c certificate") from e


def _verify_with(cert, signature, data, hash_algorithm=None):
    try:
        cert.public_key().verify(signature, data, padding.PKCS1v15(), hash_algorithm or hashes.SHA256())
    except (InvalidSignature, UnsupportedAlgorithm, ValueError, TypeError, AttributeError) as e:
        raise JoseError("signature does not verify") from e


def _is_ca(cert):
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def _leads_to(chain, trusted):
    for i, cert in enumerate(chain):
        for anchor in trusted:
            if anchor.subject == cert.issuer:
                try:
                    _verify_with(
                        anchor, cert.signature, cert.tbs_certificate_bytes, cert.signature_hash_algorithm
                    )
                    return True
                except JoseError:
                    continue
        if i + 1 >= len(chain) or not _is_ca(chain[i + 1]) or chain[i + 1].subject != cert.issuer:
            break
        _verify_with(chain[i + 1], cert.signature, cert.tbs_certificate_bytes, cert.signature_hash_algorithm)
    return False


def verify_chain(chain, trusted, now=None):
    """``chain[0]`` leads, through the CA certificates after it, to one of ``trusted``."""
    now = now or datetime.datetime.utcnow()
    for cert in chain:
        if not cert.not_valid_before <= now <= cert.not_valid_after:
            raise JoseError("certificate expired or not yet valid")
    try:
        if _leads_to(chain, trusted):
            return
    except UnsupportedAlgorithm as e:  # exotic certificates
        raise JoseError("certificate chain cannot be checked") from e
    raise JoseError("certificate chain does not lead to a trusted CA")


def verify(token, certificate=None, trusted=None, detached_payload=None):
    """The payload (bytes) of an RS256 JWS. The key is ``certificate`` when given (pinned);
    else the x5c leaf, chained to ``trusted`` when that is not ``None`` (with ``None`` the
    leaf is only checked to have made the signature)."""
    header, body, signing_input, signature = _parts(token, detached_payload)
    if certificate is not None:
        key_cert = certificate
    else:
        chain = x5c_certificates(header)
        if trusted is not None:
            verify_chain(chain, trusted)
        key_cert = chain[0]
    _verify_with(key_cert, signature, signing_input)
    return b64url_decode(body) if body else b""


# -- encryption -----------------------------------------------------------------------------
def new_session_key():
    return AESGCM.generate_key(256)


def rsa_oaep_encrypt(certificate, data):
    return certificate.public_key().encrypt(data, _OAEP)


def aes_gcm_encrypt(key, data):
    """ciphertext || tag || 12-byte IV (the layout of mosip-auth-sdk's request blocks)."""
    iv = os.urandom(12)
    return AESGCM(key).encrypt(iv, data, None) + iv


def aes_gcm_decrypt(key, data):
    """Inverse of ``aes_gcm_encrypt`` (ciphertext || tag || 12-byte IV)."""
    if len(data) < 12 + 16:
        raise JoseError("encrypted block too short")
    try:
        return AESGCM(key).decrypt(data[-12:], data[:-12], None)
    except (InvalidTag, ValueError) as e:
        raise JoseError("does not decrypt") from e


def rsa_oaep_decrypt(private_key, data):
    try:
        return private_key.decrypt(data, _OAEP)
    except ValueError as e:
        raise JoseError("does not decrypt") from e
