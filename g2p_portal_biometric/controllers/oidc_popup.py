# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Verification through the OpenID provider, in a popup of the officer's screen.

The popup signs the PERSON in at the provider with the biometrics acr; the callback checks
every token as the portal sign-in does (g2p_portal_auth_oidc), but logs nobody in: it records
the verification, bound to the attempt started here, and tells the opener (postMessage to
this site's origin only). The officer's own session is left as it was."""

import hashlib
import json
import logging
import time

from werkzeug.urls import url_decode, url_encode

from odoo import _, fields, http
from odoo.addons.g2p_portal_auth_oidc.oidc import OIDCError, attempts, flow, jose
from odoo.exceptions import UserError
from odoo.http import request

from ..models.auth_oauth_provider import BIOMETRIC_ACR
from ..models.g2p_reg_id import ASSISTED_OFFICER_GROUP
from .common import check_csrf, check_officer, int_param, record_id, remember_verified

_logger = logging.getLogger(__name__)

SESSION_POPUPS = "g2p_biometric_oidc"
CALLBACK = "/g2p_biometric/oidc/callback"
POPUP_TTL = 600
MAX_POPUPS = 5


def state_hash(state):
    return hashlib.sha256(state.encode()).hexdigest()


class G2PBiometricOidcController(http.Controller):
    def _provider(self):
        provider_id = int_param("provider_id", 0, 0, 2**31 - 1)
        provider = request.env["auth.oauth.provider"].sudo().browse(provider_id).exists()
        if not provider or not provider.enabled or provider.oidc_flow != "oidc_code":
            return None
        return provider

    def _page(self, result, message, attempt=None, status=200):
        payload = {
            "type": "g2p_biometric_oidc",
            "result": result,
            "message": str(message),
            "attempt_id": attempt.id if attempt else False,
            "partner_id": attempt.partner_id.id if attempt and attempt.partner_id else False,
        }
        values = {
            "message": str(message),
            "payload": json.dumps(payload),
            "origin": request.httprequest.host_url.rstrip("/"),
        }
        return request.render("g2p_portal_biometric.oidc_popup_result", values, status=status)

    @http.route("/g2p_biometric/oidc/start", type="http", auth="user", methods=["GET"], sitemap=False)
    def start(self, reg_id_id=None, consent=None, csrf_token=None, **kw):
        if not request.env.user.has_group(ASSISTED_OFFICER_GROUP):
            return request.not_found()
        # A GET that starts something: only the officer's own screen may open it.
        if not isinstance(csrf_token, str) or not request.validate_csrf(csrf_token):
            return self._page(
                "refused", _("Your session has expired. Reload the page and try again."), status=403
            )
        try:
            reg_id = request.env["g2p.reg.id"].browse(record_id(reg_id_id)).exists()
        except UserError:
            reg_id = None
        if not reg_id or not reg_id.partner_id.is_registrant:
            return self._page("refused", _("This ID does not exist."), status=404)
        Attempt = request.env["g2p.biometric.attempt"]
        provider = self._provider()
        base = {
            "partner_id": reg_id.partner_id.id,
            "reg_id_id": reg_id.id,
            "id_type_id": reg_id.id_type.id,
            "individual_id": reg_id.value,
            "method": "oidc",
            "consent": consent == "1",
            "consent_at": fields.Datetime.now() if consent == "1" else False,
        }
        if consent != "1":
            attempt = Attempt._g2p_log(dict(base, result="refused", reason="no_consent"))
            return self._page("refused", _("Record the person's consent before verifying."), attempt, 400)
        if not provider:
            attempt = Attempt._g2p_log(dict(base, result="error", reason="no_provider"))
            return self._page("error", _("No OpenID provider is configured for biometrics."), attempt, 503)
        state, nonce = jose.random_token(), jose.random_token()
        verifier, challenge = jose.pkce_pair()
        # From the configured site URL, never the request's Host header.
        redirect_uri = flow.base_url(request.env) + CALLBACK
        attempt = Attempt._g2p_log(
            dict(
                base,
                provider_id=provider.id,
                transaction_id=state_hash(state)[:16],
                oidc_state_hash=state_hash(state),
            )
        )
        try:
            url = provider._oidc_authorization_url(
                state,
                nonce,
                challenge,
                login_hint=reg_id.value,
                lang=request.env.lang,
                redirect_uri=redirect_uri,
            )
        except OIDCError as error:
            attempt.sudo().write({"result": "error", "reason": error.reason})
            _logger.warning("Biometric OIDC attempt %s: no authorization URL: %s", attempt.id, error)
            return self._page("error", _("The sign-in service is not available right now."), attempt, 502)
        # The popup asks for biometrics and a fresh sign-in, whatever the portal asks for.
        base_url, _sep, query = url.partition("?")
        params = url_decode(query).to_dict()
        params.update(acr_values=BIOMETRIC_ACR, prompt="login")
        attempts.remember(
            request.session,
            SESSION_POPUPS,
            state,
            {
                "attempt_id": attempt.id,
                "nonce": nonce,
                "verifier": verifier,
                "redirect_uri": redirect_uri,
                "uid": request.env.uid,
            },
            POPUP_TTL,
            MAX_POPUPS,
        )
        return request.redirect(base_url + "?" + url_encode(params), code=303, local=False)

    @http.route(CALLBACK, type="http", auth="user", methods=["GET"], sitemap=False)
    def callback(self, state=None, code=None, error=None, iss=None, **kw):
        popup = attempts.take(request.session, SESSION_POPUPS, state, POPUP_TTL, request.env.uid)
        if not popup:
            _logger.warning("Biometric OIDC callback with an unknown, used or expired state")
            return self._page(
                "refused", _("This verification has expired or was already used. Start again."), status=400
            )
        Attempt = request.env["g2p.biometric.attempt"].sudo()
        attempt = Attempt.browse(popup["attempt_id"]).exists()
        if not attempt or attempt.result != "pending" or attempt.oidc_state_hash != state_hash(state):
            return self._page(
                "refused", _("This verification has expired or was already used. Start again."), status=400
            )
        provider = attempt.provider_id
        started = time.monotonic()
        try:
            if error:
                raise OIDCError(
                    "access_denied" if error == "access_denied" else "provider_error", str(error)[:64]
                )
            if iss is not None and iss != provider.oidc_issuer:
                raise OIDCError("wrong_issuer", "iss parameter")
            if not code:
                raise OIDCError("invalid_response", "no code")
            provider = provider.with_context(g2p_biometric_acr=True)
            tokens = provider._oidc_exchange_code(code, popup["verifier"], popup["redirect_uri"])
            id_claims = provider._oidc_validate_id_token(tokens, popup["nonce"])
            if id_claims.get("acr") != BIOMETRIC_ACR:
                raise OIDCError("wrong_acr", f"acr {id_claims.get('acr')!r}")
            claims = provider._oidc_userinfo(tokens, id_claims)
        except OIDCError as e:
            attempt.write(
                {
                    "result": "error" if e.reason.startswith("provider") else "refused",
                    "reason": e.reason,
                    "duration_ms": int((time.monotonic() - started) * 1000),
                }
            )
            _logger.warning("Biometric OIDC attempt %s refused (%s): %s", attempt.id, e.reason, e.detail)
            message = (
                _("The person did not complete the sign-in at the ID provider. The ID stays unverified.")
                if e.reason == "access_denied"
                else _("The ID provider could not confirm this person's identity. The ID stays unverified.")
            )
            attempt.write({"message": str(message)})
            return self._page(attempt.result, message, attempt, status=400)
        id_value = claims.get(provider.oidc_id_claim or "sub")
        id_value = (
            str(id_value).strip()
            if isinstance(id_value, (str, int)) and not isinstance(id_value, bool)
            else ""
        )
        duration = int((time.monotonic() - started) * 1000)
        if id_value != attempt.individual_id or provider.oidc_id_type_id != attempt.id_type_id:
            message = _(
                "The person signed in with another ID than the one on screen. The ID stays unverified."
            )
            attempt.write(
                {"result": "no_match", "reason": "other_id", "message": str(message), "duration_ms": duration}
            )
            _logger.warning("Biometric OIDC attempt %s: the provider returned another ID", attempt.id)
            return self._page("no_match", message, attempt, status=400)
        message = _("Identity confirmed by %(provider)s with biometrics.", provider=provider.name)
        attempt.write(
            {"result": "match", "reason": "match", "message": str(message), "duration_ms": duration}
        )
        attempt.reg_id_id._g2p_mark_biometric(attempt, f"{provider.name} ({BIOMETRIC_ACR})")
        remember_verified(attempt.partner_id.id, attempt.id)
        _logger.info("Biometric OIDC attempt %s: match for ID %s", attempt.id, attempt.reg_id_id.id)
        return self._page("match", message, attempt)

    @http.route("/g2p_biometric/attempt", type="json", auth="user", methods=["POST"])
    def attempt(self, csrf_token=None, attempt_id=None, **_unused):
        """The recorded outcome of one of this officer's attempts (what the opener trusts)."""
        officer = check_officer()
        check_csrf(csrf_token)
        attempt = request.env["g2p.biometric.attempt"].search(
            [("id", "=", record_id(attempt_id)), ("officer_id", "=", officer.id)], limit=1
        )
        if not attempt:
            raise UserError(_("This verification does not exist."))
        return {
            "attempt_id": attempt.id,
            "result": attempt.result,
            "matched": attempt.result == "match",
            "message": attempt.message or "",
            "partner_id": attempt.partner_id.id,
        }
