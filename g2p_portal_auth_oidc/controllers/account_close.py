# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A registrant closes their portal account by signing in again with their ID provider.

The button on /my/security POSTs here (CSRF); we send the person to the provider their
account is linked to with ``prompt=login`` and ``max_age=0``. The callback checks every
token as the portal sign-in does, signs nobody in, and closes the account only when the
provider confirmed the same person (``sub``) the account is linked to, in this session,
within minutes. Each attempt has its own state, nonce and PKCE verifier, used once."""

import logging

from werkzeug.urls import url_decode, url_encode

from odoo import _, http
from odoo.exceptions import AccessDenied
from odoo.http import request

from ..oidc import OIDCError, attempts, flow, jose

_logger = logging.getLogger(__name__)

SESSION_CLOSES = "g2p_oidc_account_close"
SESSION_CLOSED = "g2p_oidc_account_closed"
CALLBACK = "/my/account/close/callback"
CLOSE_TTL = 600
MAX_CLOSES = 3
# Clock difference tolerated between the provider's auth_time and ours.
AUTH_TIME_SKEW = 60


class G2PAccountCloseController(http.Controller):
    def _page(self, result, message, status=200):
        values = {"result": result, "message": message}
        return request.render("g2p_portal_auth_oidc.account_close_result", values, status=status)

    def _refused(self, reason, detail, message=None, status=400):
        _logger.warning("Account closing refused (%s): %s", reason, " ".join(str(detail or "-").split()))
        message = message or _(
            "We could not confirm that it is you, so your account was not closed. "
            "Nothing was changed. You can try again from Connection & Security."
        )
        return self._page("refused", message, status=status)

    @http.route("/my/account/close", type="http", auth="user", methods=["POST"], website=True, sitemap=False)
    def start(self, **kw):
        # A POST route of type http: Odoo checks the CSRF token before we get here.
        user = request.env.user
        if not user._g2p_closes_account_with_id():
            return self._refused("unavailable", f"user {user.id}", status=403)
        provider = user.sudo().oauth_provider_id
        state, nonce = jose.random_token(), jose.random_token()
        verifier, challenge = jose.pkce_pair()
        # From the configured site URL, never the request's Host header.
        redirect_uri = flow.base_url(request.env) + CALLBACK
        try:
            url = provider._oidc_authorization_url(
                state, nonce, challenge, lang=request.env.lang, redirect_uri=redirect_uri
            )
        except OIDCError as e:
            return self._refused(
                e.reason,
                f"{provider.name}: {e.detail}",
                _("The sign-in service is not available right now. Your account was not closed."),
                status=502,
            )
        # A fresh sign-in, whatever the provider's session or the portal's settings say.
        endpoint, _sep, query = url.partition("?")
        params = url_decode(query).to_dict()
        params.update(prompt="login", max_age="0")
        attempts.remember(
            request.session,
            SESSION_CLOSES,
            state,
            {
                "provider_id": provider.id,
                "nonce": nonce,
                "verifier": verifier,
                "redirect_uri": redirect_uri,
                "uid": user.id,
            },
            CLOSE_TTL,
            MAX_CLOSES,
        )
        return request.redirect(endpoint + "?" + url_encode(params), code=303, local=False)

    @http.route(CALLBACK, type="http", auth="user", methods=["GET"], website=True, sitemap=False)
    def callback(self, state=None, code=None, error=None, iss=None, **kw):
        user = request.env.user
        # Spent whatever happens next: a state works once.
        attempt = attempts.take(request.session, SESSION_CLOSES, state, CLOSE_TTL, user.id)
        if not attempt:
            return self._refused(
                "invalid_state",
                "state unknown to this session, used or expired",
                _("This link has expired or was already used. Your account was not closed. Start again."),
            )
        provider = user.sudo().oauth_provider_id
        if not user._g2p_closes_account_with_id() or provider.id != attempt["provider_id"]:
            return self._refused("unavailable", f"user {user.id}", status=403)
        try:
            if error:
                raise OIDCError(
                    "access_denied" if error == "access_denied" else "provider_error", str(error)[:64]
                )
            if iss is None and provider._oidc_requires_iss():
                raise OIDCError("wrong_issuer", "no iss parameter")
            if iss is not None and iss != provider.oidc_issuer:
                raise OIDCError("wrong_issuer", f"iss parameter {iss!r}")
            if not code or not isinstance(code, str):
                raise OIDCError("invalid_response", "no code")
            tokens = provider._oidc_exchange_code(
                code, attempt["verifier"], redirect_uri=attempt["redirect_uri"]
            )
            id_claims = provider._oidc_validate_id_token(tokens, attempt["nonce"])
            # max_age=0: the provider must say when the person signed in, and it must be now.
            auth_time = id_claims.get("auth_time")
            if (
                isinstance(auth_time, bool)
                or not isinstance(auth_time, (int, float))
                or auth_time < attempt["at"] - AUTH_TIME_SKEW
            ):
                raise OIDCError("stale_authentication", f"auth_time {auth_time!r}")
            sub = id_claims.get("sub")
            if not isinstance(sub, str) or not sub:
                raise OIDCError("invalid_claims", "no sub")
        except OIDCError as e:
            if e.reason == "access_denied":
                return self._refused(
                    e.reason,
                    provider.name,
                    _("You did not finish signing in with your ID provider, so your account was not closed."),
                    status=403,
                )
            status = 502 if e.reason in ("provider_unreachable", "provider_error") else 400
            return self._refused(e.reason, f"{provider.name}: {e.detail}", status=status)
        except (TypeError, ValueError, KeyError, AttributeError) as e:
            _logger.exception("Account closing: unexpected provider data from %s", provider.name)
            return self._refused("invalid_response", f"{provider.name}: {type(e).__name__}")
        try:
            user._g2p_close_account_after_id_check(provider, sub)
        except AccessDenied:
            return self._refused(
                "other_person",
                f"{provider.name}: another sub than the one linked to user {user.id}",
                _(
                    "You signed in with another ID than the one linked to this account, so "
                    "your account was not closed. Nothing was changed."
                ),
                status=403,
            )
        request.session.logout(keep_db=True)
        # The confirmation is shown once, to the browser that closed the account.
        request.session[SESSION_CLOSED] = True
        return request.redirect("/my/account/closed", code=303)

    @http.route(
        "/my/account/closed", type="http", auth="public", methods=["GET"], website=True, sitemap=False
    )
    def closed(self, **kw):
        if not request.session.pop(SESSION_CLOSED, False):
            return request.redirect("/web/login", code=303)
        return self._page(
            "closed",
            _(
                "Your account is closed and you are signed out. Your record in the social registry, "
                "your applications and your payments stay on record; an officer can help you with them."
            ),
        )
