"""The simulated devices: discovery, device info and captures as SBI 0.9.5 describes them
(see README.md "Protocol facts"). No HTTP here: ``server.py`` maps verbs to these methods."""

import copy
import json
import re
import threading
import time
from pathlib import Path

from sbi_simulator import crypto

SPEC_VERSION = "0.9.5"
TYPES = {"Finger", "Iris", "Face"}
SUBTYPES = {
    "Finger": [
        "Left IndexFinger",
        "Left MiddleFinger",
        "Left RingFinger",
        "Left LittleFinger",
        "Left Thumb",
        "Right IndexFinger",
        "Right MiddleFinger",
        "Right RingFinger",
        "Right LittleFinger",
        "Right Thumb",
        "UNKNOWN",
    ],
    "Iris": ["Left", "Right", "UNKNOWN"],
    "Face": [],
}
MAX_COUNT = {"Finger": 10, "Iris": 2, "Face": 1}
STATUSES = {"Ready", "Busy", "Not Ready", "Not Registered"}
TRANSACTION_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
# Spec 0.9.5 codes (0, 100-109); 5xx are "custom errors" the provider chooses (this simulator's);
# 701/801: capture / registration capture timed out.
ERRORS = {
    "0": "Success",
    "100": "Device not registered",
    "101": "Unable to detect a biometric object",
    "106": "Device not found",
    "108": "Domain public key missing",
    "109": "Requested number of biometric (Finger/IRIS) not supported",
    "501": "Invalid transactionId",
    "502": "Device is busy",
    "503": "Device not ready",
    "504": "The device is not registered for this purpose",
    "505": "Invalid capture request",
    "701": "Capture timed out",
    "801": "Registration capture timed out",
}
INJECTABLE = {"timeout", "busy", "wrongTransactionId", "notReady", "notRegistered", None}


class SbiError(Exception):
    def __init__(self, code):
        super().__init__(ERRORS[code])
        self.code = code


def error(code):
    return {"errorCode": code, "errorInfo": ERRORS[code]}


def template_token(individual_id, bio_type, bio_sub_type):
    """The synthetic biometric of a demo person (what the ID service simulator matches)."""
    return f"DEMO|{individual_id}|{bio_type}|{bio_sub_type or 'Face'}".encode()


