"""Cryptography shared by the two simulators (device service and ID authentication service):
demo PKI, RS256 JWS with x5c, AES-GCM and RSA-OAEP as MOSIP uses them, the SBI hash chain.
Standard library + ``cryptography`` (3.4+) only. See README.md "Protocol facts" for sources."""

import base64
import datetime
import hashlib
import ipaddress
import json
import os
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import NameOID

BACKEND = default_backend()
OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


class CryptoError(Exception):
    """Anything that does not verify or decrypt; the message says what, never the data."""


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text):
    if not isinstance(text, str) or not text:
        raise CryptoError("not base64url text")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as e:
        raise CryptoError("bad base64url") from e


def now_iso():
    """ISO 8601 UTC with milliseconds, as SBI and IDA timestamps are written."""
    now = datetime.datetime.now(datetime.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def parse_iso(text):
    if not isinstance(text, str):
        raise CryptoError("timestamp is not text")
    value = text.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError as e:
        raise CryptoError("bad timestamp") from e
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


# -- keys and certificates ------------------------------------------------------------------
def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048, backend=BACKEND)


def key_pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def cert_pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def load_key(pem):
    return serialization.load_pem_private_key(pem.encode() if isinstance(pem, str) else pem, None, BACKEND)


def load_cert(pem):
    return x509.load_pem_x509_certificate(pem.encode() if isinstance(pem, str) else pem, BACKEND)


def issue_cert(common_name, key, issuer_key=None, issuer_cert=None, ca=False, days=3650, server_ip=None):
    """A certificate for ``key``: self-signed when no issuer is given; ``server_ip`` makes it a
    TLS server certificate for that address."""
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "G2P demo (not for production)"),
        ]
    )
    now = datetime.datetime.utcnow() - datetime.timedelta(minutes=5)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_cert.subject if issuer_cert else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if server_ip:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(server_ip))]), critical=False
        )
    return builder.sign(issuer_key or key, hashes.SHA256(), BACKEND)


def load_or_create_pair(state_dir, name, common_name, issuer=None, ca=False, server_ip=None):
    """``(key, cert)`` from ``<state_dir>/<name>.key|.crt``, generated on first use.
    ``issuer`` is a ``(key, cert)`` pair; none = self-signed."""
    state_dir = Path(state_dir)
    key_path, crt_path = state_dir / f"{name}.key", state_dir / f"{name}.crt"
    if key_path.is_file() and crt_path.is_file():
        return load_key(key_path.read_bytes()), load_cert(crt_path.read_bytes())
    state_dir.mkdir(parents=True, exist_ok=True)
    key = new_key()
    cert = issue_cert(common_name, key, *(issuer or (None, None)), ca=ca, server_ip=server_ip)
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key_pem(key))
    crt_path.write_text(cert_pem(cert))
    return key, cert


def sha256_thumbprint(cert):
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).digest()


def thumbprint_hex(cert):
    """SBI ``thumbprint``: SHA-256 of the certificate, hex, upper case."""
    return sha256_thumbprint(cert).hex().upper()


def thumbprint_b64url(cert):
    """IDA request ``thumbprint``: SHA-256 of the certificate, base64url."""
    return b64url(sha256_thumbprint(cert))


# -- JWS (RFC 7515), RS256, x5c -------------------------------------------------------------
def jws_sign(payload, key, chain, detached=False):
    """Compact JWS over ``payload`` (bytes or JSON-able) with ``x5c`` = the DER certificates
    of ``chain`` (leaf first). ``detached``: ``header..signature`` (RFC 7515 appendix F)."""
    if not isinstance(payload, bytes):
        payload = json.dumps(payload, separators=(",", ":")).encode()
    header = {
        "alg": "RS256",
        "typ": "JWT",
        "x5c": [base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode() for c in chain],
    }
    signing_input = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + b64url(payload)
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    head, body = signing_input.split(".")
    return f"{head}..{b64url(signature)}" if detached else f"{signing_input}.{b64url(signature)}"


def _verify_cert_signature(cert, issuer):
    try:
        issuer.public_key().verify(
            cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), cert.signature_hash_algorithm
        )
    except (InvalidSignature, ValueError, TypeError) as e:
        raise CryptoError("certificate chain does not verify") from e


def _check_validity(cert, now=None):
    now = now or datetime.datetime.utcnow()
    if not cert.not_valid_before <= now <= cert.not_valid_after:
        raise CryptoError("certificate expired or not yet valid")


def verify_chain(chain, trusted):
    """The leaf (``chain[0]``) chains, through the CA certificates that follow it in
    ``chain``, to one of ``trusted``. Certificates of the chain are never trusted by themselves."""
    for cert in chain:
        _check_validity(cert)
    for i, cert in enumerate(chain):
        for anchor in trusted:
            if anchor.subject == cert.issuer:
                try:
                    _verify_cert_signature(cert, anchor)
                    return
                except CryptoError:
                    continue
        if i + 1 >= len(chain):
            break
        issuer = chain[i + 1]
        try:
            is_ca = issuer.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except x509.ExtensionNotFound:
            is_ca = False
        if not is_ca or issuer.subject != cert.issuer:
            break
        _verify_cert_signature(cert, issuer)
    raise CryptoError("certificate chain does not lead to a trusted CA")


