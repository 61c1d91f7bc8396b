"""The pure-Python IDA client (g2p_portal_biometric/ida) against the real simulators: match,
no match, tampered captures refused before anything is sent, refusals by the service, bad
responses, outages, slow services within the total time cap, oversized answers, and no
biometric data in the logs. No Odoo model is used."""

import base64
import copy
import json
import logging
import sys
import time
import uuid
from pathlib import Path

import pytest

from odoo.addons.g2p_portal_biometric import ida as ida_client
from odoo.addons.g2p_portal_biometric.ida import (
    IdaBadInput,
    IdaBadResponse,
    IdaConfig,
    IdaUnavailable,
    authenticate,
)

client, jose, transport = ida_client.client, ida_client.jose, ida_client.transport

SETUP = Path(__file__).resolve().parents[1] / "setup"
if str(SETUP) not in sys.path:
    sys.path.insert(0, str(SETUP))

from ida_simulator.process import IdaSimulatorProcess  # noqa: E402
from sbi_simulator import crypto  # noqa: E402
from sbi_simulator.process import SbiSimulatorProcess  # noqa: E402

AMINA, KOFI, NEWCOMER = "1234567890", "2345678901", "5550001112"


@pytest.fixture(scope="module")
def sims(tmp_path_factory):
    state = tmp_path_factory.mktemp("bio-sims")
    sbi = SbiSimulatorProcess(state_dir=state / "sbi", ida_certificate=state / "ida" / "ida-encryption.crt")
    ida = IdaSimulatorProcess(state_dir=state / "ida", device_ca=[state / "sbi" / "device-ca.crt"])
    with sbi, ida:
        yield sbi, ida


@pytest.fixture
def sbi(sims):
    sims[0].present(AMINA)
    return sims[0]


@pytest.fixture
def ida(sims):
    sims[1].set_mode("normal", delay=0)
    yield sims[1]
    sims[1].set_mode("normal", delay=0)


@pytest.fixture
def config(sims, ida):
    return IdaConfig(
        **ida.client_config(device_ca_certificates_pem=(sims[0].device_ca_path.read_text(),), timeout_total=3)
    )


def capture(sbi, config, person=AMINA, bio=None, transaction_id=None):
    """(transaction ID, biometrics) as the officer's browser would get them from CAPTURE."""
    sbi.present(person)
    transaction_id = transaction_id or uuid.uuid4().hex[:20]
    body = {
        "env": config.env,
        "purpose": "Auth",
        "specVersion": "0.9.5",
        "timeout": 5000,
        "captureTime": crypto.now_iso(),
        "domainUri": config.domain_uri,
        "transactionId": transaction_id,
        "bio": bio
        or [
            {
                "type": "Finger",
                "count": 2,
                "bioSubType": ["Left IndexFinger", "Right IndexFinger"],
                "requestedScore": 60,
                "deviceId": "FINGER-SLAP-1",
                "deviceSubId": "1",
                "previousHash": "",
            }
        ],
    }
    biometrics = sbi.call("CAPTURE", "/capture", body).json()["biometrics"]
    assert biometrics[0]["error"]["errorCode"] == "0", biometrics[0]["error"]
    return transaction_id, biometrics


def _resign_data(biometrics, index, change, key=None):
    """The entry's data re-signed after ``change(payload)`` with another key (a forger)."""
    token = biometrics[index]["data"]
    payload = json.loads(crypto.b64url_decode(token.split(".")[1]))
    change(payload)
    key = key or crypto.new_key()
    cert = crypto.issue_cert("forger", key)
    biometrics[index]["data"] = crypto.jws_sign(payload, key, [cert])


def test_match(sbi, config):
    transaction_id, biometrics = capture(sbi, config)
    result = authenticate(config, AMINA, "UIN", biometrics, transaction_id)
    assert (result.matched, result.status, result.error_code) == (True, "match", "")
    assert result.transaction_id == transaction_id and 0 < result.response_time < 3


def test_match_with_iris_and_face_together(sbi, config):
    bio = [
        {
            "type": "Iris",
            "count": 2,
            "bioSubType": ["Left", "Right"],
            "requestedScore": 60,
            "deviceId": "IRIS-DOUBLE-1",
        },
        {"type": "Face", "count": 1, "bioSubType": [], "requestedScore": 60, "deviceId": "FACE-1"},
    ]
    transaction_id, biometrics = capture(sbi, config, person=KOFI, bio=bio)
    assert len(biometrics) == 3
    assert authenticate(config, KOFI, "UIN", biometrics, transaction_id).status == "match"


