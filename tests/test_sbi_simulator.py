"""The SBI 0.9.5 device simulator (setup/sbi_simulator) speaks the protocol: discovery, device
info, captures whose signatures verify up to the device CA, the hash chain, encryption for the
ID service, CORS for the browser, and each configured error state."""

import json
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

SETUP = Path(__file__).resolve().parent.parent / "setup"
if str(SETUP) not in sys.path:
    sys.path.insert(0, str(SETUP))

from sbi_simulator import crypto  # noqa: E402
from sbi_simulator.process import SbiSimulatorProcess  # noqa: E402

PROFILE = json.loads((SETUP / "sbi_simulator" / "profile.json").read_text())
DATA_KEYS = {
    "digitalId",
    "bioType",
    "bioSubType",
    "purpose",
    "env",
    "domainUri",
    "bioValue",
    "transactionId",
    "timestamp",
    "requestedScore",
    "qualityScore",
    "deviceServiceVersion",
    "deviceCode",
}


@pytest.fixture(scope="module")
def ida_pair(tmp_path_factory):
    state = tmp_path_factory.mktemp("ida")
    key, cert = crypto.load_or_create_pair(state, "ida-encryption", "test IDA")
    return key, cert, state / "ida-encryption.crt"


@pytest.fixture(scope="module")
def sbi(ida_pair):
    profile = {**PROFILE, "maxTimeoutWaitMs": 300, "streamSeconds": 1}
    with SbiSimulatorProcess(profile=profile, ida_certificate=ida_pair[2]) as process:
        yield process


@pytest.fixture(autouse=True)
def _reset(sbi):
    sbi.present("1234567890", quality=None)
    for device in PROFILE["devices"]:
        sbi.set_device(device["deviceId"], status=device["status"], error=None)


def _trusted(sbi):
    return [crypto.load_cert(sbi.device_ca_path.read_bytes())]


def _capture(
    sbi, verb="CAPTURE", device="FINGER-SLAP-1", subtypes=("Left IndexFinger", "Right IndexFinger"), **extra
):
    body = {
        "env": "Developer",
        "purpose": "Registration" if verb == "RCAPTURE" else "Auth",
        "specVersion": "0.9.5",
        "timeout": 2000,
        "captureTime": crypto.now_iso(),
        "domainUri": "https://ida.test",
        "transactionId": uuid.uuid4().hex[:16],
        "bio": [
            {
                "type": "Finger",
                "count": len(subtypes),
                "bioSubType": list(subtypes),
                "requestedScore": 70,
                "deviceId": device,
                "deviceSubId": "1",
                "previousHash": "",
            }
        ],
    }
    body.update(extra)
    response = sbi.call(verb, "/capture", body)
    assert response.status_code == 200
    return body, response.json()["biometrics"]


def _error(entries):
    assert len(entries) == 1 and entries[0]["data"] == ""
    return entries[0]["error"]["errorCode"]


def test_listens_in_the_sbi_port_range_and_a_second_one_takes_another_port(sbi):
    assert 4501 <= sbi.port <= 4600
    with SbiSimulatorProcess() as other:
        assert 4501 <= other.port <= 4600 and other.port != sbi.port


def test_discovery_lists_devices_and_filters_by_type(sbi):
    devices = sbi.call("MOSIPDISC", "/device", {"type": "Biometric Device"}).json()
    assert [d["deviceId"] for d in devices] == [d["deviceId"] for d in PROFILE["devices"]]
    finger = devices[0]
    assert (
        finger["deviceStatus"] == "Ready" and finger["certification"] == "L1" and finger["purpose"] == "Auth"
    )
    assert finger["callbackId"] == sbi.base_url and finger["specVersion"] == ["0.9.5"]
    assert finger["error"] == {"errorCode": "0", "errorInfo": "Success"}
    digital_id = json.loads(crypto.b64url_decode(finger["digitalId"]))  # unsigned in discovery
    assert digital_id["type"] == "Finger" and digital_id["deviceSubType"] == "Slap"
    iris = sbi.call("MOSIPDISC", "/device", {"type": "Iris"}).json()
    assert [d["deviceId"] for d in iris] == ["IRIS-DOUBLE-1"]
    assert len(sbi.call("MOSIPDISC", "/device").json()) == len(PROFILE["devices"])  # no body
    wrong = sbi.call("MOSIPDISC", "/device", {"type": "Toaster"}).json()
    assert wrong[0]["error"]["errorCode"] == "101" and wrong[0]["deviceId"] == ""


