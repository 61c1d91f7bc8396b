"""What the ID authentication service simulator checks in an auth request, in order, and the
MOSIP error it answers for each failure (codes from mosip/id-authentication
IdAuthenticationErrorConstants; see README.md "Protocol facts")."""

import datetime
import json
import os
import uuid

from sbi_simulator import crypto

ERRORS = {
    "IDA-MLC-001": "Request to be received at MOSIP within %s seconds",
    "IDA-MLC-002": "Invalid UIN",
    "IDA-MLC-004": "Invalid VID",
    "IDA-MLC-006": "Missing Input Parameter - %s",
    "IDA-MLC-007": "Request could not be processed. Please try again",
    "IDA-MLC-009": "Invalid Input Parameter - %s",
    "IDA-MLC-012": "Individual's Consent is not available",
    "IDA-MLC-013": "Missing %s auth attribute",
    "IDA-MLC-016": "Transaction ID parameters in the request does not match",
    "IDA-MLC-024": "%s of request is not matching with %s of biometrics",
    "IDA-MLC-030": "Biometrics not captured within %s seconds of previous biometrics",
    "IDA-BIA-001": "Biometric data %s did not match",
    "IDA-BIA-002": "Duplicate fingers in request",
    "IDA-BIA-006": "Biometric data %s not available in database",
    "IDA-BIA-007": "Duplicate Irises in request",
    "IDA-BIA-009": "Number of FACE records should not exceed 1",
    "IDA-BIA-011": "Invalid biometric data",
    "IDA-BIA-012": "MDS verification failed",
    "IDA-BIA-014": "Hash Validation Failed",
    "IDA-BIA-015": "Signature Validation Failed",
    "IDA-MPA-001": "Digital signature verification failed for %s",
    "IDA-MPA-003": "Unable to decrypt Request",
    "IDA-MPA-007": "License key does not belong to a registered MISP",
    "IDA-MPA-009": "Partner is not registered",
    "IDA-MPA-016": "HMAC Validation failed",
    "IDA-MPA-018": "Policy ID does not belong to a registered Partner",
    "IDA-MPA-021": "Partner (Auth) Certificate not matching with signature header certificate.",
    "IDA-MPA-022": "Partner (Auth) Certificate not found in Request signature header.",
}
REQUEST_WINDOW_SECONDS = 120  # requestTime and request.timestamp (set when the request is built)
CAPTURE_AGE_SECONDS = 600  # a capture may wait for the officer's click this long
BIO_WINDOW_SECONDS = 600  # captures of one request within this of each other
REQUIRED = (
    "id",
    "version",
    "individualId",
    "individualIdType",
    "transactionID",
    "requestTime",
    "specVersion",
    "thumbprint",
    "domainUri",
    "env",
    "consentObtained",
    "requestSessionKey",
    "request",
    "requestHMAC",
)


class Refused(Exception):
    def __init__(self, code, *args):
        message = ERRORS[code] % args if args else ERRORS[code].replace(" - %s", "").replace("%s ", "")
        super().__init__(message)
        self.code = code


def _fresh(timestamp, what, window, now):
    try:
        moment = crypto.parse_iso(timestamp)
    except crypto.CryptoError:
        raise Refused("IDA-MLC-009", what)
    if abs((now - moment).total_seconds()) > window:
        raise Refused("IDA-MLC-001", window)
    return moment


def check_partner(keys, misp_license_key, partner_id, api_key):
    partner = keys.partner
    if misp_license_key != partner["mispLicenseKey"]:
        raise Refused("IDA-MPA-007")
    if partner_id != partner["partnerId"]:
        raise Refused("IDA-MPA-009")
    if api_key != partner["apiKey"]:
        raise Refused("IDA-MPA-018")


