# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
import time
from urllib.parse import urlsplit

from odoo import _, http
from odoo.addons.web.controllers.utils import _get_login_redirect_url
from odoo.exceptions import AccessDenied, UserError, ValidationError
from odoo.http import request

from ..oidc import OIDCError, flow, jose, log_redaction

_logger = logging.getLogger(__name__)
log_redaction.install()

SESSION_ATTEMPTS = "g2p_oidc_attempts"
SESSION_LOGOUT = "g2p_oidc_logout"
ATTEMPT_TTL = 600
MAX_ATTEMPTS = 5
DEFAULT_REDIRECT = "/my"


def safe_redirect(target):
    """``target`` when it is a path on this site, else None (no open redirect)."""
    if not target:
        return DEFAULT_REDIRECT
    if not isinstance(target, str) or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def error_message(reason):
    """What the person reads for each failure reason (the log keeps the detail)."""
    messages = {
        "access_denied": _(
            "You did not agree to share your information with us, so you are not signed in. "
            "You can try again whenever you wish."
        ),
        "provider_unreachable": _(
            "The sign-in service is not available right now. Please try again in a few minutes."
        ),
        "provider_error": _(
            "The sign-in service is not available right now. Please try again in a few minutes."
        ),
        "invalid_state": _("This sign-in link has expired or was already used. Please start again."),
        "unknown_id": _(
            "We could not find a registration for your ID. Please contact your programme office to register."
        ),
        "no_id": _("The sign-in service did not share your ID number, so we cannot find your registration."),
        "staff_account": _(
            "This ID belongs to a staff account. Please sign in with your username and password."
        ),
        "account_closed": _(
            "Your account on this portal is closed. Please contact your programme office to reopen it."
        ),
        "bad_redirect": _("This sign-in link is not valid. Please start again from the sign-in page."),
        "unavailable": _("This sign-in method is not available."),
        "invalid_profile": _(
            "Your information from the sign-in service could not be used. Please contact your programme office."
        ),
        "wrong_acr": _(
            "The sign-in service did not confirm your identity in a way this site accepts. "
            "Please try again and choose one of the offered sign-in methods."
        ),
        "id_not_valid": _(
            "Your ID is recorded as revoked or invalid in the registry, so you cannot sign in with it. "
            "Please contact your programme office."
        ),
        "too_many_attempts": _(
            "Too many sign-in attempts were made from this connection. Please wait a few minutes and try again."
        ),
    }
    return messages.get(reason) or _("We could not verify your sign-in. Please try again.")


