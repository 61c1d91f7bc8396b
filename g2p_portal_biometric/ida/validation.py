# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of an SBI capture (the ``biometrics`` array of a CAPTURE response) before anything is
sent: the capture comes from the officer's browser, so it is untrusted input.

The bioValue inside each entry is encrypted for the ID service, so this side cannot recompute
the hash chain (it is over the values before encryption); it checks what it can see — shape,
sizes, device signatures, transaction, purpose, freshness, the encryption certificate used, the
form and uniqueness of the hashes — and the ID service checks the chain itself."""

import datetime
import json
import re

from . import jose
from .errors import IdaBadInput

MAX_ENTRIES = 13  # 10 fingers + 2 irises + 1 face
MAX_ENTRY_CHARS = 512 * 1024
HEX64 = re.compile(r"^[0-9A-Fa-f]{64}$")
TRANSACTION_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
BIO_TYPES = {"Finger", "Iris", "Face"}
ENTRY_FIELDS = ("specVersion", "data", "hash", "sessionKey", "thumbprint")
DATA_FIELDS = (
    "digitalId",
    "bioType",
    "bioSubType",
    "purpose",
    "bioValue",
    "transactionId",
    "timestamp",
    "deviceCode",
)
MAX_AGE = datetime.timedelta(minutes=10)
MAX_SKEW = datetime.timedelta(minutes=2)


def _parse_time(value):
    if not isinstance(value, str) or len(value) > 40:
        raise IdaBadInput("a capture timestamp is not a date", "bad_timestamp")
    try:
        moment = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise IdaBadInput("a capture timestamp is not a date", "bad_timestamp")
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def validate_biometrics(
    biometrics,
    transaction_id,
    device_ca_certificates_pem=(),
    ida_certificate_pem=None,
    domain_uri=None,
    env=None,
    now=None,
):
    """Raises ``IdaBadInput`` unless ``biometrics`` is a well-formed, untampered SBI capture for
    ``transaction_id`` (purpose Auth). With ``device_ca_certificates_pem`` each entry's x5c
    must chain to one of those CAs (else the signature is checked with the x5c certificate
    alone); with ``ida_certificate_pem`` each entry must have been encrypted for it; with
    ``domain_uri``/``env`` the device must have been asked for those. Returns the decoded
    ``data`` payloads (dicts, still holding the encrypted bioValue: never log them)."""
    if not isinstance(transaction_id, str) or not TRANSACTION_ID.match(transaction_id):
        raise IdaBadInput("the transaction ID is missing or malformed", "bad_transaction_id")
    if not isinstance(biometrics, list) or not biometrics:
        raise IdaBadInput("the capture holds no biometrics list", "not_a_list")
    if len(biometrics) > MAX_ENTRIES:
        raise IdaBadInput("the capture holds too many biometrics", "too_many")
    now = now or datetime.datetime.now(datetime.UTC)
    trusted = jose.load_certificates(device_ca_certificates_pem) if device_ca_certificates_pem else None
    thumbprint = (
        jose.sha256_thumbprint(jose.load_certificate(ida_certificate_pem)).hex().upper()
        if ida_certificate_pem
        else None
    )
    payloads, hashes = [], set()
    for index, entry in enumerate(biometrics, 1):
        where = f"biometric #{index}"
        if not isinstance(entry, dict):
            raise IdaBadInput(f"{where} is not an object", "bad_entry")
        for field in ENTRY_FIELDS:
            if (
                not isinstance(entry.get(field), str)
                or not entry[field]
                or len(entry[field]) > MAX_ENTRY_CHARS
            ):
                raise IdaBadInput(f"{where}: {field} is missing or not text", "missing_field")
        error = entry.get("error")
        if error is not None and (not isinstance(error, dict) or str(error.get("errorCode")) != "0"):
            raise IdaBadInput(f"{where} is a device error, not a capture", "device_error")
        if not HEX64.match(entry["hash"]) or entry["hash"].upper() in hashes:
            raise IdaBadInput(f"{where}: the hash chain is malformed", "bad_hash_chain")
        hashes.add(entry["hash"].upper())
        if thumbprint and entry["thumbprint"].replace("-", "").replace(" ", "").upper() != thumbprint:
            raise IdaBadInput(f"{where} was not encrypted for the configured ID service", "wrong_thumbprint")
        try:
            jose.b64url_decode(entry["sessionKey"])
            payload = json.loads(jose.verify(entry["data"], trusted=trusted))
        except jose.JoseError as e:
            raise IdaBadInput(f"{where}: the device signature does not verify ({e})", "bad_device_signature")
        except (ValueError, RecursionError):
            raise IdaBadInput(f"{where}: the signed data is not JSON", "bad_data")
        payloads.append(_check_payload(payload, where, transaction_id, domain_uri, env, now, trusted))
    return payloads


def _check_payload(payload, where, transaction_id, domain_uri, env, now, trusted):
    if not isinstance(payload, dict):
        raise IdaBadInput(f"{where}: the signed data is not an object", "bad_data")
    for field in DATA_FIELDS:
        if not isinstance(payload.get(field), str):
            raise IdaBadInput(f"{where}: {field} is missing from the signed data", "missing_field")
    if payload["transactionId"] != transaction_id:
        raise IdaBadInput(f"{where} belongs to another transaction", "transaction_mismatch")
    if payload["purpose"] != "Auth":
        raise IdaBadInput(f"{where} was not captured for authentication", "wrong_purpose")
    if payload["bioType"] not in BIO_TYPES:
        raise IdaBadInput(f"{where}: unknown biometric type", "bad_data")
    if domain_uri is not None and payload.get("domainUri") != domain_uri:
        raise IdaBadInput(f"{where} was captured for another ID service (domainUri)", "wrong_domain")
    if env is not None and payload.get("env") != env:
        raise IdaBadInput(f"{where} was captured for another environment", "wrong_env")
    moment = _parse_time(payload["timestamp"])
    if moment > now + MAX_SKEW or now - moment > MAX_AGE:
        raise IdaBadInput(f"{where} is too old or from the future", "stale_capture")
    for field in ("qualityScore", "requestedScore"):
        try:
            float(payload.get(field, 0))
        except (TypeError, ValueError):
            raise IdaBadInput(f"{where}: {field} is not a number", "bad_data")
    try:
        jose.verify(payload["digitalId"], trusted=trusted)
    except jose.JoseError as e:
        raise IdaBadInput(f"{where}: the device's digital ID does not verify ({e})", "bad_digital_id")
    return payload
