"""e-KYC through the IDA client against the real simulators: the demographic data of a person
who matches (decrypted with the partner key), nothing for someone else, and no personal or
biometric data in the logs. No Odoo model is used."""

import logging
import sys
import uuid
from pathlib import Path

import pytest
import requests

from odoo.addons.g2p_portal_biometric.ida import IdaBadInput, IdaConfig, KycResult, client, kyc

SETUP = Path(__file__).resolve().parents[1] / "setup"
if str(SETUP) not in sys.path:
    sys.path.insert(0, str(SETUP))

from ida_simulator.process import IdaSimulatorProcess  # noqa: E402
from sbi_simulator import crypto  # noqa: E402
from sbi_simulator.process import SbiSimulatorProcess  # noqa: E402

AMINA, KOFI, NEWCOMER = "1234567890", "2345678901", "5550001112"
FACE = [{"type": "Face", "count": 1, "requestedScore": 50, "deviceId": "FACE-1"}]


@pytest.fixture(scope="module")
def sims(tmp_path_factory):
    state = tmp_path_factory.mktemp("bio-kyc")
    sbi = SbiSimulatorProcess(state_dir=state / "sbi", ida_certificate=state / "ida" / "ida-encryption.crt")
    ida = IdaSimulatorProcess(state_dir=state / "ida", device_ca=[state / "sbi" / "device-ca.crt"])
    with sbi, ida:
        yield sbi, ida


@pytest.fixture(scope="module")
def config(sims):
    sbi, ida = sims
    return IdaConfig(**ida.client_config(device_ca_certificates_pem=(sbi.device_ca_path.read_text(),)))


def capture(sbi, config, person):
    sbi.present(person)
    transaction_id = uuid.uuid4().hex[:16]
    body = {
        "env": config.env,
        "purpose": "Auth",
        "specVersion": "0.9.5",
        "timeout": 3000,
        "domainUri": config.domain_uri,
        "transactionId": transaction_id,
        "bio": FACE,
    }
    return transaction_id, sbi.call("CAPTURE", "/capture", body).json()["biometrics"]


def test_kyc_url_is_derived_from_the_auth_endpoint(config):
    assert config.kyc_url().startswith(config.endpoint_url.rsplit("/", 1)[0] + "/kyc/")
    explicit = IdaConfig(**{**config.__dict__, "kyc_endpoint_url": "https://ida.example/kyc"})
    assert explicit.kyc_url().startswith("https://ida.example/kyc/" + config.misp_license_key)


def test_a_match_returns_the_persons_demographic_data(sims, config):
    transaction_id, biometrics = capture(sims[0], config, NEWCOMER)
    result = kyc(config, NEWCOMER, "UIN", biometrics, transaction_id)
    assert isinstance(result, KycResult) and result.matched and result.status == "match"
    assert result.identity["name"] == [{"language": "eng", "value": "Awa Mariama Ndiaye"}]
    assert result.identity["dob"] == "1995/07/21" and result.identity["phoneNumber"] == "+221765550111"
    assert result.identity["gender"][0]["value"] == "Female"


def test_no_match_returns_no_data(sims, config):
    transaction_id, biometrics = capture(sims[0], config, KOFI)
    result = kyc(config, AMINA, "UIN", biometrics, transaction_id)
    assert (result.matched, result.status, result.error_code, result.identity) == (
        False,
        "no_match",
        "IDA-BIA-001",
        None,
    )


def test_tampered_capture_is_refused_before_sending(sims, config):
    transaction_id, biometrics = capture(sims[0], config, AMINA)
    biometrics[0]["data"] = biometrics[0]["data"][:-8] + "AAAAAAAA"
    before = sims[1].auth_requests
    with pytest.raises(IdaBadInput):
        kyc(config, AMINA, "UIN", biometrics, transaction_id)
    assert sims[1].auth_requests == before


def test_the_kyc_endpoint_wants_a_kyc_request(sims, config):
    transaction_id, biometrics = capture(sims[0], config, AMINA)
    body, headers = client.build_request(config, AMINA, "UIN", biometrics, transaction_id)  # an auth request
    answer = requests.post(config.kyc_url(), data=body, headers=headers, timeout=5).json()
    assert answer["id"] == "mosip.identity.kyc" and answer["response"]["kycStatus"] is False
    assert answer["errors"][0]["errorCode"] == "IDA-MLC-009"


def test_no_personal_or_biometric_data_in_the_logs(sims, config, caplog):
    caplog.set_level(logging.DEBUG)
    transaction_id, biometrics = capture(sims[0], config, AMINA)
    result = kyc(config, AMINA, "UIN", biometrics, transaction_id)
    assert result.identity["name"][0]["value"] == "Amina Diallo"
    assert caplog.records
    for secret in (
        "Amina",
        "1988/04/12",
        "+221771234567",
        biometrics[0]["data"][:24],
        biometrics[0]["sessionKey"][:24],
    ):
        assert secret not in caplog.text
    payload = crypto.b64url_decode(biometrics[0]["data"].split(".")[1]).decode()
    assert payload[:24] not in caplog.text
