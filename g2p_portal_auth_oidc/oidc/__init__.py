"""OpenID Connect relying-party primitives, free of Odoo so they can be reasoned about
(and tested) on their own: JOSE validation, client assertions, PKCE and the HTTP calls."""

from .errors import OIDCError
