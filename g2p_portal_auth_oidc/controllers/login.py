# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from werkzeug.urls import url_encode

from odoo import http
from odoo.addons.auth_oauth.controllers.main import OAuthLogin
from odoo.addons.web.controllers.session import Session
from odoo.http import request

from ..oidc import flow
from .oidc import SESSION_LOGOUT, safe_redirect

_logger = logging.getLogger(__name__)


class G2POidcLogin(OAuthLogin):
    def list_providers(self):
        """OpenID Connect providers start at our sign-in route (code flow, PKCE, state and
        nonce per attempt); only those enabled for registrant sign-in are listed."""
        # Archived providers are left out by auth_oauth's search already.
        providers = super().list_providers()
        oidc = {
            p.id: p
            for p in request.env["auth.oauth.provider"]
            .sudo()
            .search([("id", "in", [p["id"] for p in providers]), ("oidc_flow", "=", "oidc_code")])
        }
        listed = []
        for provider in providers:
            record = oidc.get(provider["id"])
            if record is None:
                listed.append(provider)
                continue
            if not record.oidc_self_service:
                continue
            params = {}
            redirect = safe_redirect(request.params.get("redirect"))
            if redirect:
                params["redirect"] = redirect
            provider["auth_link"] = f"/auth_oidc/signin/{record.id}" + (
                f"?{url_encode(params)}" if params else ""
            )
            provider["g2p_oidc"] = True
            listed.append(provider)
        return listed


class G2POidcSession(Session):
    @http.route()
    def logout(self, redirect="/web"):
        """Signs out here, then at the provider when the sign-in came from one that offers
        an end-session endpoint (RP-initiated logout)."""
        info = request.session.get(SESSION_LOGOUT)
        response = super().logout(redirect=redirect)
        if not info or not request.db:
            return response
        provider = request.env["auth.oauth.provider"].sudo().browse(info.get("provider_id")).exists()
        if not provider or not provider.oidc_logout:
            return response
        # The configured site URL, as registered at the provider (never the Host header).
        url = flow.end_session_url(provider, info.get("id_token"))
        if not url:
            return response
        return request.redirect(url, code=303, local=False)
