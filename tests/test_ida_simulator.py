"""The IDA auth API simulator (setup/ida_simulator) checks what it receives and answers signed,
MOSIP-style results; no input makes it crash. Requests are built here by hand (not with the
project's client), so the client and the simulator are checked against each other."""

import json
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETUP = Path(__file__).resolve().parent.parent / "setup"
if str(SETUP) not in sys.path:
    sys.path.insert(0, str(SETUP))

from ida_simulator.process import IdaSimulatorProcess  # noqa: E402
from sbi_simulator import crypto  # noqa: E402
from sbi_simulator.process import SbiSimulatorProcess  # noqa: E402

AMINA = "1234567890"


@pytest.fixture(scope="module")
def sims(tmp_path_factory):
    state = tmp_path_factory.mktemp("ida-sim")
    sbi = SbiSimulatorProcess(state_dir=state / "sbi", ida_certificate=state / "ida" / "ida-encryption.crt")
    ida = IdaSimulatorProcess(state_dir=state / "ida", device_ca=[state / "sbi" / "device-ca.crt"])
    with sbi, ida:
        yield sbi, ida


@pytest.fixture
def ida(sims):
    sims[1].set_mode("normal", delay=0)
    yield sims[1]
    sims[1].set_mode("normal", delay=0)


def _capture(sbi, partner, person=AMINA):
    sbi.present(person)
    transaction_id = uuid.uuid4().hex[:12]
    body = {
        "env": partner["env"],
        "purpose": "Auth",
        "specVersion": "0.9.5",
        "timeout": 3000,
        "domainUri": partner["domainUri"],
        "transactionId": transaction_id,
        "bio": [{"type": "Face", "count": 1, "requestedScore": 50, "deviceId": "FACE-1"}],
    }
    return transaction_id, sbi.call("CAPTURE", "/capture", body).json()["biometrics"]


def _request(ida, transaction_id, biometrics, **overrides):
    """(body, signature header) of an auth request, as mosip-auth-sdk builds one."""
    partner = ida.partner
    cert = crypto.load_cert(ida.encryption_certificate_path.read_bytes())
    block = json.dumps({"timestamp": crypto.now_iso(), "biometrics": biometrics}).encode()
    block = overrides.pop("block", block)
    key = bytes(range(32))
    auth = {
        "id": "mosip.identity.auth",
        "version": "1.0",
        "individualId": AMINA,
        "individualIdType": "UIN",
        "transactionID": transaction_id,
        "requestTime": crypto.now_iso(),
        "specVersion": "0.9.5",
        "thumbprint": crypto.thumbprint_b64url(cert),
        "domainUri": partner["domainUri"],
        "env": partner["env"],
        "consentObtained": True,
        "requestSessionKey": crypto.b64url(crypto.rsa_encrypt(cert, key)),
        "request": crypto.b64url(crypto.aes_encrypt_appended(key, block)),
        "requestHMAC": crypto.b64url(crypto.aes_encrypt_appended(key, crypto.sha256_hex(block).encode())),
        "metadata": {},
    }
    auth.update(overrides)
    body = json.dumps({k: v for k, v in auth.items() if v is not ...}).encode()
    signature = crypto.jws_sign(
        body,
        crypto.load_key(partner["privateKeyPem"]),
        [crypto.load_cert(partner["certificatePem"])],
        detached=True,
    )
    return body, signature


def _post(ida, body, signature, url=None):
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["signature"] = signature
    response = requests.post(url or ida.auth_url(), data=body, headers=headers, timeout=10)
    return response


def _answer(ida, response):
    """The answer, after checking its detached signature by the simulator's signing key."""
    assert response.status_code == 200, response.text
    signing = crypto.load_cert(ida.signing_certificate_path.read_bytes())
    crypto.jws_verify(
        response.headers["response-signature"], certificate=signing, detached_payload=response.content
    )
    answer = json.loads(response.content)
    assert answer["id"] == "mosip.identity.auth" and set(answer["response"]) == {"authStatus", "authToken"}
    return answer


def _code(ida, response):
    answer = _answer(ida, response)
    assert answer["response"]["authStatus"] is False and answer["response"]["authToken"] is None
    return answer["errors"][0]["errorCode"]


def test_simulator_only_endpoints(ida):
    assert requests.get(ida.base_url + "/_sim/health", timeout=5).json()["status"] == "up"
    partner = ida.partner
    assert partner["partnerId"] == "g2p-demo-partner" and "BEGIN PRIVATE KEY" in partner["privateKeyPem"]
    certificates = requests.get(ida.base_url + "/_sim/certificates", timeout=5).json()
    assert certificates["encryptionCertificatePem"] == ida.encryption_certificate_path.read_text()
    assert requests.post(ida.base_url + "/_sim/mode", json={"mode": "asleep"}, timeout=5).status_code == 400


def test_a_well_formed_request_matches_and_the_answer_is_signed(sims, ida):
    transaction_id, biometrics = _capture(sims[0], ida.partner)
    answer = _answer(ida, _post(ida, *_request(ida, transaction_id, biometrics)))
    assert answer["response"]["authStatus"] is True and answer["errors"] is None
    assert answer["transactionID"] == transaction_id and answer["response"]["authToken"]


def test_someone_else_does_not_match(sims, ida):
    transaction_id, biometrics = _capture(sims[0], ida.partner, person="2345678901")
    assert _code(ida, _post(ida, *_request(ida, transaction_id, biometrics))) == "IDA-BIA-001"


