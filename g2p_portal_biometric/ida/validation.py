"""Checks of an SBI capture before it is sent."""


def validate_biometrics(biometrics, transaction_id, device_ca_certificates_pem=(), now=None):
    raise NotImplementedError("skeleton: being implemented")