class G2POidcController(http.Controller):
    def _error(self, reason, detail="", status=400):
        # The detail quotes the provider and the query string: kept to one line, so that it
        # cannot forge log lines an operator would act on.
        _logger.warning("OIDC sign-in refused (%s): %s", reason, " ".join(str(detail or "-").split()))
        values = {"message": error_message(reason), "reason": reason}
        return request.render("g2p_portal_auth_oidc.signin_error", values, status=status)

    def _login_cooldown(self):
        """Whether logins from this address are refused for now (repeated failures, kept in
        the database by res.users._assert_can_auth). Checked before the sign-in creates or
        changes anything: authenticate() runs after that work is committed."""
        failures = request.env["g2p.oidc.login.failure"].sudo()
        return failures._g2p_on_cooldown(request.httprequest.remote_addr)

    def _provider(self, provider_id):
        provider = request.env["auth.oauth.provider"].sudo().browse(int(provider_id)).exists()
        if not provider or not provider.active or not provider.enabled or provider.oidc_flow != "oidc_code":
            return None
        return provider

    @http.route(
        "/auth_oidc/signin/<int:provider_id>", type="http", auth="public", website=True, sitemap=False
    )
    def signin(self, provider_id, redirect=None, login_hint=None, **kw):
        provider = self._provider(provider_id)
        if not provider:
            return self._error("unavailable", f"provider {provider_id}", status=404)
        target = safe_redirect(redirect)
        if target is None:
            return self._error("bad_redirect", f"redirect {redirect!r}")
        state, nonce = jose.random_token(), jose.random_token()
        verifier, challenge = jose.pkce_pair()
        try:
            url = provider._oidc_authorization_url(
                state,
                nonce,
                challenge,
                login_hint=login_hint if isinstance(login_hint, str) else None,
                lang=request.env.lang,
            )
        except OIDCError as e:
            return self._error(e.reason, e.detail, status=502)
        now = time.time()
        attempts = {
            s: a
            for s, a in (request.session.get(SESSION_ATTEMPTS) or {}).items()
            if now - a["at"] < ATTEMPT_TTL
        }
        # Several tabs may sign in at once; each attempt has its own state, nonce and verifier.
        for old in sorted(attempts, key=lambda s: attempts[s]["at"])[
            : max(0, len(attempts) - MAX_ATTEMPTS + 1)
        ]:
            attempts.pop(old)
        attempts[state] = {
            "provider_id": provider.id,
            "nonce": nonce,
            "verifier": verifier,
            "redirect": target,
            "at": now,
        }
        request.session[SESSION_ATTEMPTS] = attempts
        return request.redirect(url, code=303, local=False)

    @http.route(
        "/auth_oidc/callback", type="http", auth="public", website=True, sitemap=False, methods=["GET"]
    )
    def callback(self, state=None, code=None, error=None, error_description=None, iss=None, **kw):
        attempts = dict(request.session.get(SESSION_ATTEMPTS) or {})
        attempt = attempts.pop(state, None) if isinstance(state, str) else None
        # The attempt is spent whatever happens next: a state works once.
        request.session[SESSION_ATTEMPTS] = attempts
        if not attempt or time.time() - attempt["at"] > ATTEMPT_TTL:
            return self._error("invalid_state", "state unknown to this session, used or expired")
        provider = self._provider(attempt["provider_id"])
        if not provider:
            return self._error("unavailable", f"provider {attempt['provider_id']}", status=404)
        if error:
            reason = "access_denied" if error == "access_denied" else "provider_error"
            return self._error(reason, f"{provider.name}: {error} {error_description or ''}", status=403)
        if iss is None and provider._oidc_requires_iss():
            return self._error("wrong_issuer", "no iss parameter, which the provider says it sends")
        if iss is not None and iss != provider.oidc_issuer:
            return self._error("wrong_issuer", f"iss parameter {iss!r}")
        if not code or not isinstance(code, str):
            return self._error("invalid_response", "no code")
        if self._login_cooldown():
            return self._error(
                "too_many_attempts", f"{provider.name}: login cooldown for this address", status=429
            )
        try:
            tokens = provider._oidc_exchange_code(code, attempt["verifier"])
            id_claims = flow.validate_id_token(provider, tokens, attempt["nonce"])
            claims = flow.userinfo(provider, tokens, id_claims)
            # login and the one-time key that lets authenticate() accept this sign-in; the
            # provider's access token itself is not kept.
            with request.env.cr.savepoint():
                login, session_key = request.env["res.users"].sudo()._g2p_oidc_signin(provider, claims)
        except OIDCError as e:
            status = 502 if e.reason in ("provider_unreachable", "provider_error") else 400
            return self._error(e.reason, f"{provider.name}: {e.detail}", status=status)
        except (ValidationError, UserError) as e:
            return self._error("invalid_profile", f"{provider.name}: {e}")
        except (TypeError, ValueError, KeyError, AttributeError) as e:
            # Every value from the provider is type-checked before use; this is the last line
            # of defence should one slip through: the error page, never a server error.
            _logger.exception("OIDC sign-in: unexpected provider data from %s", provider.name)
            return self._error("invalid_response", f"{provider.name}: {type(e).__name__}")
        # authenticate() reads the user in its own transaction.
        request.env.cr.commit()
        try:
            pre_uid = request.session.authenticate(request.db, login, session_key)
        except AccessDenied:
            return self._error("staff_account", f"{provider.name}: {login} cannot sign in")
        if provider.oidc_logout:
            request.session[SESSION_LOGOUT] = {"provider_id": provider.id, "id_token": tokens["id_token"]}
        _logger.info("OIDC: user %s signed in through %s", pre_uid, provider.name)
        # A second factor, when the account has one, still comes first.
        return request.redirect(_get_login_redirect_url(pre_uid, attempt["redirect"]), code=303)

    @http.route("/auth_oidc/jwks", type="http", auth="public", methods=["GET"], sitemap=False)
    def jwks(self):
        body = json.dumps(request.env["g2p.oidc.key"].sudo()._g2p_public_jwks())
        return request.make_response(
            body, headers=[("Content-Type", "application/json"), ("Cache-Control", "public, max-age=300")]
        )
