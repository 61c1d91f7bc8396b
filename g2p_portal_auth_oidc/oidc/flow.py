# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sign-in flow of one provider (an ``auth.oauth.provider`` record): its metadata,
the authorization request, the code exchange, the id_token and userinfo checks and the
end-session URL. The model keeps the configuration; this module does the protocol."""

import json
import logging
from datetime import timedelta

from werkzeug.urls import url_encode

from odoo import fields

from . import client, jose, jwks_cache
from .errors import OIDCError

_logger = logging.getLogger(__name__)

CALLBACK_PATH = "/auth_oidc/callback"
DISCOVERY_MAX_AGE = timedelta(hours=24)
# Claims about the token, not the person: never copied from userinfo over the id_token's.
TOKEN_CLAIMS = ("aud", "iat", "exp", "nbf", "iss")


def base_url(env):
    """The configured public URL of the site (never the request's Host header)."""
    return env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/")


def callback_uri(provider):
    """The portal sign-in's redirect URI."""
    return base_url(provider.env) + CALLBACK_PATH


def metadata(provider, refresh=False):
    """Endpoints of the provider: discovered (cached on the record for a day, refreshable)
    with any endpoint entered by hand taking precedence."""
    provider.ensure_one()
    found = {}
    if provider.oidc_use_discovery:
        stale = (
            not provider.oidc_metadata_date
            or fields.Datetime.now() - provider.oidc_metadata_date > DISCOVERY_MAX_AGE
        )
        if refresh or stale or not provider.oidc_metadata:
            found = client.discover(provider.oidc_issuer, provider.oidc_discovery_url or None)
            provider.sudo().write(
                {
                    "oidc_metadata": json.dumps(found, indent=2),
                    "oidc_metadata_date": fields.Datetime.now(),
                }
            )
        else:
            found = json.loads(provider.oidc_metadata)
    manual = {
        "authorization_endpoint": provider.auth_endpoint,
        "token_endpoint": provider.oidc_token_endpoint,
        "userinfo_endpoint": provider.oidc_userinfo_endpoint,
        "jwks_uri": provider.oidc_jwks_uri,
        "end_session_endpoint": provider.oidc_end_session_endpoint,
    }
    found.update({k: v for k, v in manual.items() if v})
    for required in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(found.get(required), str) or not found[required]:
            raise OIDCError("configuration", f"provider {provider.name}: no {required}")
    return found


def jwks_getter(provider, jwks_uri):
    return jwks_cache.getter((provider.env.cr.dbname, provider.id, jwks_uri), jwks_uri)


def forget_jwks(provider):
    jwks_cache.forget((provider.env.cr.dbname, provider.id))


def _extra_params(provider):
    text = provider.oidc_extra_params or ""
    return dict(p.split("=", 1) for p in text.split("&") if "=" in p)


def authorization_url(provider, state, nonce, code_challenge, login_hint=None, lang=None, redirect_uri=None):
    provider.ensure_one()
    found = metadata(provider)
    params = _extra_params(provider)
    params.update(
        response_type="code",
        client_id=provider.client_id,
        redirect_uri=redirect_uri or callback_uri(provider),
        scope=provider.scope or "openid",
        state=state,
        nonce=nonce,
        code_challenge=code_challenge,
        code_challenge_method="S256",
    )
    optional = {
        "acr_values": provider.oidc_acr_values,
        "claims": json.dumps(json.loads(provider.oidc_claims), separators=(",", ":"))
        if provider.oidc_claims
        else None,
        "claims_locales": provider.oidc_claims_locales,
        "ui_locales": provider.oidc_ui_locales or (lang or "").replace("_", "-") or None,
        "prompt": provider.oidc_prompt,
        "login_hint": login_hint,
    }
    params.update({k: v for k, v in optional.items() if v})
    endpoint = found["authorization_endpoint"]
    return endpoint + ("&" if "?" in endpoint else "?") + url_encode(params)


def requires_iss(provider):
    """RFC 9207: a provider that says it sends ``iss`` with the authorization response
    must send it (its absence may mean a mix-up attack)."""
    try:
        return metadata(provider).get("authorization_response_iss_parameter_supported") is True
    except OIDCError:
        return False


def client_assertion(provider, found):
    kid, pem = provider.env["g2p.oidc.key"]._g2p_signing_key(provider.oidc_assertion_alg)
    audience = (
        provider.oidc_issuer if provider.oidc_assertion_audience == "issuer" else found["token_endpoint"]
    )
    return jose.build_client_assertion(provider.client_id, audience, pem, provider.oidc_assertion_alg, kid)


def exchange_code(provider, code, code_verifier, redirect_uri=None):
    """The token response for an authorization code (our client authentication included)."""
    provider.ensure_one()
    found = metadata(provider)
    method = provider.oidc_client_auth_method
    return client.token_request(
        found["token_endpoint"],
        code=code,
        redirect_uri=redirect_uri or callback_uri(provider),
        code_verifier=code_verifier,
        client_id=provider.client_id,
        auth_method=method,
        client_secret=provider.sudo().oidc_client_secret if method != "private_key_jwt" else None,
        client_assertion=client_assertion(provider, found) if method == "private_key_jwt" else None,
    )


def requested_acr(provider):
    """The acr values our authorization request asks for (the field, else an extra parameter)."""
    return (provider.oidc_acr_values or _extra_params(provider).get("acr_values") or "").split()


def validate_id_token(provider, tokens, nonce):
    provider.ensure_one()
    found = metadata(provider)
    claims = jose.validate_id_token(
        tokens["id_token"],
        jwks_getter(provider, found["jwks_uri"]),
        issuer=provider.oidc_issuer,
        client_id=provider.client_id,
        nonce=nonce,
        allowed_algs=jose.parse_algs(provider.oidc_id_token_algs),
        access_token=tokens.get("access_token"),
    )
    # eSignet answers with the acr it actually used (OTP, wallet, biometrics...): it must
    # be one we asked for. Without acr_values, any (or no) acr is accepted.
    requested = provider._oidc_requested_acr()
    if requested and claims.get("acr") not in requested:
        raise OIDCError("wrong_acr", f"acr {claims.get('acr')!r} is not one of {' '.join(requested)}")
    return claims


def userinfo(provider, tokens, id_claims):
    """Claims about the person: userinfo (verified as configured) over the id_token's."""
    provider.ensure_one()
    found = metadata(provider)
    claims = {k: v for k, v in id_claims.items() if k not in ("nonce", "at_hash", "c_hash", "aud", "azp")}
    url = found.get("userinfo_endpoint")
    if not url:
        return claims
    content_type, body = client.userinfo_request(url, tokens["access_token"])
    info = jose.decode_userinfo(
        content_type,
        body,
        expected=provider.oidc_userinfo_format,
        get_jwks=jwks_getter(provider, found["jwks_uri"]),
        allowed_algs=jose.parse_algs(provider.oidc_id_token_algs),
        decryption_keys=provider.env["g2p.oidc.key"]._g2p_decryption_keys(),
        issuer=provider.oidc_issuer,
        client_id=provider.client_id,
    )
    if info.get("sub") != id_claims["sub"]:
        raise OIDCError("sub_mismatch", "userinfo sub differs from the id_token sub")
    claims.update({k: v for k, v in info.items() if k not in TOKEN_CLAIMS})
    return claims


def post_logout_redirect_uri(env):
    """The URI to register at the provider for RP-initiated logout."""
    return base_url(env) + "/web/login"


def end_session_url(provider, id_token):
    provider.ensure_one()
    try:
        endpoint = metadata(provider).get("end_session_endpoint")
    except OIDCError as e:
        _logger.warning("OIDC logout: no metadata for %s: %s", provider.name, e)
        return None
    if not isinstance(endpoint, str) or not endpoint:
        return None
    params = {
        "client_id": provider.client_id,
        "post_logout_redirect_uri": post_logout_redirect_uri(provider.env),
    }
    if id_token:
        params["id_token_hint"] = id_token
    return endpoint + ("&" if "?" in endpoint else "?") + url_encode(params)
