# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Direct verification with the ID authentication service.

The browser sends the device's CAPTURE response untouched; the server checks its shape
and size, asks the configured adapter and records the attempt (never the biometric data)."""

import base64
import binascii
import json
import logging
import secrets
import time
from datetime import timedelta

from odoo import _, _lt, fields, http
from odoo.exceptions import UserError
from odoo.http import request

from ..ida import IdaBadInput, IdaBadResponse, IdaUnavailable
from .assist import G2PAssistController
from .common import (
    SESSION_TRANSACTIONS,
    check_csrf,
    check_officer,
    int_param,
    record_id,
    remember_verified,
    text,
)

_logger = logging.getLogger(__name__)

TRANSACTION_TTL = 600
MAX_BIOMETRICS = 10
MAX_DATA = 256 * 1024
MAX_FIELD = 4096
ATTEMPT_WINDOW = timedelta(minutes=30)
BIOMETRIC_KEYS = frozenset({"specVersion", "data", "hash", "sessionKey", "thumbprint", "error"})


def b64url_json(segment):
    padded = segment + "=" * (-len(segment) % 4)
    try:
        value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        return {}
    return value if isinstance(value, dict) else {}


def jws_payload(token):
    """The (unverified) payload of a compact JWS, or of plain base64url JSON."""
    if not isinstance(token, str):
        return {}
    parts = token.split(".")
    return b64url_json(parts[1] if len(parts) == 3 else parts[0])


def check_biometrics(biometrics):
    """The CAPTURE response's ``biometrics`` array: its shape and size, before anything else."""
    if not isinstance(biometrics, list) or not 0 < len(biometrics) <= MAX_BIOMETRICS:
        raise IdaBadInput("biometrics: not a list of 1 to 10 captures")
    for item in biometrics:
        if not isinstance(item, dict) or not set(item) <= BIOMETRIC_KEYS:
            raise IdaBadInput("biometrics: unexpected capture shape")
        for key in ("specVersion", "data", "hash", "sessionKey", "thumbprint"):
            value = item.get(key)
            if not isinstance(value, str) or len(value) > (MAX_DATA if key == "data" else MAX_FIELD):
                raise IdaBadInput(f"biometrics: {key} missing or too large")
        error = item.get("error") or {}
        if not isinstance(error, dict) or str(error.get("errorCode", "0")) != "0":
            raise IdaBadInput("biometrics: the device reported an error for a capture")
    return biometrics


def capture_summary(payloads, min_quality):
    """Device and modalities from the verified captures (what the audit keeps; no biometric data)."""
    device, modalities, quality = {}, [], []
    for payload in payloads:
        digital_id = jws_payload(payload.get("digitalId"))
        device = device or digital_id
        subtype = payload.get("bioSubType") or ""
        modalities.append(f"{payload.get('bioType') or '?'}: {subtype or '-'}")
        score = payload.get("qualityScore")
        quality.append(f"{subtype or payload.get('bioType') or '?'} {score}/{min_quality}")
    return {
        "device_serial": str(device.get("serialNo") or "")[:64],
        "device_make": str(device.get("make") or "")[:64],
        "device_model": str(device.get("model") or "")[:64],
        "device_provider": str(device.get("deviceProvider") or "")[:128],
        "device_type": str(device.get("type") or "")[:32],
        "device_sub_type": str(device.get("deviceSubType") or "")[:32],
        "modalities": ", ".join(modalities)[:256],
        "quality": ", ".join(quality)[:256],
    }


MESSAGES = {
    "match": _lt("Identity confirmed: the capture matches this ID."),
    "no_match": _lt("The capture does not match this ID. Check the ID number, then capture again."),
    "refused": _lt(
        "The ID authentication service refused the request (%(code)s). The ID stays unverified; "
        "tell your supervisor if this happens again."
    ),
    "unavailable": _lt(
        "The ID authentication service cannot be reached right now. The ID stays unverified; "
        "try again in a few minutes."
    ),
    "bad_response": _lt(
        "The ID authentication service gave an answer that could not be trusted. The ID stays "
        "unverified; try again, and tell your supervisor if this happens again."
    ),
    "bad_input": _lt(
        "The capture was refused: it is incomplete, altered or from an untrusted device. "
        "Capture again with the device."
    ),
    "too_many": _lt(
        "Too many captures for this person. Stop here and verify their identity another way, "
        "or try again later."
    ),
    "expired": _lt("This capture session expired. Capture again."),
    "no_service": _lt("No ID authentication service is configured. Ask an administrator."),
    "no_consent": _lt("Record the person's consent before verifying."),
}