def test_device_info_is_signed_with_the_device_certificate_chain(sbi):
    infos = sbi.call("MOSIPDINFO", "/info").json()
    assert len(infos) == len(PROFILE["devices"])
    payload, leaf = crypto.jws_verify(infos[0]["deviceInfo"], trusted=_trusted(sbi))
    info = json.loads(payload)
    assert (
        info["deviceId"] == "FINGER-SLAP-1" and info["deviceStatus"] == "Ready" and info["env"] == "Developer"
    )
    digital_id, _ = crypto.jws_verify(info["digitalId"], trusted=_trusted(sbi))
    assert json.loads(digital_id)["serialNo"] == "G2PFS0000000001"
    with pytest.raises(crypto.CryptoError):  # another CA is not trusted
        other = crypto.issue_cert("other CA", crypto.new_key(), ca=True)
        crypto.jws_verify(infos[0]["deviceInfo"], trusted=[other])


def test_capture_shapes_signatures_encryption_and_hash_chain(sbi, ida_pair):
    sbi.present("2345678901", quality=66)
    request, entries = _capture(sbi)
    assert len(entries) == 2
    previous = crypto.EMPTY_HASH
    for entry, subtype in zip(entries, ("Left IndexFinger", "Right IndexFinger"), strict=False):
        assert set(entry) == {"specVersion", "data", "hash", "sessionKey", "thumbprint", "error"}
        assert entry["error"]["errorCode"] == "0" and entry["thumbprint"] == crypto.thumbprint_hex(
            ida_pair[1]
        )
        payload, leaf = crypto.jws_verify(entry["data"], trusted=_trusted(sbi))
        data = json.loads(payload)
        assert set(data) == DATA_KEYS
        assert data["transactionId"] == request["transactionId"] and data["purpose"] == "Auth"
        assert data["bioSubType"] == subtype and data["qualityScore"] == 66 and data["requestedScore"] == 70
        assert data["domainUri"] == "https://ida.test" and data["env"] == "Developer"
        crypto.jws_verify(data["digitalId"], trusted=_trusted(sbi))
        value = crypto.sbi_decrypt(
            data["bioValue"], entry["sessionKey"], ida_pair[0], data["timestamp"], data["transactionId"]
        )
        assert value == f"DEMO|2345678901|Finger|{subtype}".encode()
        assert entry["hash"] == crypto.chain_hash(previous, value)
        previous = entry["hash"]


def test_the_hash_chain_continues_from_the_previous_hash_given(sbi, ida_pair):
    _request, first = _capture(sbi, subtypes=("Left Thumb",))
    request = {
        "bio": [
            {
                "type": "Iris",
                "count": 2,
                "bioSubType": ["Left", "Right"],
                "requestedScore": 60,
                "deviceId": "IRIS-DOUBLE-1",
                "deviceSubId": "3",
                "previousHash": first[0]["hash"],
            }
        ]
    }
    _request, second = _capture(sbi, **request)
    data = json.loads(crypto.jws_verify(second[0]["data"], trusted=_trusted(sbi))[0])
    value = crypto.sbi_decrypt(
        data["bioValue"], second[0]["sessionKey"], ida_pair[0], data["timestamp"], data["transactionId"]
    )
    assert second[0]["hash"] == crypto.chain_hash(first[0]["hash"], value)


def test_cors_preflight_allows_the_custom_verbs_from_a_page(sbi):
    response = requests.options(
        sbi.base_url + "/capture",
        headers={
            "Origin": "http://127.0.0.1:8069",
            "Access-Control-Request-Method": "CAPTURE",
            "Access-Control-Request-Headers": "content-type",
            "Access-Control-Request-Private-Network": "true",
        },
        timeout=5,
    )
    assert response.status_code in (200, 204)
    methods = {m.strip() for m in response.headers["Access-Control-Allow-Methods"].split(",")}
    assert {"MOSIPDISC", "MOSIPDINFO", "CAPTURE", "RCAPTURE", "STREAM"} <= methods
    assert response.headers["Access-Control-Allow-Origin"] in ("*", "http://127.0.0.1:8069")
    assert response.headers["Access-Control-Allow-Private-Network"] == "true"
    assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()
    real = sbi.call("MOSIPDISC", "/device", {"type": "Finger"}, headers={"Origin": "http://127.0.0.1:8069"})
    assert real.headers["Access-Control-Allow-Origin"] in ("*", "http://127.0.0.1:8069")


@pytest.mark.parametrize(
    "change, status, code",
    [
        ({"status": "Busy"}, "Busy", "502"),
        ({"status": "Not Ready"}, "Not Ready", "503"),
        ({"status": "Not Registered"}, "Not Registered", "100"),
        ({"error": "busy"}, "Busy", "502"),
        ({"error": "notReady"}, "Not Ready", "503"),
        ({"error": "notRegistered"}, "Not Registered", "100"),
    ],
)
def test_device_states_show_in_discovery_and_refuse_captures(sbi, change, status, code):
    sbi.set_device("FINGER-SLAP-1", **change)
    finger = sbi.call("MOSIPDISC", "/device", {"type": "Finger"}).json()[0]
    assert finger["deviceStatus"] == status
    if status == "Not Registered":
        assert finger["purpose"] == "" and finger["error"]["errorCode"] == "100"
        info = sbi.call("MOSIPDINFO", "/info").json()[0]
        assert info["error"]["errorCode"] == "100"
        assert json.loads(crypto.b64url_decode(info["deviceInfo"]))["deviceStatus"] == "Not Registered"
    assert _error(_capture(sbi)[1]) == code