def test_no_match_when_someone_else_is_in_front_of_the_device(sbi, config):
    transaction_id, biometrics = capture(sbi, config, person=KOFI)
    result = authenticate(config, AMINA, "UIN", biometrics, transaction_id)
    assert (result.matched, result.status, result.error_code) == (False, "no_match", "IDA-BIA-001")


def test_unknown_id_and_missing_modality_are_refusals(sbi, config):
    transaction_id, biometrics = capture(sbi, config, person="9999999999")
    result = authenticate(config, "9999999999", "UIN", biometrics, transaction_id)
    assert (result.status, result.error_code) == ("refused", "IDA-MLC-002")
    bio = [
        {
            "type": "Iris",
            "count": 1,
            "bioSubType": ["Left"],
            "requestedScore": 60,
            "deviceId": "IRIS-DOUBLE-1",
        }
    ]
    transaction_id, biometrics = capture(sbi, config, person=NEWCOMER, bio=bio)  # no iris enrolled
    assert authenticate(config, NEWCOMER, "UIN", biometrics, transaction_id).error_code == "IDA-BIA-006"


def _tamper_bio_value(b):
    head, body, sig = b[0]["data"].split(".")
    payload = json.loads(crypto.b64url_decode(body))
    payload["bioValue"] = "A" * len(payload["bioValue"])
    b[0]["data"] = ".".join([head, crypto.b64url(json.dumps(payload).encode()), sig])


def _tamper_signature(b):
    head, body, sig = b[0]["data"].split(".")
    raw = bytearray(crypto.b64url_decode(sig))
    raw[10] ^= 0xFF
    b[0]["data"] = ".".join([head, body, crypto.b64url(bytes(raw))])