@pytest.mark.parametrize(
    "field",
    [
        "id",
        "version",
        "individualId",
        "individualIdType",
        "transactionID",
        "requestTime",
        "thumbprint",
        "domainUri",
        "env",
        "consentObtained",
        "requestSessionKey",
        "request",
        "requestHMAC",
    ],
)
def test_each_missing_field_is_named(sims, ida, field):
    transaction_id, biometrics = _capture(sims[0], ida.partner)
    response = _post(ida, *_request(ida, transaction_id, biometrics, **{field: ...}))
    answer = _answer(ida, response)
    assert answer["errors"][0]["errorCode"] == "IDA-MLC-006" and field in answer["errors"][0]["errorMessage"]


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"requestTime": "2020-01-01T00:00:00.000Z"}, "IDA-MLC-001"),
        ({"requestTime": "yesterday"}, "IDA-MLC-009"),
        ({"individualIdType": "PASSPORT"}, "IDA-MLC-009"),
        ({"consentObtained": False}, "IDA-MLC-012"),
        ({"thumbprint": "AAAA"}, "IDA-MPA-003"),
        ({"requestSessionKey": crypto.b64url(b"x" * 256)}, "IDA-MPA-003"),
        ({"requestHMAC": crypto.b64url(b"y" * 80)}, "IDA-MPA-003"),
        ({"domainUri": "https://elsewhere.example"}, "IDA-MLC-009"),
        ({"individualId": "0000000000"}, "IDA-MLC-002"),
        ({"block": b'{"timestamp": "2020-01-01T00:00:00Z", "biometrics": []}'}, "IDA-MLC-001"),
        # A fresh timestamp, made when the test runs (the parameters are built at collection).
        (
            {"block": lambda: json.dumps({"timestamp": crypto.now_iso(), "biometrics": []}).encode()},
            "IDA-MLC-013",
        ),
        ({"block": b"not json"}, "IDA-MLC-009"),
    ],
)
def test_bad_requests_get_mosip_errors(sims, ida, overrides, code):
    transaction_id, biometrics = _capture(sims[0], ida.partner)
    overrides = {key: value() if callable(value) else value for key, value in overrides.items()}
    assert _code(ida, _post(ida, *_request(ida, transaction_id, biometrics, **overrides))) == code


def test_hmac_must_match_the_request(sims, ida):
    transaction_id, biometrics = _capture(sims[0], ida.partner)
    body, _ = _request(ida, transaction_id, biometrics)
    other, _ = _request(ida, transaction_id, biometrics)
    auth, mixed = json.loads(body), json.loads(other)
    auth["requestHMAC"] = mixed["requestHMAC"]  # encrypted with the same key, over another block
    partner = ida.partner
    forged = json.dumps(auth).encode()
    signature = crypto.jws_sign(
        forged,
        crypto.load_key(partner["privateKeyPem"]),
        [crypto.load_cert(partner["certificatePem"])],
        detached=True,
    )
    assert _code(ida, _post(ida, forged, signature)) == "IDA-MPA-016"


def test_signature_header_is_required_and_checked(sims, ida):
    transaction_id, biometrics = _capture(sims[0], ida.partner)
    body, signature = _request(ida, transaction_id, biometrics)
    assert _code(ida, _post(ida, body, None)) == "IDA-MPA-001"
    assert _code(ida, _post(ida, body, "garbage")) == "IDA-MPA-001"
    assert _code(ida, _post(ida, body + b" ", signature)) == "IDA-MPA-001"  # body changed after signing
    head = crypto.b64url(json.dumps({"alg": "RS256"}).encode())
    assert _code(ida, _post(ida, body, head + ".." + signature.split(".")[2])) == "IDA-MPA-022"
    key = crypto.new_key()
    impostor = crypto.jws_sign(body, key, [crypto.issue_cert("g2p-demo-partner", key)], detached=True)
    assert _code(ida, _post(ida, body, impostor)) == "IDA-MPA-021"
    attached = crypto.jws_sign(
        body, crypto.load_key(ida.partner["privateKeyPem"]), [crypto.load_cert(ida.partner["certificatePem"])]
    )
    assert _answer(ida, _post(ida, body, attached))["response"]["authStatus"] is True


def test_paths_and_bodies_that_are_not_requests(ida):
    base = ida.base_url + "/idauthentication/v1/auth/"
    assert _code(ida, _post(ida, b"{}", None, url=base + "only/two")) == "IDA-MPA-009"
    assert _code(ida, _post(ida, b"x" * (300 * 1024), None)) == "IDA-MLC-009"
    assert requests.post(ida.base_url + "/elsewhere", data=b"{}", timeout=5).status_code == 404


def test_outage_modes(sims, ida):
    transaction_id, biometrics = _capture(sims[0], ida.partner)
    body, signature = _request(ida, transaction_id, biometrics)
    ida.set_mode("down")
    assert _post(ida, body, signature).status_code == 503
    ida.set_mode("slow", delay=0.5)
    start = time.monotonic()
    assert _answer(ida, _post(ida, body, signature))["response"]["authStatus"] is True
    assert time.monotonic() - start >= 0.5


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "id",
                "individualId",
                "request",
                "requestHMAC",
                "thumbprint",
                "requestTime",
                "requestSessionKey",
                "consentObtained",
                "x",
            ]
        ),
        json_values,
        max_size=5,
    )
)
def test_no_input_crashes_the_simulator(sims, ida, fields):
    partner = ida.partner
    body = json.dumps(fields).encode()
    signature = crypto.jws_sign(
        body,
        crypto.load_key(partner["privateKeyPem"]),
        [crypto.load_cert(partner["certificatePem"])],
        detached=True,
    )
    answer = _answer(ida, _post(ida, body, signature))
    assert answer["response"]["authStatus"] is False and answer["errors"][0]["errorCode"].startswith("IDA-")