def test_timeouts_answer_701_for_capture_and_801_for_registration_capture(sbi):
    sbi.set_device("FINGER-SLAP-1", error="timeout")
    sbi.set_device("FINGER-REG-1", error="timeout")
    start = time.monotonic()
    assert _error(_capture(sbi)[1]) == "701"
    assert time.monotonic() - start >= 0.25  # it waited (capped by maxTimeoutWaitMs)
    assert _error(_capture(sbi, verb="RCAPTURE", device="FINGER-REG-1")[1]) == "801"


@pytest.mark.parametrize("transaction_id", [None, "", "has spaces", "x" * 65, 12345, "<script>"])
def test_bad_transaction_ids_are_refused(sbi, transaction_id):
    assert _error(_capture(sbi, transactionId=transaction_id)[1]) == "501"


def test_the_device_can_be_made_to_sign_another_transaction_id(sbi):
    sbi.set_device("FINGER-SLAP-1", error="wrongTransactionId")
    request, entries = _capture(sbi)
    data = json.loads(crypto.jws_verify(entries[0]["data"], trusted=_trusted(sbi))[0])
    assert data["transactionId"] != request["transactionId"]


def test_other_capture_errors(sbi, tmp_path):
    sbi.present(None)
    assert _error(_capture(sbi)[1]) == "101"  # nobody in front of the device
    sbi.present("1234567890")
    assert _error(_capture(sbi, device="NO-SUCH-DEVICE")[1]) == "106"
    assert _error(_capture(sbi, subtypes=["Left Thumb"] * 11)[1]) == "109"
    assert _error(_capture(sbi, device="FINGER-REG-1")[1]) == "504"  # a registration device
    assert _error(sbi.call("CAPTURE", "/capture", None).json()["biometrics"]) == "505"
    bad_json = requests.request("CAPTURE", sbi.base_url + "/capture", data=b"{not json", timeout=5)
    assert _error(bad_json.json()["biometrics"]) == "505"
    with SbiSimulatorProcess(ida_certificate=tmp_path / "missing.crt") as no_key:
        assert _error(_capture(no_key)[1]) == "108"


def test_registration_capture_is_signed_but_not_encrypted(sbi):
    sbi.present("5550001112", quality=91)
    _request, entries = _capture(sbi, verb="RCAPTURE", device="FINGER-REG-1", subtypes=("Left Thumb",))
    data = json.loads(crypto.jws_verify(entries[0]["data"], trusted=_trusted(sbi))[0])
    assert data["purpose"] == "Registration" and data["qualityScore"] == 91
    assert crypto.b64url_decode(data["bioValue"]) == b"DEMO|5550001112|Finger|Left Thumb"
    assert "sessionKey" not in entries[0]


def test_stream_sends_mjpeg_frames_for_registration_devices_only(sbi):
    response = requests.request(
        "STREAM",
        sbi.base_url + "/stream",
        data=json.dumps({"deviceId": "FINGER-REG-1", "deviceSubId": "1"}),
        stream=True,
        timeout=10,
    )
    assert response.headers["Content-Type"].startswith("multipart/x-mixed-replace")
    first = next(response.iter_content(4096))
    assert b"Content-Type: image/jpeg" in first and b"\xff\xd8" in first
    response.close()
    refused = sbi.call("STREAM", "/stream", {"deviceId": "FINGER-SLAP-1"}).json()
    assert refused["error"]["errorCode"] == "202"


def test_admin_endpoint_rejects_bad_input(sbi):
    assert (
        requests.post(
            sbi.base_url + "/_sim/present", json={"individualId": "1", "quality": 150}, timeout=5
        ).status_code
        == 400
    )
    assert requests.post(sbi.base_url + "/_sim/present", data=b"[1]", timeout=5).status_code == 400
    assert (
        requests.post(
            sbi.base_url + "/_sim/device", json={"deviceId": "FACE-1", "status": "On fire"}, timeout=5
        ).status_code
        == 400
    )


def test_a_second_capture_during_a_capture_finds_the_device_busy(sbi):
    sbi.set_device("FINGER-SLAP-1", error="timeout")  # the first capture waits ~0.3 s
    first = threading.Thread(target=_capture, args=(sbi,))
    first.start()
    time.sleep(0.1)
    try:
        finger = sbi.call("MOSIPDISC", "/device", {"type": "Finger"}).json()[0]
        assert finger["deviceStatus"] == "Busy"
        sbi.set_device("FINGER-SLAP-1", error=None)
        assert _error(_capture(sbi)[1]) == "502"
    finally:
        first.join()
    assert _capture(sbi)[1][0]["error"]["errorCode"] == "0"  # free again