TAMPERING = {
    "bio value altered": (_tamper_bio_value, "bad_device_signature"),
    "device signature altered": (_tamper_signature, "bad_device_signature"),
    "re-signed by a forger": (lambda b: _resign_data(b, 0, lambda p: None), "bad_device_signature"),
    "hash malformed": (lambda b: b[0].update(hash="not-a-hash"), "bad_hash_chain"),
    "hash repeated": (lambda b: b[1].update(hash=b[0]["hash"]), "bad_hash_chain"),
    "transaction of another capture": (lambda b: None, "transaction_mismatch"),
    "not a list": (lambda b: b.clear() or b.append("x"), "bad_entry"),
    "missing session key": (lambda b: b[0].pop("sessionKey"), "missing_field"),
    "wrong type": (lambda b: b[0].update(data=12), "missing_field"),
    "device error entry": (
        lambda b: b[0].update(error={"errorCode": "101", "errorInfo": "x"}),
        "device_error",
    ),
    "encrypted for another service": (lambda b: b[0].update(thumbprint="AB" * 32), "wrong_thumbprint"),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_tampered_captures_are_refused_before_sending(sbi, ida, config, name):
    tamper, code = TAMPERING[name]
    transaction_id, biometrics = capture(sbi, config)
    tamper(biometrics)
    if name == "transaction of another capture":
        transaction_id = "another-transaction"
    before = ida.auth_requests
    with pytest.raises(IdaBadInput) as raised:
        authenticate(config, AMINA, "UIN", biometrics, transaction_id)
    assert raised.value.code == code
    assert ida.auth_requests == before  # nothing was sent


@pytest.mark.parametrize("biometrics", [None, {}, "[]", [], [None], [{}], [{"data": []}]])
def test_malformed_biometrics_are_bad_input(config, biometrics):
    with pytest.raises(IdaBadInput):
        authenticate(config, AMINA, "UIN", biometrics, "tx-1")


@pytest.mark.parametrize(
    "individual_id, id_type, transaction_id",
    [
        ("", "UIN", "tx-1"),
        (None, "UIN", "tx-1"),
        ("12 34", "UIN", "tx-1"),
        (AMINA, "PASSPORT", "tx-1"),
        (AMINA, "UIN", "tx 1"),
        (AMINA, "UIN", "x" * 65),
    ],
)
def test_malformed_ids_are_bad_input(sbi, config, individual_id, id_type, transaction_id):
    _tx, biometrics = capture(sbi, config)
    with pytest.raises(IdaBadInput):
        authenticate(config, individual_id, id_type, biometrics, transaction_id)


def test_device_that_signs_another_transaction_is_refused(sbi, config):
    sbi.set_device("FINGER-SLAP-1", error="wrongTransactionId")
    try:
        transaction_id, biometrics = capture(sbi, config)
    finally:
        sbi.set_device("FINGER-SLAP-1", error=None)
    with pytest.raises(IdaBadInput) as raised:
        authenticate(config, AMINA, "UIN", biometrics, transaction_id)
    assert raised.value.code == "transaction_mismatch"


def test_broken_hash_chain_is_refused_by_the_service(sbi, config):
    """The client cannot see the values under encryption; the service recomputes the chain."""
    transaction_id, biometrics = capture(sbi, config)
    biometrics[0]["hash"], biometrics[1]["hash"] = biometrics[1]["hash"], biometrics[0]["hash"]
    result = authenticate(config, AMINA, "UIN", biometrics, transaction_id)
    assert (result.status, result.error_code) == ("refused", "IDA-BIA-014")


def test_device_outside_the_trusted_ca_is_refused_by_the_service(sbi, sims, config):
    """Without configured device CAs the client checks each signature with its own x5c; the
    service still requires the chain to its trusted device CA."""
    transaction_id, biometrics = capture(sbi, config)
    _resign_data(biometrics, 0, lambda p: None)
    open_config = IdaConfig(**{**config.__dict__, "device_ca_certificates_pem": ()})
    result = authenticate(open_config, AMINA, "UIN", biometrics, transaction_id)
    assert (result.status, result.error_code) == ("refused", "IDA-BIA-015")


def _post_raw(config, transaction_id, biometrics):
    body, headers = client.build_request(config, AMINA, "UIN", biometrics, transaction_id)
    status, headers, answer = transport.post(config.auth_url(), body, headers, 3, 256 * 1024)
    return json.loads(answer)["errors"][0]["errorCode"]


def test_wrong_thumbprint_and_unknown_partner_are_refused_by_the_service(sbi, config):
    transaction_id, biometrics = capture(sbi, config)
    other_cert = crypto.cert_pem(crypto.issue_cert("another IDA", crypto.new_key()))
    assert (
        _post_raw(
            IdaConfig(**{**config.__dict__, "ida_certificate_pem": other_cert}), transaction_id, biometrics
        )
        == "IDA-MPA-003"
    )
    for field, code in (
        ("partner_id", "IDA-MPA-009"),
        ("misp_license_key", "IDA-MPA-007"),
        ("api_key", "IDA-MPA-018"),
    ):
        wrong = IdaConfig(**{**config.__dict__, field: "nobody"})
        result = authenticate(wrong, AMINA, "UIN", biometrics, transaction_id)
        assert (result.status, result.error_code) == ("refused", code)
    key = crypto.new_key()
    impostor = IdaConfig(
        **{
            **config.__dict__,
            "partner_private_key_pem": crypto.key_pem(key),
            "partner_certificate_pem": crypto.cert_pem(crypto.issue_cert("g2p-demo-partner", key)),
        }
    )
    assert authenticate(impostor, AMINA, "UIN", biometrics, transaction_id).error_code == "IDA-MPA-021"
    assert (
        authenticate(config, AMINA, "UIN", biometrics, transaction_id, consent_obtained=False).error_code
        == "IDA-MLC-012"
    )


@pytest.mark.parametrize(
    "mode, code", [("bad-signature", "bad_signature"), ("unsigned", "unsigned"), ("huge", "too_large")]
)
def test_untrustworthy_answers_are_refused_by_the_client(sbi, ida, config, mode, code):
    transaction_id, biometrics = capture(sbi, config)
    ida.set_mode(mode)
    with pytest.raises(IdaBadResponse) as raised:
        authenticate(config, AMINA, "UIN", biometrics, transaction_id)
    assert raised.value.code == code


def test_answer_signed_by_another_certificate_than_configured_is_refused(sbi, config):
    transaction_id, biometrics = capture(sbi, config)
    pinned = IdaConfig(**{**config.__dict__, "ida_signing_certificate_pem": config.ida_certificate_pem})
    with pytest.raises(IdaBadResponse):
        authenticate(pinned, AMINA, "UIN", biometrics, transaction_id)


def test_outage_is_unavailable(sbi, ida, config):
    transaction_id, biometrics = capture(sbi, config)
    ida.set_mode("down")
    with pytest.raises(IdaUnavailable) as raised:
        authenticate(config, AMINA, "UIN", biometrics, transaction_id)
    assert raised.value.code == "server_error"
    nowhere = IdaConfig(**{**config.__dict__, "endpoint_url": "http://127.0.0.1:9/idauthentication/v1/auth"})
    with pytest.raises(IdaUnavailable) as raised:
        authenticate(nowhere, AMINA, "UIN", biometrics, transaction_id)
    assert raised.value.code == "unreachable"


@pytest.mark.parametrize("mode, delay", [("slow", 5), ("trickle", 4)])
def test_slow_service_is_unavailable_within_the_total_time(sbi, ida, config, mode, delay):
    transaction_id, biometrics = capture(sbi, config)
    ida.set_mode(mode, delay=delay)
    quick = IdaConfig(**{**config.__dict__, "timeout_total": 1.0})
    start = time.monotonic()
    with pytest.raises(IdaUnavailable) as raised:
        authenticate(quick, AMINA, "UIN", biometrics, transaction_id)
    elapsed = time.monotonic() - start
    assert raised.value.code == "timeout"
    assert 0.9 <= elapsed < 1.6, elapsed


def test_tls_is_verified_by_default(sbi, sims):
    tls = IdaSimulatorProcess(state_dir=sims[1].state_dir, device_ca=[sims[0].device_ca_path], tls=True)
    with tls:  # same keys as the plain simulator, over HTTPS with a self-signed certificate
        config = IdaConfig(**tls.client_config(timeout_total=3, tls_ca_pem=""))
        transaction_id, biometrics = capture(sbi, config)
        with pytest.raises(IdaUnavailable) as raised:
            authenticate(config, AMINA, "UIN", biometrics, transaction_id)
        assert raised.value.code == "tls"
        trusting = IdaConfig(**{**config.__dict__, "tls_ca_pem": tls.tls_certificate_path.read_text()})
        assert authenticate(trusting, AMINA, "UIN", biometrics, transaction_id).status == "match"


def test_no_biometric_data_in_the_logs(sbi, ida, config, caplog):
    caplog.set_level(logging.DEBUG)
    secrets = []
    for mode, person in (("normal", AMINA), ("normal", KOFI), ("bad-signature", AMINA), ("down", AMINA)):
        ida.set_mode(mode)
        transaction_id, biometrics = capture(sbi, config, person=person)
        for entry in biometrics:
            payload = json.loads(crypto.b64url_decode(entry["data"].split(".")[1]))
            secrets += [entry["data"], entry["sessionKey"], payload["bioValue"], entry["data"].split(".")[2]]
        try:
            authenticate(config, AMINA, "UIN", biometrics, transaction_id)
        except (IdaBadResponse, IdaUnavailable) as e:
            secrets_in_message = [s for s in secrets if s[:24] in str(e)]
            assert not secrets_in_message
    tampered = copy.deepcopy(biometrics)
    _tamper_signature(tampered)
    with pytest.raises(IdaBadInput) as raised:
        authenticate(config, AMINA, "UIN", tampered, transaction_id)
    assert caplog.records, "the client logs its outcomes"
    text = caplog.text + str(raised.value)
    for secret in secrets:
        assert secret[:24] not in text
    assert "DEMO|" not in text and base64.b64encode(b"DEMO|").decode()[:6] not in text


def test_detached_partner_signature_is_verifiable_with_the_partner_certificate(sbi, config):
    transaction_id, biometrics = capture(sbi, config)
    body, headers = client.build_request(config, AMINA, "UIN", biometrics, transaction_id)
    head, empty, _sig = headers["signature"].split(".")
    assert empty == "" and json.loads(jose.b64url_decode(head))["alg"] == "RS256"
    partner = jose.load_certificate(config.partner_certificate_pem)
    assert jose.verify(headers["signature"], certificate=partner, detached_payload=body) == body
    auth = json.loads(body)
    assert auth["thumbprint"] == config.thumbprint and auth["id"] == "mosip.identity.auth"
    assert "biometrics" not in body.decode() and biometrics[0]["data"] not in body.decode()  # encrypted