class G2PVerifyController(http.Controller):
    @http.route("/g2p_biometric/transaction", type="json", auth="user", methods=["POST"])
    def transaction(self, csrf_token=None, reg_id_id=None, **_unused):
        """A fresh transaction ID for the next CAPTURE of this ID (the device signs it in)."""
        check_officer()
        check_csrf(csrf_token)
        reg_id = self._reg_id(reg_id_id)
        left = self._attempts_left(reg_id)
        txn = str(secrets.randbelow(9 * 10**9) + 10**9)
        now = time.time()
        transactions = {
            k: v
            for k, v in (request.session.get(SESSION_TRANSACTIONS) or {}).items()
            if now - v["at"] < TRANSACTION_TTL
        }
        transactions[txn] = {"reg_id": reg_id.id, "at": now}
        request.session[SESSION_TRANSACTIONS] = dict(list(transactions.items())[-20:])
        return {"transaction_id": txn, "attempts_left": left}

    def _reg_id(self, reg_id_id):
        reg_id = request.env["g2p.reg.id"].browse(record_id(reg_id_id)).exists()
        if not reg_id or not reg_id.partner_id.is_registrant:
            raise UserError(_("This ID does not exist."))
        if reg_id.status in ("revoked", "invalid"):
            raise UserError(_("This ID is recorded as revoked or invalid: it cannot be verified."))
        return reg_id

    def _attempts_left(self, reg_id):
        maximum = int_param("max_attempts", 3, 1, 10)
        since = fields.Datetime.now() - ATTEMPT_WINDOW
        used = (
            request.env["g2p.biometric.attempt"]
            .sudo()
            .search_count(
                [
                    ("reg_id_id", "=", reg_id.id),
                    ("officer_id", "=", request.env.uid),
                    ("create_date", ">=", since),
                    ("result", "in", ("no_match", "refused")),
                ]
            )
        )
        return max(0, maximum - used)

    @http.route("/g2p_biometric/verify", type="json", auth="user", methods=["POST"])
    def verify(
        self,
        csrf_token=None,
        reg_id_id=None,
        transaction_id=None,
        biometrics=None,
        consent=None,
        certification=None,
        **_unused,
    ):
        officer = check_officer()
        check_csrf(csrf_token)
        reg_id = self._reg_id(reg_id_id)
        certification = text(certification, 16, _("Certification"))
        transactions = dict(request.session.get(SESSION_TRANSACTIONS) or {})
        issued = transactions.pop(transaction_id, None) if isinstance(transaction_id, str) else None
        request.session[SESSION_TRANSACTIONS] = transactions
        base = {
            "officer_id": officer.id,
            "partner_id": reg_id.partner_id.id,
            "reg_id_id": reg_id.id,
            "id_type_id": reg_id.id_type.id,
            "individual_id": reg_id.value,
            "method": "ida",
            "transaction_id": transaction_id if issued else False,
            "device_certification": certification or False,
            "consent": consent is True,
            "consent_at": fields.Datetime.now() if consent is True else False,
        }
        Attempt = request.env["g2p.biometric.attempt"]
        if consent is not True:
            return self._outcome(
                Attempt._g2p_log(dict(base, result="refused", reason="no_consent")), "no_consent"
            )
        if not issued or issued["reg_id"] != reg_id.id or time.time() - issued["at"] > TRANSACTION_TTL:
            return self._outcome(Attempt._g2p_log(dict(base, result="refused", reason="expired")), "expired")
        if not self._attempts_left(reg_id):
            return self._outcome(
                Attempt._g2p_log(dict(base, result="refused", reason="too_many")), "too_many"
            )
        adapter = G2PAssistController()._adapter()
        if not adapter or adapter.id_type_id != reg_id.id_type or not adapter._g2p_ready():
            return self._outcome(
                Attempt._g2p_log(dict(base, result="error", reason="no_service")), "no_service"
            )
        base["adapter_id"] = adapter.id
        min_quality = int_param("min_quality", 40, 0, 100)
        started = time.monotonic()
        try:
            check_biometrics(biometrics)
            payloads = adapter._g2p_check_capture(biometrics, transaction_id)
            base.update(capture_summary(payloads, min_quality))
            result = adapter._g2p_authenticate(reg_id.value, biometrics, transaction_id, True)
        except IdaBadInput as error:
            return self._failed(base, started, "refused", "bad_input", error)
        except IdaUnavailable as error:
            return self._failed(base, started, "error", "unavailable", error)
        except IdaBadResponse as error:
            return self._failed(base, started, "error", "bad_response", error)
        except (ValueError, TypeError) as error:
            # A certificate or key of the service's configuration that cannot be used.
            return self._failed(base, started, "error", "no_service", error)
        base["duration_ms"] = int((time.monotonic() - started) * 1000)
        status = result.status if result.status in ("match", "no_match") else "refused"
        if status == "match" and not result.matched:
            status = "refused"
        attempt = Attempt._g2p_log(dict(base, result=status, reason=result.error_code or status))
        _logger.info(
            "Biometric verification %s: officer %s, ID %s, result %s %s",
            attempt.id,
            officer.id,
            reg_id.id,
            status,
            result.error_code or "",
        )
        if status == "match":
            reg_id._g2p_mark_biometric(attempt, adapter.name)
            identity = getattr(result, "identity", None)
            if identity:
                reg_id.partner_id._g2p_apply_kyc(identity, adapter.name)
            remember_verified(reg_id.partner_id.id, attempt.id)
        return self._outcome(attempt, status, code=result.error_code or "-")

    def _failed(self, base, started, result, reason, error):
        base["duration_ms"] = int((time.monotonic() - started) * 1000)
        attempt = request.env["g2p.biometric.attempt"]._g2p_log(dict(base, result=result, reason=reason))
        # The error text names the failed check, never the capture's content.
        _logger.warning("Biometric verification %s failed (%s): %s", attempt.id, reason, error)
        return self._outcome(attempt, reason)

    def _outcome(self, attempt, key, code="-"):
        message = str(MESSAGES[key]) % {"code": code} if key == "refused" else str(MESSAGES[key])
        attempt.sudo().write({"message": str(message)[:256]})
        return {
            "attempt_id": attempt.id,
            "result": attempt.result,
            "reason": key,
            "matched": attempt.result == "match",
            "message": str(message),
            "partner_id": attempt.partner_id.id,
            "attempts_left": self._attempts_left(attempt.reg_id_id) if attempt.reg_id_id else 0,
        }
