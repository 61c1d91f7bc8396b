# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""OpenID Connect relying-party primitives. client, transport, jose and jwks_cache are free
of Odoo so they can be reasoned about (and tested) on their own; flow drives them for one
auth.oauth.provider record."""

from .errors import OIDCError
