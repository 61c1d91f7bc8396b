# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The relying party's HTTP calls to the provider: discovery, JWKS, token, userinfo.
Every call is bounded in total time and size (see transport.py); every answer is
untrusted and type-checked; every failure becomes an OIDCError with a reason code."""

import base64
import json
from urllib.parse import quote_plus

from .errors import OIDCError
from .transport import TOTAL_TIMEOUT, bounded_request

# Total seconds for any one call (read at call time, so a deployment or test can change it).
TIMEOUT = TOTAL_TIMEOUT
WELL_KNOWN = "/.well-known/openid-configuration"
# A token response, discovery document or JWKS is small; a userinfo may carry a picture.
MAX_JSON_BYTES = 256 * 1024
MAX_USERINFO_BYTES = 8 * 1024 * 1024


def discovery_url(issuer):
    return issuer.rstrip("/") + WELL_KNOWN


def _json_object(body, what):
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise OIDCError("provider_error", f"{what}: not JSON") from e
    if not isinstance(data, dict):
        raise OIDCError("provider_error", f"{what}: not a JSON object")
    return data


def _get_json(url, what, timeout=None):
    response, body = bounded_request(
        "GET",
        url,
        what,
        total=timeout or TIMEOUT,
        max_bytes=MAX_JSON_BYTES,
        headers={"Accept": "application/json"},
    )
    if response.status_code != 200:
        raise OIDCError("provider_error", f"{what} {url}: HTTP {response.status_code}")
    return _json_object(body, f"{what} {url}")


def discover(issuer, url=None, timeout=None):
    """The provider metadata; its issuer must be exactly the configured one (a
    mismatch would let one provider pass itself off as another)."""
    metadata = _get_json(url or discovery_url(issuer), "discovery", timeout)
    if metadata.get("issuer") != issuer:
        raise OIDCError("configuration", f"discovery issuer {metadata.get('issuer')!r} is not {issuer!r}")
    return metadata


def fetch_jwks(url, timeout=None):
    """The provider's JWKS, keeping only entries that are JSON objects (a stray string or
    list in ``keys`` must not break every sign-in until the provider fixes it)."""
    jwks = _get_json(url, "jwks", timeout)
    if not isinstance(jwks.get("keys"), list):
        raise OIDCError("provider_error", f"jwks {url}: no keys")
    return {"keys": [k for k in jwks["keys"] if isinstance(k, dict)]}


def basic_auth_header(client_id, client_secret):
    """RFC 6749 §2.3.1: id and secret are form-encoded, then joined and Base64-encoded."""
    pair = f"{quote_plus(client_id or '')}:{quote_plus(client_secret or '')}"
    return "Basic " + base64.b64encode(pair.encode()).decode("ascii")


def token_request(
    token_endpoint,
    *,
    code,
    redirect_uri,
    code_verifier,
    client_id,
    auth_method,
    client_secret=None,
    client_assertion=None,
    timeout=None,
):
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
    }
    headers = {"Accept": "application/json"}
    if auth_method == "client_secret_basic":
        headers["Authorization"] = basic_auth_header(client_id, client_secret)
    elif auth_method == "client_secret_post":
        data.update(client_id=client_id, client_secret=client_secret or "")
    elif auth_method == "private_key_jwt":
        data.update(
            client_id=client_id,
            client_assertion_type="urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            client_assertion=client_assertion,
        )
    else:
        raise OIDCError("configuration", f"unknown client authentication {auth_method!r}")
    response, raw = bounded_request(
        "POST",
        token_endpoint,
        "token",
        total=timeout or TIMEOUT,
        max_bytes=MAX_JSON_BYTES,
        data=data,
        headers=headers,
    )
    try:
        body = _json_object(raw, "token response")
    except OIDCError:
        if response.status_code != 200:
            raise OIDCError("token_rejected", f"HTTP {response.status_code}") from None
        raise OIDCError("invalid_token_response", "the token response is not a JSON object") from None
    if response.status_code != 200:
        raise OIDCError(
            "token_rejected",
            f"HTTP {response.status_code} {body.get('error')}: {body.get('error_description')}",
        )
    for name in ("id_token", "access_token"):
        if not isinstance(body.get(name), str) or not body[name]:
            raise OIDCError("invalid_token_response", f"no {name} string in the token response")
    token_type = body.get("token_type")
    if not isinstance(token_type, str) or token_type.lower() not in ("bearer", "dpop"):
        raise OIDCError("invalid_token_response", f"token_type {token_type!r}")
    return body


def userinfo_request(url, access_token, timeout=None):
    """(content type, raw body) of the userinfo response."""
    response, body = bounded_request(
        "GET",
        url,
        "userinfo",
        total=timeout or TIMEOUT,
        max_bytes=MAX_USERINFO_BYTES,
        headers={
            "Authorization": f"Bearer {access_token}",
            "Accept": "application/jwt, application/json",
        },
    )
    if response.status_code != 200:
        raise OIDCError("provider_error", f"userinfo {url}: HTTP {response.status_code}")
    return response.headers.get("Content-Type", ""), body
