"""OpenID Connect relying-party primitives. client, transport, jose and jwks_cache are free
of Odoo so they can be reasoned about (and tested) on their own; flow drives them for one
auth.oauth.provider record."""

from .errors import OIDCError