def check_signature(keys, signature, body):
    """The partner's JWS (detached as mosip-auth-sdk sends it, or carrying the body) made with
    the key of its registered certificate, which the x5c header must carry."""
    if not isinstance(signature, str) or signature.count(".") != 2:
        raise Refused("IDA-MPA-001", "request")
    detached = body if signature.split(".")[1] == "" else None
    try:
        header, payload, _input, _sig = crypto.jws_parse(signature, detached)
    except crypto.CryptoError:
        raise Refused("IDA-MPA-001", "request")
    try:
        leaf = crypto.x5c_chain(header)[0]
    except (crypto.CryptoError, IndexError):
        raise Refused("IDA-MPA-022")
    if crypto.sha256_thumbprint(leaf) != crypto.sha256_thumbprint(keys.partner_cert):
        raise Refused("IDA-MPA-021")
    try:
        crypto.jws_verify(signature, certificate=keys.partner_cert, detached_payload=detached)
    except crypto.CryptoError:
        raise Refused("IDA-MPA-001", "request")
    if payload != body:
        raise Refused("IDA-MPA-001", "request")


def _thumbprint_matches(value, cert):
    if not isinstance(value, str) or not value:
        return False
    digest = crypto.sha256_thumbprint(cert)
    if value.upper() == digest.hex().upper():
        return True
    try:
        return crypto.b64url_decode(value.rstrip("=")) == digest
    except crypto.CryptoError:
        return False


def check_request(keys, body, identities, now=None, api_id="mosip.identity.auth"):
    """``(identity, biometrics)``: the request decrypted and checked, or ``Refused``."""
    now = now or datetime.datetime.now(datetime.UTC)
    try:
        auth = json.loads(body)
    except ValueError:
        raise Refused("IDA-MLC-009", "request")
    if not isinstance(auth, dict):
        raise Refused("IDA-MLC-009", "request")
    for field in REQUIRED:
        if auth.get(field) in (None, ""):
            raise Refused("IDA-MLC-006", field)
    if auth["id"] != api_id:
        raise Refused("IDA-MLC-009", "id")
    if auth["individualIdType"] not in ("UIN", "VID"):
        raise Refused("IDA-MLC-009", "individualIdType")
    if auth["consentObtained"] is not True:
        raise Refused("IDA-MLC-012")
    if auth["domainUri"] != keys.partner["domainUri"]:
        raise Refused("IDA-MLC-009", "domainUri")
    if auth["env"] != keys.partner["env"]:
        raise Refused("IDA-MLC-009", "env")
    for field in (
        "individualId",
        "transactionID",
        "thumbprint",
        "requestSessionKey",
        "request",
        "requestHMAC",
    ):
        if not isinstance(auth[field], str):
            raise Refused("IDA-MLC-009", field)
    _fresh(auth["requestTime"], "requestTime", REQUEST_WINDOW_SECONDS, now)
    if not _thumbprint_matches(auth["thumbprint"], keys.encryption_cert):
        raise Refused("IDA-MPA-003")
    try:
        session_key = crypto.rsa_decrypt(keys.encryption_key, crypto.b64url_decode(auth["requestSessionKey"]))
        plain = crypto.aes_decrypt_appended(session_key, crypto.b64url_decode(auth["request"]))
        hmac = crypto.aes_decrypt_appended(session_key, crypto.b64url_decode(auth["requestHMAC"]))
    except (crypto.CryptoError, ValueError):
        raise Refused("IDA-MPA-003")
    if hmac.decode(errors="replace").upper() != crypto.sha256_hex(plain):
        raise Refused("IDA-MPA-016")
    try:
        request = json.loads(plain)
    except ValueError:
        raise Refused("IDA-MLC-009", "request")
    if not isinstance(request, dict):
        raise Refused("IDA-MLC-009", "request")
    _fresh(request.get("timestamp"), "request/timestamp", REQUEST_WINDOW_SECONDS, now)
    biometrics = request.get("biometrics")
    if not isinstance(biometrics, list) or not biometrics:
        raise Refused("IDA-MLC-013", "bio")
    values = check_biometrics(keys, auth, biometrics, now)
    identity = identities.get(auth["individualId"])
    if not identity or identity.get("individualIdType", "UIN") != auth["individualIdType"]:
        raise Refused("IDA-MLC-004" if auth["individualIdType"] == "VID" else "IDA-MLC-002")
    return identity, values


