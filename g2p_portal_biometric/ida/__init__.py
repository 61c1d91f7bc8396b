# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Client of MOSIP's ID Authentication (IDA) auth API 1.2 for biometric captures (pure Python,
no Odoo import: usable from the Odoo module, from tests and from scripts).

Public API (stable; the Odoo module codes against it)::

    from odoo.addons.g2p_portal_biometric.ida import (
        IdaConfig, AuthResult, KycResult, authenticate, kyc, validate_biometrics,
        IdaError, IdaUnavailable, IdaBadResponse, IdaBadInput,
    )

    config = IdaConfig(
        endpoint_url="https://ida.example.org/idauthentication/v1/auth",  # without the 3 path keys
        misp_license_key="...", partner_id="...", api_key="...",
        partner_private_key_pem="-----BEGIN PRIVATE KEY-----...",   # signs the request (JWS)
        partner_certificate_pem="-----BEGIN CERTIFICATE-----...",   # sent in the JWS x5c
        ida_certificate_pem="...",          # ID service encryption certificate (thumbprint derived)
        ida_signing_certificate_pem="...",  # verifies the response-signature header
        domain_uri="https://ida.example.org", env="Developer",
        timeout_total=10, max_response_bytes=256 * 1024,
        device_ca_certificates_pem=("...",),  # optional: device provider CAs for the x5c check
    )
    result = authenticate(config, "1234567890", "UIN", capture["biometrics"],
                          transaction_id, consent_obtained=True)
    result.matched, result.status, result.error_code, result.message, result.response_time

``transaction_id`` (1-64 characters of ``A-Za-z0-9._:-``) must be the ``transactionId`` the
browser sent in its CAPTURE request, and that request must carry ``domainUri`` = ``config.domain_uri``
and ``env`` = ``config.env`` (the device signs them, the service compares them).
``individual_id_type`` is "UIN" or "VID".

``biometrics`` is the ``biometrics`` array exactly as the SBI device returned it to CAPTURE
(it comes from the officer's browser, so it is untrusted): it is checked BEFORE anything is
sent (shape, each ``data`` JWS signature with its x5c chain, the device's transactionId equal to
``transaction_id``, purpose "Auth", the hash chain) and ``IdaBadInput`` is raised otherwise.

e-KYC (to start a new registrant from the ID service): ``kyc(...)`` takes the same arguments
and gives a ``KycResult`` — an ``AuthResult`` plus ``identity``, the person's demographic data
(``name``/``gender`` as ``[{"language", "value"}]``, ``dob``, ``phoneNumber``) decrypted with the
partner key, on a match only. It posts to ``config.kyc_url()`` (``.../idauthentication/v1/kyc/...``,
derived from ``endpoint_url`` unless ``kyc_endpoint_url`` is set). Never log ``identity``.

Outcomes:

* ``AuthResult(status="match")``: the service signed ``authStatus: true``.
* ``AuthResult(status="no_match")``: the service signed ``authStatus: false`` with a biometric
  mismatch error (IDA-BIA-001 ...).
* ``AuthResult(status="refused")``: the service refused the request (wrong partner, thumbprint,
  identity unknown, request checks failed...): ``error_code`` is the IDA code (IDA-MLC-..).
* ``IdaUnavailable``: connection error, timeout, HTTP 5xx, or ``timeout_total`` exceeded (the
  whole call, connect + send + read, is capped; the body is streamed with a deadline).
* ``IdaBadResponse``: the response is unsigned, badly signed, not JSON, of the wrong shape,
  for another transaction, or larger than ``max_response_bytes``.
* ``IdaBadInput``: the capture is malformed or tampered (see above).

Each exception has a ``code`` (to choose the officer's message; ``str(e)`` is English, for logs):

* ``IdaUnavailable``: timeout, unreachable, server_error, tls.
* ``IdaBadResponse``: unsigned, bad_signature, malformed, transaction_mismatch, too_large.
* ``IdaBadInput``: bad_individual_id, bad_individual_id_type, bad_transaction_id, not_a_list,
  too_many, bad_entry, missing_field, device_error, bad_hash_chain, wrong_thumbprint,
  bad_device_signature, bad_data, bad_digital_id, transaction_mismatch, wrong_purpose,
  wrong_domain, wrong_env, stale_capture, bad_timestamp.
* ``IdaError`` itself: configuration (a certificate or key of the configuration is unusable).

Nothing here logs biometric data: no bioValue, no ``data`` JWS, no session key, no request body.
Outcomes are logged (INFO, or WARNING for exceptions) with the transaction ID only.

Test doubles: ``setup/sbi_simulator`` and ``setup/ida_simulator`` (see their README.md) are
real processes speaking these protocols; ``IdaSimulatorProcess.client_config()`` gives the
keyword arguments of an ``IdaConfig`` for them.
"""

from .client import AuthResult, IdaConfig, authenticate
from .errors import IdaBadInput, IdaBadResponse, IdaError, IdaUnavailable
from .kyc import KycResult, kyc
from .validation import validate_biometrics

__all__ = [
    "AuthResult",
    "IdaBadInput",
    "IdaBadResponse",
    "IdaConfig",
    "IdaError",
    "IdaUnavailable",
    "KycResult",
    "authenticate",
    "kyc",
    "validate_biometrics",
]
