# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import secrets
from datetime import timedelta

from odoo import api, fields, models

# Long enough for the callback to authenticate right after creating it, too short to matter.
KEY_TTL = timedelta(seconds=60)


def _digest(key):
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class G2POidcSigninKey(models.Model):
    """The one-time key with which the ID sign-in callback authenticates the session.

    Only its SHA-256 is stored (the key has 256 random bits), it is spent by its first
    use and expires after a minute: it is never a password anyone could replay."""

    _name = "g2p.oidc.signin.key"
    _description = "One-time key of an ID provider sign-in"
    _log_access = False

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True, readonly=True)
    key_hash = fields.Char(required=True, index=True, readonly=True)
    expires_at = fields.Datetime(required=True, index=True, readonly=True)

    @api.model
    def _g2p_issue(self, user):
        """A fresh key for ``user`` (replacing any earlier one); returned once, never stored."""
        now = fields.Datetime.now()
        self.sudo().search(["|", ("user_id", "=", user.id), ("expires_at", "<", now)]).unlink()
        key = secrets.token_urlsafe(32)
        self.sudo().create({"user_id": user.id, "key_hash": _digest(key), "expires_at": now + KEY_TTL})
        return key

    @api.model
    def _g2p_consume(self, user_id, key):
        """Whether ``key`` is the live key of ``user_id``; it is spent either way it matched.
        One statement, so two concurrent uses cannot both succeed."""
        self.env.cr.execute(
            """DELETE FROM g2p_oidc_signin_key
                WHERE user_id = %s AND key_hash = %s AND expires_at > (clock_timestamp() AT TIME ZONE 'UTC')
            RETURNING id""",
            (user_id, _digest(key)),
        )
        return bool(self.env.cr.fetchall())
