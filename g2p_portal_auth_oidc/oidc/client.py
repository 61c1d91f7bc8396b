"""The relying party's HTTP calls to the provider: discovery, JWKS, token, userinfo.
Every call has a timeout; every failure becomes an OIDCError with a reason code."""

import requests

from .errors import OIDCError

TIMEOUT = 10
WELL_KNOWN = "/.well-known/openid-configuration"


def discovery_url(issuer):
    return issuer.rstrip("/") + WELL_KNOWN


def _get_json(url, what, timeout=TIMEOUT):
    try:
        response = requests.get(url, timeout=timeout, headers={"Accept": "application/json"})
    except requests.RequestException as e:
        raise OIDCError("provider_unreachable", f"{what} {url}: {e}") from e
    if response.status_code != 200:
        raise OIDCError("provider_error", f"{what} {url}: HTTP {response.status_code}")
    try:
        data = response.json()
    except ValueError as e:
        raise OIDCError("provider_error", f"{what} {url}: not JSON") from e
    if not isinstance(data, dict):
        raise OIDCError("provider_error", f"{what} {url}: not a JSON object")
    return data


def discover(issuer, url=None, timeout=TIMEOUT):
    """The provider metadata; its issuer must be exactly the configured one (a
    mismatch would let one provider pass itself off as another)."""
    metadata = _get_json(url or discovery_url(issuer), "discovery", timeout)
    if metadata.get("issuer") != issuer:
        raise OIDCError("configuration", f"discovery issuer {metadata.get('issuer')!r} is not {issuer!r}")
    return metadata


def fetch_jwks(url, timeout=TIMEOUT):
    jwks = _get_json(url, "jwks", timeout)
    if not isinstance(jwks.get("keys"), list):
        raise OIDCError("provider_error", f"jwks {url}: no keys")
    return jwks


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
    timeout=TIMEOUT,
):
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
    }
    auth = None
    if auth_method == "client_secret_basic":
        auth = (client_id, client_secret or "")
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
    try:
        response = requests.post(
            token_endpoint, data=data, auth=auth, timeout=timeout, headers={"Accept": "application/json"}
        )
    except requests.RequestException as e:
        raise OIDCError("provider_unreachable", f"token {token_endpoint}: {e}") from e
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code != 200:
        raise OIDCError(
            "token_rejected",
            f"HTTP {response.status_code} {body.get('error')}: {body.get('error_description')}",
        )
    if not body.get("id_token") or not body.get("access_token"):
        raise OIDCError("invalid_token_response", "no id_token or access_token in the token response")
    if str(body.get("token_type", "")).lower() not in ("bearer", "dpop"):
        raise OIDCError("invalid_token_response", f"token_type {body.get('token_type')!r}")
    return body


def userinfo_request(url, access_token, timeout=TIMEOUT):
    """(content type, raw body) of the userinfo response."""
    try:
        response = requests.get(
            url,
            timeout=timeout,
            headers={
                "Authorization": f"Bearer {access_token}",
                "Accept": "application/jwt, application/json",
            },
        )
    except requests.RequestException as e:
        raise OIDCError("provider_unreachable", f"userinfo {url}: {e}") from e
    if response.status_code != 200:
        raise OIDCError("provider_error", f"userinfo {url}: HTTP {response.status_code}")
    return response.headers.get("Content-Type", ""), response.content