def check_biometrics(keys, auth, biometrics, now):
    """Each entry: device JWS up to a trusted device CA, signed digital ID, same transaction,
    domain and environment, fresh, encrypted for us, hash chain intact. Returns the
    decrypted values with their types."""
    previous_hash = crypto.EMPTY_HASH
    seen, values, first_time = set(), [], None
    trusted = keys.device_cas()
    for entry in biometrics:
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) for k in ("data", "hash", "sessionKey", "thumbprint")
        ):
            raise Refused("IDA-MLC-009", "request/biometrics")
        try:
            payload, _leaf = crypto.jws_verify(entry["data"], trusted=trusted)
            data = json.loads(payload)
        except (crypto.CryptoError, ValueError):
            raise Refused("IDA-BIA-015")
        if not isinstance(data, dict):
            raise Refused("IDA-MLC-009", "request/biometrics/data")
        try:
            crypto.jws_verify(str(data.get("digitalId")), trusted=trusted)
        except crypto.CryptoError:
            raise Refused("IDA-BIA-012")
        if data.get("transactionId") != auth["transactionID"]:
            raise Refused("IDA-MLC-016")
        for field in ("domainUri", "env"):
            if data.get(field) != auth[field]:
                raise Refused("IDA-MLC-024", field, field)
        if data.get("purpose") != "Auth":
            raise Refused("IDA-MLC-009", "request/biometrics/data/purpose")
        moment = _fresh(data.get("timestamp"), "request/biometrics/data/timestamp", CAPTURE_AGE_SECONDS, now)
        first_time = first_time or moment
        if abs((moment - first_time).total_seconds()) > BIO_WINDOW_SECONDS:
            raise Refused("IDA-MLC-030", BIO_WINDOW_SECONDS)
        if not _thumbprint_matches(entry["thumbprint"], keys.encryption_cert):
            raise Refused("IDA-MPA-003")
        try:
            value = crypto.sbi_decrypt(
                str(data.get("bioValue")),
                entry["sessionKey"],
                keys.encryption_key,
                data["timestamp"],
                data["transactionId"],
            )
        except crypto.CryptoError:
            raise Refused("IDA-BIA-011")
        expected = crypto.chain_hash(previous_hash, value)
        if entry["hash"].upper() != expected:
            raise Refused("IDA-BIA-014")
        previous_hash = entry["hash"]
        key = (data.get("bioType"), data.get("bioSubType"))
        if key in seen and key[1] != "UNKNOWN":
            raise Refused({"Finger": "IDA-BIA-002", "Iris": "IDA-BIA-007"}.get(key[0], "IDA-BIA-009"))
        seen.add(key)
        values.append((data.get("bioType"), data.get("bioSubType"), value))
    return values


def match(identity, values):
    """``None`` on a match, else the ``Refused`` to answer."""
    for bio_type, _sub_type, value in values:
        if bio_type not in identity.get("modalities", []):
            return Refused("IDA-BIA-006", bio_type)
        parts = value.decode(errors="replace").split("|")
        if (
            len(parts) != 4
            or parts[0] != "DEMO"
            or parts[1] != identity["individualId"]
            or parts[2] != bio_type
        ):
            return Refused("IDA-BIA-001", f"- {bio_type}")
    return None


def kyc_response(keys, identity):
    """The e-KYC ``response``: the person's demographic data encrypted for the partner's
    certificate (AES-GCM with a fresh key, the key RSA-OAEP-wrapped), or nulls."""
    if identity is None:
        return {
            "kycStatus": False,
            "authResponseToken": None,
            "identity": None,
            "sessionKey": None,
            "thumbprint": None,
        }
    data = {
        "name": [{"language": "eng", "value": identity.get("name", "")}],
        "dob": identity.get("dateOfBirth", ""),
        "gender": [{"language": "eng", "value": identity.get("gender", "")}],
        "phoneNumber": identity.get("phone", ""),
    }
    key = os.urandom(32)
    return {
        "kycStatus": True,
        "authResponseToken": str(uuid.uuid4()),
        "identity": crypto.b64url(crypto.aes_encrypt_appended(key, json.dumps(data).encode())),
        "sessionKey": crypto.b64url(crypto.rsa_encrypt(keys.partner_cert, key)),
        "thumbprint": crypto.thumbprint_b64url(keys.partner_cert),
    }