def jws_parse(token, detached_payload=None):
    """``(header, payload bytes, signing input, signature)`` of a compact JWS, unverified."""
    if not isinstance(token, str) or token.count(".") != 2:
        raise CryptoError("not a compact JWS")
    head, body, sig = token.split(".")
    if detached_payload is not None:
        if body:
            raise CryptoError("detached JWS carries a payload")
        body = b64url(detached_payload)
    try:
        header = json.loads(b64url_decode(head))
    except ValueError as e:
        raise CryptoError("bad JWS header") from e
    if not isinstance(header, dict):
        raise CryptoError("bad JWS header")
    return header, b64url_decode(body) if body else b"", f"{head}.{body}".encode(), b64url_decode(sig)


def x5c_chain(header):
    """The certificates of a JWS header's x5c (base64 DER, leaf first)."""
    x5c = header.get("x5c")
    if not isinstance(x5c, list) or not x5c or not all(isinstance(c, str) for c in x5c):
        raise CryptoError("bad x5c")
    try:
        return [x509.load_der_x509_certificate(base64.b64decode(c, validate=True), BACKEND) for c in x5c]
    except (ValueError, TypeError) as e:
        raise CryptoError("bad x5c certificate") from e


def jws_verify(token, trusted=(), certificate=None, detached_payload=None):
    """Verifies an RS256 JWS; the key is ``certificate`` when given, else the x5c leaf, which
    must chain to ``trusted``. Returns ``(payload bytes, leaf certificate)``."""
    header, payload, signing_input, signature = jws_parse(token, detached_payload)
    if header.get("alg") != "RS256":
        raise CryptoError("JWS alg is not RS256")
    chain = x5c_chain(header) if header.get("x5c") is not None else []
    if certificate is not None:
        leaf = certificate
    elif chain:
        verify_chain(chain, trusted)
        leaf = chain[0]
    else:
        raise CryptoError("no certificate to verify the JWS")
    try:
        leaf.public_key().verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError) as e:
        raise CryptoError("JWS signature does not verify") from e
    return payload, leaf


# -- encryption -----------------------------------------------------------------------------
def rsa_encrypt(cert, data):
    return cert.public_key().encrypt(data, OAEP)


def rsa_decrypt(key, data):
    try:
        return key.decrypt(data, OAEP)
    except ValueError as e:
        raise CryptoError("session key does not decrypt") from e


def sbi_iv_aad(timestamp, transaction_id):
    """MockMDS: XOR of the timestamp and transaction ID bytes (the shorter left-padded with
    zeros); IV = its last 12 bytes, AAD = its last 16 bytes."""
    a, b = timestamp.encode(), transaction_id.encode()
    size = max(len(a), len(b))
    a, b = a.rjust(size, b"\0"), b.rjust(size, b"\0")
    xor = bytes(x ^ y for x, y in zip(a, b, strict=False))
    if len(xor) < 16:
        raise CryptoError("timestamp too short")
    return xor[-12:], xor[-16:]


def sbi_encrypt(value, cert, timestamp, transaction_id):
    """``(bioValue, sessionKey)``: AES-256-GCM with a fresh key, key RSA-OAEP-SHA256-wrapped."""
    key = AESGCM.generate_key(256)
    iv, aad = sbi_iv_aad(timestamp, transaction_id)
    return b64url(AESGCM(key).encrypt(iv, value, aad)), b64url(rsa_encrypt(cert, key))


def sbi_decrypt(bio_value, session_key, private_key, timestamp, transaction_id):
    key = rsa_decrypt(private_key, b64url_decode(session_key))
    iv, aad = sbi_iv_aad(timestamp, transaction_id)
    try:
        return AESGCM(key).decrypt(iv, b64url_decode(bio_value), aad)
    except (InvalidTag, ValueError) as e:
        raise CryptoError("bioValue does not decrypt") from e


def aes_encrypt_appended(key, data):
    """IDA request blocks: ciphertext || tag || 12-byte random IV (as mosip-auth-sdk)."""
    iv = os.urandom(12)
    return AESGCM(key).encrypt(iv, data, None) + iv


def aes_decrypt_appended(key, data):
    if len(data) < 12 + 16:
        raise CryptoError("encrypted block too short")
    try:
        return AESGCM(key).decrypt(data[-12:], data[:-12], None)
    except (InvalidTag, ValueError) as e:
        raise CryptoError("block does not decrypt") from e


# -- SBI hash chain -------------------------------------------------------------------------
def sha256_hex(data):
    return hashlib.sha256(data).hexdigest().upper()


EMPTY_HASH = sha256_hex(b"")


def chain_hash(previous_hash, value):
    """hash = SHA-256(previousHash hex + SHA-256(value) hex), hex upper case."""
    return sha256_hex((previous_hash + sha256_hex(value)).encode())
