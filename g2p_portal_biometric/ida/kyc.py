# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""e-KYC: the same biometric authentication, answered with the person's demographic data
(encrypted for the partner) when it matches — what an officer needs to start a new registrant
from the ID service. ``POST <base>/idauthentication/v1/kyc/<mispLK>/<partnerId>/<apiKey>``,
request id ``mosip.identity.kyc``; the answer's ``response`` holds ``kycStatus``,
``authResponseToken`` and ``identity`` (base64url AES-GCM, ciphertext||tag||IV) whose key is
``sessionKey`` (RSA-OAEP-SHA256 for the partner certificate, named by ``thumbprint``)."""

import json
from dataclasses import dataclass, field

from . import jose
from .client import AuthResult, call
from .errors import IdaBadResponse, IdaError


@dataclass
class KycResult(AuthResult):
    """An ``AuthResult`` with ``identity``: on a match, the decrypted demographic data as the
    service sent it (e.g. ``{"name": [{"language": "eng", "value": "..."}], "dob": "1988/04/12",
    "gender": [...], "phoneNumber": "..."}``), else ``None``. Personal data: never log it."""

    identity: dict = field(default=None)


def _decrypt_identity(config, response):
    try:
        partner_cert = jose.load_certificate(config.partner_certificate_pem)
        partner_key = jose.load_private_key(config.partner_private_key_pem)
    except jose.JoseError as e:
        raise IdaError(f"the partner key or certificate is unusable: {e}", "configuration")
    expected = jose.b64url(jose.sha256_thumbprint(partner_cert))
    if str(response.get("thumbprint", "")).rstrip("=") != expected:
        raise IdaBadResponse("the identity is encrypted for another partner certificate", "malformed")
    try:
        key = jose.rsa_oaep_decrypt(partner_key, jose.b64url_decode(response.get("sessionKey")))
        identity = json.loads(jose.aes_gcm_decrypt(key, jose.b64url_decode(response.get("identity"))))
    except (jose.JoseError, ValueError, RecursionError):
        raise IdaBadResponse("the identity in the answer does not decrypt", "malformed")
    if not isinstance(identity, dict):
        raise IdaBadResponse("the identity in the answer is not an object", "malformed")
    return identity


def kyc(config, individual_id, individual_id_type, biometrics, transaction_id, consent_obtained=True):
    """Like ``authenticate`` (same checks, outcomes and exceptions), returning a ``KycResult``."""
    result, answer = call(
        config,
        config.kyc_url(),
        "mosip.identity.kyc",
        "kycStatus",
        individual_id,
        individual_id_type,
        biometrics,
        transaction_id,
        consent_obtained,
    )
    identity = _decrypt_identity(config, answer["response"]) if result.matched else None
    return KycResult(**result.__dict__, identity=identity)
