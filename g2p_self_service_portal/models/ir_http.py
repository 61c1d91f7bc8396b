# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The edge of every request: hostile input refused or cleaned once, safe responses.

- NUL bytes: PostgreSQL refuses them in text (and the JSON column in answers), so a
  NUL anywhere in a posted value, a JSON-RPC parameter or an upload's file name would
  end in a server error deep in the ORM. They are removed from every parameter before
  any controller sees it, and a URL path carrying one is answered 400.
- A parameter named ``self``: controllers receive the request's parameters as keyword
  arguments, and ``self`` collides with the method's own first argument (a server
  error on every route). No route takes such a parameter: it is dropped.
- Waiting on locks: a registrant's request that would wait on a lock held by another
  of their requests (a burst of submissions) fails at once with a clear message
  instead of holding a database connection while it waits.
- Redirects: Odoo's local redirects keep a backslash (``/\\evil.example``), which
  browsers read as ``//evil.example``, another site. Such a Location is made local.
- Errors of JSON routes carry the server's traceback: registrants and visitors get
  the error's name and message only.
- Security headers on every page: no framing by other sites, no referrer sent to
  them, no caching of pages shown to a signed-in user, a Content-Security-Policy the
  portal and the backend work under, and a session cookie sent on same-site requests
  and top-level navigations only (SameSite=Lax).
"""

import json
import re

from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import BadRequest

from odoo import models
from odoo.http import request

NUL = "\x00"
# Browsers ignore tabs and line breaks in URLs and read a backslash as a slash.
_URL_IGNORED = re.compile(r"[\t\r\n]")
_REDIRECT_CODES = (301, 302, 303, 307, 308)
# Odoo's web client compiles its templates at run time ('unsafe-eval') and inlines its
# session information and styles; the biometric device service answers on 127.0.0.1.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        "font-src 'self' data:",
        "connect-src 'self' http://127.0.0.1:* http://localhost:*",
        "media-src 'self' blob: data:",
        "frame-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'self'",
    ]
)
# Responses that are files of the site itself, cacheable by browsers.
_CACHEABLE_PREFIXES = ("/web/assets/", "/web/static/", "/web/image", "/website/image")


class G2PInvalidInput(BadRequest):
    """Input no request may carry: answered 400 with its description, no traceback
    (also on JSON routes, whose errors otherwise carry the server's traceback)."""


def g2p_without_nul(value):
    """``value`` with NUL characters removed from every string it holds."""
    if isinstance(value, str):
        return value.replace(NUL, "") if NUL in value else value
    if isinstance(value, list | tuple):
        return type(value)(g2p_without_nul(item) for item in value)
    if isinstance(value, dict):
        return {g2p_without_nul(key): g2p_without_nul(item) for key, item in value.items()}
    if isinstance(value, FileStorage) and value.filename and NUL in value.filename:
        value.filename = value.filename.replace(NUL, "")
    return value


def g2p_local_location(location):
    """A redirect target a browser would take to another site through a backslash, made local."""
    normalized = _URL_IGNORED.sub("", location).replace("\\", "/")
    if normalized.startswith("//") and not location.startswith("//"):
        return "/" + normalized.lstrip("/")
    return location


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _match(cls, path_info):
        if NUL in path_info:
            raise G2PInvalidInput("NUL character in the URL")
        return super()._match(path_info)

    @classmethod
    def _dispatch(cls, endpoint):
        params = g2p_without_nul(request.params)
        params.pop("self", None)
        request.params = params
        if request.env.user.share:
            # Registrants' submissions fail fast instead of queuing on a lock (see
            # g2p.program.application._g2p_submit).
            request.update_context(g2p_lock_nowait=True)
        return super()._dispatch(endpoint)

    @classmethod
    def _handle_error(cls, exception):
        if isinstance(exception, G2PInvalidInput) and request.dispatcher.routing_type == "json":
            error = {
                "code": exception.code,
                "message": exception.description,
                "data": {"name": "werkzeug.exceptions.BadRequest", "message": exception.description},
            }
            return request.dispatcher._response(error=error)
        response = super()._handle_error(exception)
        if request.dispatcher.routing_type == "json" and not cls._g2p_internal_user():
            cls._g2p_strip_traceback(response)
        return response

    @classmethod
    def _g2p_internal_user(cls):
        try:
            return bool(request.env and request.env.uid and request.env.user._is_internal())
        except Exception:
            return False

    @staticmethod
    def _g2p_strip_traceback(response):
        """Registrants and visitors get the error's name and message, not the server's traceback."""
        if not hasattr(response, "get_data"):
            return
        try:
            body = json.loads(response.get_data())
        except ValueError:
            return
        data = (body.get("error") or {}).get("data")
        if isinstance(data, dict) and data.get("debug"):
            data["debug"] = ""
            response.set_data(json.dumps(body))

    @classmethod
    def _post_dispatch(cls, response):
        result = super()._post_dispatch(response)
        cls._g2p_secure_response(response)
        return result

    @classmethod
    def _g2p_secure_response(cls, response):
        headers = response.headers
        location = headers.get("Location")
        if location and response.status_code in _REDIRECT_CODES:
            headers["Location"] = g2p_local_location(location)
        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        headers.setdefault("Referrer-Policy", "same-origin")
        if "Content-Security-Policy" not in headers:
            headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        path = request.httprequest.path
        signed_in = request.env and request.env.uid and not request.env.user._is_public()
        if signed_in and not path.startswith(_CACHEABLE_PREFIXES):
            headers["Cache-Control"] = "private, no-store"
        cookies = headers.getlist("Set-Cookie")
        if any(c.startswith("session_id=") and "samesite" not in c.lower() for c in cookies):
            headers.remove("Set-Cookie")
            for cookie in cookies:
                if cookie.startswith("session_id=") and "samesite" not in cookie.lower():
                    cookie += "; SameSite=Lax"
                headers.add("Set-Cookie", cookie)