class Simulator:
    def __init__(self, profile, state_dir, ida_certificate=None, base_url=""):
        self.profile = profile
        self.base_url = base_url
        self.ida_certificate = Path(ida_certificate) if ida_certificate else None
        self.lock = threading.Lock()
        self.capturing = set()
        self.devices = {d["deviceId"]: self._device_defaults(d) for d in profile.get("devices", [])}
        self.presented = {"individualId": profile.get("presented"), "quality": None}
        self.ca_key, self.ca_cert = crypto.load_or_create_pair(
            state_dir, "device-ca", "G2P demo device provider CA", ca=True
        )
        issuer = (self.ca_key, self.ca_cert)
        self.device_key, self.device_cert = crypto.load_or_create_pair(
            state_dir, "device", "G2P demo device key", issuer=issuer
        )
        self.ftm_key, self.ftm_cert = crypto.load_or_create_pair(
            state_dir, "ftm", "G2P demo FTM chip key", issuer=issuer
        )

    @staticmethod
    def _device_defaults(device):
        d = {
            "status": "Ready",
            "certification": "L1",
            "purpose": "Auth",
            "deviceSubId": [0],
            "firmware": "1.0.0",
            "error": None,
            "make": "G2P Demo",
            "model": "SIM-1",
            "serialNo": "000000000001",
            "deviceCode": device["deviceId"],
            "quality": None,
            **device,
        }
        if d["type"] not in TYPES or d["status"] not in STATUSES or d["error"] not in INJECTABLE:
            raise ValueError(f"bad device in profile: {device}")
        return d

    # -- admin (simulator only) -------------------------------------------------------------
    def present(self, individual_id, quality=None, device_id=None):
        if quality is not None and not (isinstance(quality, (int, float)) and 0 <= quality <= 100):
            raise ValueError("quality must be a number between 0 and 100")
        if individual_id is not None and not isinstance(individual_id, str):
            raise ValueError("individualId must be text or null")
        with self.lock:
            if device_id:
                self._device(device_id)["presented"] = {"individualId": individual_id, "quality": quality}
            else:
                self.presented = {"individualId": individual_id, "quality": quality}
        return self.state()

    def set_device(self, device_id, changes):
        with self.lock:
            device = self._device(device_id)
            merged = {**device, **{k: v for k, v in changes.items() if k != "deviceId"}}
            self.devices[device_id] = self._device_defaults(merged)
        return self.state()

    def state(self):
        return {"presented": self.presented, "devices": copy.deepcopy(list(self.devices.values()))}

    def _device(self, device_id):
        if device_id not in self.devices:
            raise SbiError("106")
        return self.devices[device_id]

    # -- identity of a device ---------------------------------------------------------------
    def _status(self, d):
        if d["error"] == "notRegistered":
            return "Not Registered"
        if d["error"] == "notReady":
            return "Not Ready"
        if d["error"] == "busy" or d["deviceId"] in self.capturing:
            return "Busy"
        return d["status"]

    def _digital_id(self, d):
        return {
            "serialNo": d["serialNo"],
            "make": d["make"],
            "model": d["model"],
            "type": d["type"],
            "deviceSubType": d["deviceSubType"],
            "deviceProvider": self.profile.get("deviceProvider", "G2P Demo Devices"),
            "deviceProviderId": self.profile.get("deviceProviderId", "G2P.DEMO"),
            "dateTime": crypto.now_iso(),
        }

    def _signed_digital_id(self, d):
        # L1: signed by the FTM chip key; L0: by the device key (spec "Digital ID").
        key, cert = (
            (self.ftm_key, self.ftm_cert)
            if d["certification"] != "L0"
            else (self.device_key, self.device_cert)
        )
        return crypto.jws_sign(self._digital_id(d), key, [cert, self.ca_cert])

    def _registered(self, d):
        return self._status(d) != "Not Registered"

    # -- MOSIPDISC --------------------------------------------------------------------------
    def discover(self, request):
        wanted = (request or {}).get("type", "Biometric Device")
        if wanted != "Biometric Device" and wanted not in TYPES:
            return [
                {
                    "deviceId": "",
                    "deviceStatus": "",
                    "certification": "",
                    "serviceVersion": "",
                    "deviceSubId": [],
                    "callbackId": "",
                    "digitalId": "",
                    "deviceCode": "",
                    "specVersion": [],
                    "purpose": "",
                    "error": {"errorCode": "101", "errorInfo": "Invalid JSON Value Type For Discovery.."},
                }
            ]
        result = []
        for d in self.devices.values():
            if wanted not in ("Biometric Device", d["type"]):
                continue
            registered = self._registered(d)
            result.append(
                {
                    "deviceId": d["deviceId"],
                    "deviceStatus": self._status(d),
                    "certification": d["certification"],
                    "serviceVersion": SPEC_VERSION,
                    "deviceSubId": d["deviceSubId"],
                    "callbackId": self.base_url,
                    "digitalId": crypto.b64url(json.dumps(self._digital_id(d)).encode()),
                    "deviceCode": d["deviceCode"] if registered else "",
                    "specVersion": [SPEC_VERSION],
                    "purpose": d["purpose"] if registered else "",
                    "error": error("0") if registered else error("100"),
                }
            )
        return result

    # -- MOSIPDINFO -------------------------------------------------------------------------
    def info(self):
        result = []
        for d in self.devices.values():
            registered = self._registered(d)
            info = {
                "deviceStatus": self._status(d),
                "deviceId": d["deviceId"],
                "firmware": d["firmware"],
                "certification": d["certification"],
                "serviceVersion": SPEC_VERSION,
                "deviceSubId": d["deviceSubId"],
                "callbackId": self.base_url,
                "deviceCode": d["deviceCode"] if registered else "",
                "env": self.profile.get("env", "Developer") if registered else "None",
                "purpose": d["purpose"] if registered else "",
                "specVersion": [SPEC_VERSION],
            }
            if registered:
                info["digitalId"] = self._signed_digital_id(d)
                key, cert = self.device_key, self.device_cert
                result.append(
                    {"deviceInfo": crypto.jws_sign(info, key, [cert, self.ca_cert]), "error": error("0")}
                )
            else:
                info["digitalId"] = crypto.b64url(json.dumps(self._digital_id(d)).encode())
                result.append({"deviceInfo": crypto.b64url(json.dumps(info).encode()), "error": error("100")})
        return result

    # -- CAPTURE / RCAPTURE -----------------------------------------------------------------
    def capture(self, request, registration=False):
        """The capture response (a dict with ``biometrics``); errors as spec'd: one entry with
        an ``error`` and empty data."""
        try:
            return {"biometrics": self._capture(request, registration)}
        except SbiError as e:
            return {
                "biometrics": [
                    {
                        "specVersion": SPEC_VERSION,
                        "data": "",
                        "hash": "",
                        "sessionKey": "",
                        "thumbprint": "",
                        "error": error(e.code),
                    }
                ]
            }

    def _capture(self, request, registration):
        if not isinstance(request, dict) or not isinstance(request.get("bio"), list) or not request["bio"]:
            raise SbiError("505")
        transaction_id = request.get("transactionId")
        if not isinstance(transaction_id, str) or not TRANSACTION_ID.match(transaction_id):
            raise SbiError("501")
        purpose = "Registration" if registration else "Auth"
        if request.get("purpose", purpose) != purpose:
            raise SbiError("504")
        try:
            timeout_ms = float(request.get("timeout", 10000))
        except (TypeError, ValueError):
            raise SbiError("505")
        bios = request["bio"]
        for bio in bios:
            if not isinstance(bio, dict):
                raise SbiError("505")
        devices = [self._device(str(bio.get("deviceId", ""))) for bio in bios]
        with self.lock:
            for d in devices:
                if self._status(d) == "Not Registered":
                    raise SbiError("100")
                if self._status(d) == "Not Ready":
                    raise SbiError("503")
                if self._status(d) == "Busy":
                    raise SbiError("502")
                if d["purpose"] != purpose:
                    raise SbiError("504")
            self.capturing.update(d["deviceId"] for d in devices)
        try:
            return self._capture_locked(request, bios, devices, registration, timeout_ms, transaction_id)
        finally:
            with self.lock:
                self.capturing.difference_update(d["deviceId"] for d in devices)

    def _capture_locked(self, request, bios, devices, registration, timeout_ms, transaction_id):
        if any(d["error"] == "timeout" for d in devices):
            time.sleep(min(max(timeout_ms, 0), self.profile.get("maxTimeoutWaitMs", 3000)) / 1000)
            raise SbiError("801" if registration else "701")
        ida_cert = None
        if not registration:
            if not self.ida_certificate or not self.ida_certificate.is_file():
                raise SbiError("108")
            ida_cert = crypto.load_cert(self.ida_certificate.read_bytes())
        entries = []
        for bio, d in zip(bios, devices, strict=False):
            previous = bio.get("previousHash") or (entries[-1]["hash"] if entries else crypto.EMPTY_HASH)
            for sub_type in self._sub_types(bio, d):
                entry = self._entry(
                    request, bio, d, sub_type, previous, registration, ida_cert, transaction_id
                )
                entries.append(entry)
                previous = entry["hash"]
        return entries

    @staticmethod
    def _sub_types(bio, d):
        bio_type = bio.get("type")
        if bio_type != d["type"]:
            raise SbiError("505")
        subs = bio.get("bioSubType") or []
        if not isinstance(subs, list) or any(s not in SUBTYPES[bio_type] for s in subs):
            raise SbiError("505")
        try:
            count = int(bio.get("count", len(subs) or 1))
        except (TypeError, ValueError):
            raise SbiError("505")
        if count < 1 or count > MAX_COUNT[bio_type] or (subs and len(subs) != count):
            raise SbiError("109")
        if bio_type == "Face":
            return [""]
        return subs or ["UNKNOWN"] * count

    def _quality(self, d, person):
        presented = d.get("presented") or self.presented
        if presented.get("quality") is not None:
            return float(presented["quality"])
        identity = self.profile.get("identities", {}).get(person) or {}
        for value in (identity.get("quality"), d.get("quality"), self.profile.get("defaultQuality", 80)):
            if value is not None:
                return float(value)

    def _entry(self, request, bio, d, sub_type, previous, registration, ida_cert, transaction_id):
        presented = d.get("presented") or self.presented
        person = presented.get("individualId")
        if not person:
            raise SbiError("101")
        value = template_token(person, d["type"], sub_type)
        timestamp = crypto.now_iso()
        signed_transaction = transaction_id + "-X" if d["error"] == "wrongTransactionId" else transaction_id
        try:
            requested = float(bio.get("requestedScore", 0))
        except (TypeError, ValueError):
            raise SbiError("505")
        data = {
            "digitalId": self._signed_digital_id(d),
            "bioType": d["type"],
            "bioSubType": sub_type,
            "purpose": "Registration" if registration else "Auth",
            "env": request.get("env", self.profile.get("env", "Developer")),
            "domainUri": request.get("domainUri", ""),
            "bioValue": None,
            "transactionId": signed_transaction,
            "timestamp": timestamp,
            "requestedScore": requested,
            "qualityScore": self._quality(d, person),
            "deviceServiceVersion": SPEC_VERSION,
            "deviceCode": d["deviceCode"],
        }
        entry = {
            "specVersion": SPEC_VERSION,
            "data": None,
            "hash": crypto.chain_hash(previous, value),
            "error": error("0"),
        }
        if registration:
            data["bioValue"] = crypto.b64url(value)
            del data["domainUri"]
        else:
            data["bioValue"], entry["sessionKey"] = crypto.sbi_encrypt(
                value, ida_cert, timestamp, signed_transaction
            )
            entry["thumbprint"] = crypto.thumbprint_hex(ida_cert)
        entry["data"] = crypto.jws_sign(data, self.device_key, [self.device_cert, self.ca_cert])
        return entry
