"""Builds, signs and sends the IDA auth request; verifies the signed response."""

from dataclasses import dataclass


@dataclass
class IdaConfig:
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


@dataclass
class AuthResult:
    matched: bool
    status: str
    error_code: str
    message: str
    response_time: float
    transaction_id: str


def authenticate(config, individual_id, individual_id_type, biometrics, transaction_id, consent_obtained=True):
    raise NotImplementedError("skeleton: being implemented")
