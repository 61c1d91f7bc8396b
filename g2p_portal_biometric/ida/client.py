# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Builds, signs and sends the IDA auth request; verifies the signed response.

Request (MOSIP IDA auth API 1.2; see setup/ida_simulator/README.md "Protocol facts"):
``POST <endpoint_url>/<misp_license_key>/<partner_id>/<api_key>``, a JSON body with
id, version, individualId, individualIdType, transactionID, requestTime, specVersion,
thumbprint (base64url SHA-256 of the ID service encryption certificate), domainUri, env,
consentObtained, requestSessionKey (fresh AES-256 key, RSA-OAEP-SHA256 for that
certificate), request (AES-GCM of {"timestamp", "biometrics"}: ciphertext||tag||IV,
base64url), requestHMAC (the same encryption of the upper-case hex SHA-256 of the request
block) and metadata; header ``signature``: detached RS256 JWS of the body with x5c = the
partner certificate. The answer must carry a ``response-signature`` JWS (detached or
not) by the ID service signing certificate."""

import datetime
import json
import logging
import re
import time
from dataclasses import dataclass
from urllib.parse import quote

from . import jose, transport
from .errors import IdaBadInput, IdaBadResponse, IdaError, IdaUnavailable
from .validation import TRANSACTION_ID, validate_biometrics

_logger = logging.getLogger(__name__)
INDIVIDUAL_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
NO_MATCH_CODES = {"IDA-BIA-001"}


@dataclass
class IdaConfig:
    """Connection to one ID authentication service, as one authentication partner.

    ``endpoint_url`` is the auth URL without the three key segments, e.g.
    ``https://ida.example.org/idauthentication/v1/auth``. ``domain_uri`` and ``env`` must be
    the values the officer's browser sends in the CAPTURE request (the device signs them and
    the service compares them). ``device_ca_certificates_pem``: PEM texts of the device
    provider CAs whose devices are accepted (empty: each device signature is still checked
    with its own x5c certificate, the ID service checks the chain). ``tls_ca_pem``: extra CA
    for the service's TLS certificate; ``verify_tls=False`` only for local tests."""

    endpoint_url: str
    misp_license_key: str
    partner_id: str
    api_key: str
    partner_private_key_pem: str
    partner_certificate_pem: str
    ida_certificate_pem: str
    ida_signing_certificate_pem: str
    domain_uri: str
    env: str
    timeout_total: float = 10
    max_response_bytes: int = 256 * 1024
    device_ca_certificates_pem: tuple = ()
    verify_tls: bool = True
    tls_ca_pem: str = ""
    kyc_endpoint_url: str = ""

    @property
    def thumbprint(self):
        """base64url SHA-256 of the ID service encryption certificate."""
        return jose.b64url(jose.sha256_thumbprint(jose.load_certificate(self.ida_certificate_pem)))

    def kyc_url(self):
        """The e-KYC URL: ``kyc_endpoint_url``, else ``endpoint_url`` with its last segment
        ``auth`` replaced by ``kyc`` (MOSIP's /idauthentication/v1/kyc/...)."""
        base = self.kyc_endpoint_url or re.sub(r"/auth/?$", "/kyc", self.endpoint_url.rstrip("/"))
        return self.auth_url(base)

    def auth_url(self, base=None):
        keys = (self.misp_license_key, self.partner_id, self.api_key)
        if not all(isinstance(k, str) and k for k in keys):
            raise IdaError("the MISP license key, partner ID and API key are required", "configuration")
        return (base or self.endpoint_url).rstrip("/") + "".join("/" + quote(k, safe="") for k in keys)


@dataclass
class AuthResult:
    """``status``: "match" | "no_match" | "refused". ``message`` is for logs and officers and
    never holds biometric data. ``response_time`` in seconds."""

    matched: bool
    status: str
    error_code: str
    message: str
    response_time: float
    transaction_id: str


def _now_iso():
    now = datetime.datetime.now(datetime.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def build_request(
    config,
    individual_id,
    individual_id_type,
    biometrics,
    transaction_id,
    consent_obtained=True,
    api_id="mosip.identity.auth",
):
    """``(body bytes, headers)`` of the auth request (inputs already validated)."""
    try:
        ida_cert = jose.load_certificate(config.ida_certificate_pem)
        partner_key = jose.load_private_key(config.partner_private_key_pem)
        partner_cert = jose.load_certificate(config.partner_certificate_pem)
    except jose.JoseError as e:
        raise IdaError(f"the ID service configuration is incomplete: {e}", "configuration")
    block = json.dumps({"timestamp": _now_iso(), "biometrics": biometrics}, separators=(",", ":")).encode()
    session_key = jose.new_session_key()
    auth = {
        "id": api_id,
        "version": "1.0",
        "individualId": individual_id,
        "individualIdType": individual_id_type,
        "transactionID": transaction_id,
        "requestTime": _now_iso(),
        "specVersion": biometrics[0]["specVersion"],
        "thumbprint": jose.b64url(jose.sha256_thumbprint(ida_cert)),
        "domainUri": config.domain_uri,
        "env": config.env,
        "consentObtained": bool(consent_obtained),
        "requestSessionKey": jose.b64url(jose.rsa_oaep_encrypt(ida_cert, session_key)),
        "request": jose.b64url(jose.aes_gcm_encrypt(session_key, block)),
        "requestHMAC": jose.b64url(jose.aes_gcm_encrypt(session_key, jose.sha256_hex(block).encode())),
        "metadata": {},
    }
    body = json.dumps(auth).encode()
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "signature": jose.sign_detached(body, partner_key, partner_cert),
    }
    return body, headers


