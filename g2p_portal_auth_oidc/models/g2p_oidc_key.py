# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..oidc import jose

# (use, key type, algorithm) of the key set the relying party keeps: RSA for RS256/PS256
# client assertions, EC for ES256 ones, RSA for decrypting encrypted userinfo.
# Our JWKS is served with max-age=300; a new key signs only once every provider's cached
# copy of the JWKS has had time to expire.
PUBLISH_DELAY = 600
KEY_SET = (("sig", "RSA", "RS256 PS256"), ("sig", "EC", "ES256"), ("enc", "RSA", "RSA-OAEP-256"))


class G2POidcKey(models.Model):
    _name = "g2p.oidc.key"
    _description = "OpenID Connect relying-party key"
    _order = "create_date desc, id desc"

    name = fields.Char(compute="_compute_name")
    kid = fields.Char(string="Key ID", required=True, readonly=True, index=True, copy=False)
    use = fields.Selection(
        [("sig", "Signing (client assertions)"), ("enc", "Encryption (userinfo)")],
        required=True,
        readonly=True,
    )
    kty = fields.Selection(
        [("RSA", "RSA"), ("EC", "EC P-256")], string="Key type", required=True, readonly=True
    )
    alg = fields.Char(string="Algorithm", required=True, readonly=True)
    state = fields.Selection(
        [("active", "Active"), ("retiring", "Retiring"), ("retired", "Retired")],
        default="active",
        required=True,
        readonly=True,
        help="Active keys sign and decrypt. Retiring keys are still published and still decrypt, "
        "so a provider holding the old key set keeps working; retired keys are withdrawn.",
    )
    private_pem = fields.Text(readonly=True, groups="base.group_system", copy=False)
    public_jwk = fields.Text(string="Public JWK", readonly=True)
    retired_at = fields.Datetime(readonly=True)

    _sql_constraints = [("kid_unique", "unique(kid)", "Key IDs must be unique.")]

    @api.depends("kid", "use", "alg")
    def _compute_name(self):
        for key in self:
            key.name = f"{key.alg} {key.kid[:12] if key.kid else ''}"

    @api.model
    def _g2p_generate(self, use, kty, alg):
        pem = jose.generate_private_pem(kty)
        # An RSA signing key serves both RS256 and PS256, so its JWK names no "alg".
        jwk = jose.public_jwk(pem, use, None if " " in alg else alg)
        return self.sudo().create(
            {
                "kid": jwk["kid"],
                "use": use,
                "kty": kty,
                "alg": alg,
                "private_pem": pem,
                "public_jwk": json.dumps(jwk),
            }
        )

    @api.model
    def _g2p_ensure_keys(self):
        """One active key of each kind of the key set (run at install and before use)."""
        keys = self.sudo().search([("state", "=", "active")])
        for use, kty, alg in KEY_SET:
            if not keys.filtered(lambda k, u=use, a=alg: k.use == u and k.alg == a):
                self._g2p_generate(use, kty, alg)

    @api.model
    def action_rotate(self):
        """New active keys; the previous ones stay published (retiring) until retired, so a
        provider that cached our JWKS or encrypts to the old key keeps working."""
        if not self.env.user.has_group("base.group_system"):
            raise UserError(_("Only administrators can rotate the sign-in keys."))
        old = self.sudo().search([("state", "=", "active")])
        for use, kty, alg in KEY_SET:
            self._g2p_generate(use, kty, alg)
        old.write({"state": "retiring"})
        return True

    def action_retire(self):
        if not self.env.user.has_group("base.group_system"):
            raise UserError(_("Only administrators can retire sign-in keys."))
        if self.filtered(lambda k: k.state == "active"):
            raise UserError(_("Rotate the keys before retiring the active ones."))
        in_use = {self._g2p_signing_key(alg)[0] for alg in ("RS256", "ES256")}
        if self.filtered(lambda k: k.kid in in_use):
            raise UserError(
                _(
                    "The new keys were published less than %s minutes ago; providers may not "
                    "know them yet. Retire the old keys later.",
                    PUBLISH_DELAY // 60,
                )
            )
        self.sudo().write({"state": "retired", "retired_at": fields.Datetime.now()})

    @api.model
    def _g2p_public_jwks(self):
        # Newest first: a provider encrypts to the first usable "enc" key of our JWKS, so it
        # moves to the new key at its next fetch after a rotation, well before the old key
        # can be retired (oldest first, it would keep the old key until it is withdrawn).
        keys = self.sudo().search(
            [("state", "in", ("active", "retiring"))], order="create_date desc, id desc"
        )
        return {"keys": [json.loads(k.public_jwk) for k in keys]}

    def _g2p_published_long_enough(self):
        self.ensure_one()
        return self.create_date <= fields.Datetime.now() - timedelta(seconds=PUBLISH_DELAY)

    @api.model
    def _g2p_signing_key(self, alg):
        """(kid, private PEM) of the signing key for ``alg``: the newest one that has been in
        our JWKS longer than providers cache it, so that a provider never meets an
        assertion signed with a key it has not fetched yet (rotation without downtime)."""
        kty = "EC" if alg.startswith("ES") else "RSA"
        self._g2p_ensure_keys()
        keys = self.sudo().search(
            [("state", "in", ("active", "retiring")), ("use", "=", "sig"), ("kty", "=", kty)]
        )
        key = next((k for k in keys if k._g2p_published_long_enough()), keys[:1])
        return key.kid, key.private_pem

    @api.model
    def _g2p_decryption_keys(self):
        keys = self.sudo().search([("state", "in", ("active", "retiring")), ("use", "=", "enc")])
        return {k.kid: k.private_pem for k in keys}