def _check_inputs(config, individual_id, individual_id_type, biometrics, transaction_id):
    if not isinstance(individual_id, str) or not INDIVIDUAL_ID.match(individual_id):
        raise IdaBadInput("the ID number is missing or malformed", "bad_individual_id")
    if individual_id_type not in ("UIN", "VID"):
        raise IdaBadInput("the ID type must be UIN or VID", "bad_individual_id_type")
    if not isinstance(transaction_id, str) or not TRANSACTION_ID.match(transaction_id):
        raise IdaBadInput("the transaction ID is missing or malformed", "bad_transaction_id")
    try:
        validate_biometrics(
            biometrics,
            transaction_id,
            device_ca_certificates_pem=config.device_ca_certificates_pem,
            ida_certificate_pem=config.ida_certificate_pem,
            domain_uri=config.domain_uri,
            env=config.env,
        )
    except jose.JoseError as e:
        raise IdaError(f"a configured certificate is unreadable: {e}", "configuration")


def _verify_response(config, status, headers, body, transaction_id, status_field="authStatus"):
    signature = headers.get("response-signature")
    if not signature:
        raise IdaBadResponse(f"unsigned answer (HTTP {status})", "unsigned")
    try:
        signing_cert = jose.load_certificate(config.ida_signing_certificate_pem)
    except jose.JoseError as e:
        raise IdaError(f"the ID service signing certificate is unreadable: {e}", "configuration")
    try:
        payload = jose.verify(signature, certificate=signing_cert, detached_payload=body)
    except jose.JoseError:
        raise IdaBadResponse("the answer's signature does not verify", "bad_signature")
    if payload != body:
        raise IdaBadResponse("the signature is not over this answer", "bad_signature")
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError):
        raise IdaBadResponse("the answer is not JSON", "malformed")
    if not isinstance(answer, dict) or not isinstance(answer.get("response"), dict):
        raise IdaBadResponse("the answer has no response object", "malformed")
    if answer.get("transactionID") != transaction_id:
        raise IdaBadResponse("the answer is for another transaction", "transaction_mismatch")
    auth_status = answer["response"].get(status_field)
    errors = answer.get("errors") or []
    if not isinstance(auth_status, bool) or not isinstance(errors, list):
        raise IdaBadResponse(f"the answer has no {status_field}", "malformed")
    codes = [
        e.get("errorCode") for e in errors if isinstance(e, dict) and isinstance(e.get("errorCode"), str)
    ]
    messages = [str(e.get("errorMessage", ""))[:200] for e in errors if isinstance(e, dict)]
    return auth_status and not codes, codes, "; ".join(m for m in messages if m), answer


def authenticate(
    config, individual_id, individual_id_type, biometrics, transaction_id, consent_obtained=True
):
    """Asks the ID service whether ``biometrics`` (the SBI CAPTURE ``biometrics`` array, as the
    device returned it) belong to ``individual_id``. See the package docstring for outcomes."""
    result, _answer = call(
        config,
        config.auth_url(),
        "mosip.identity.auth",
        "authStatus",
        individual_id,
        individual_id_type,
        biometrics,
        transaction_id,
        consent_obtained,
    )
    return result


def call(
    config,
    url,
    api_id,
    status_field,
    individual_id,
    individual_id_type,
    biometrics,
    transaction_id,
    consent_obtained,
):
    """``(AuthResult, the verified answer or None)`` of one auth or e-KYC request."""
    start = time.monotonic()
    answer = None
    _check_inputs(config, individual_id, individual_id_type, biometrics, transaction_id)
    body, headers = build_request(
        config, individual_id, individual_id_type, biometrics, transaction_id, consent_obtained, api_id
    )
    try:
        status, response_headers, response_body = transport.post(
            url,
            body,
            headers,
            timeout_total=config.timeout_total,
            max_response_bytes=config.max_response_bytes,
            verify_tls=config.verify_tls,
            ca_pem=config.tls_ca_pem or None,
        )
        elapsed = time.monotonic() - start
        if status >= 500:
            raise IdaUnavailable(f"the ID service failed (HTTP {status})", "server_error")
        if status != 200:
            message = f"the ID service refused the request (HTTP {status})"
            result = AuthResult(False, "refused", f"HTTP-{status}", message, elapsed, transaction_id)
        else:
            matched, codes, message, answer = _verify_response(
                config, status, response_headers, response_body, transaction_id, status_field
            )
            if matched:
                result = AuthResult(True, "match", "", "biometrics match", elapsed, transaction_id)
            elif codes and set(codes) <= NO_MATCH_CODES:
                message = message or "biometrics do not match"
                result = AuthResult(False, "no_match", codes[0], message, elapsed, transaction_id)
            else:
                code = codes[0] if codes else "IDA-UNKNOWN"
                message = message or "refused without reason"
                result = AuthResult(False, "refused", code, message, elapsed, transaction_id)
    except IdaError as e:
        _logger.warning(
            "IDA %s for transaction %s failed after %.2fs: %s (%s)",
            api_id,
            transaction_id,
            time.monotonic() - start,
            type(e).__name__,
            e.code,
        )
        raise
    _logger.info(
        "IDA %s for transaction %s: %s %s in %.2fs",
        api_id,
        transaction_id,
        result.status,
        result.error_code,
        result.response_time,
    )
    return result, answer
