# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..oidc import OIDCError, flow, jose

CALLBACK_PATH = flow.CALLBACK_PATH
MAX_PROBLEM_LINES = 20


class AuthOAuthProvider(models.Model):
    _inherit = "auth.oauth.provider"

    active = fields.Boolean(default=True)

    # auth_oauth's implicit-flow fields become optional: discovery provides them.
    auth_endpoint = fields.Char(required=False)
    validation_endpoint = fields.Char(required=False)

    oidc_flow = fields.Selection(
        [
            ("implicit", "OAuth 2 implicit (Odoo standard)"),
            ("oidc_code", "OpenID Connect, authorization code"),
        ],
        string="Flow",
        default="implicit",
        required=True,
    )
    oidc_issuer = fields.Char(
        string="Issuer", help="Issuer identifier, e.g. https://esignet.example.org/v1/esignet"
    )
    oidc_use_discovery = fields.Boolean(string="Use discovery", default=True)
    oidc_discovery_url = fields.Char(
        string="Discovery URL", help="Defaults to <issuer>/.well-known/openid-configuration."
    )
    oidc_metadata = fields.Text(string="Discovered metadata", readonly=True)
    oidc_metadata_date = fields.Datetime(string="Discovered on", readonly=True)
    oidc_token_endpoint = fields.Char(string="Token URL")
    oidc_userinfo_endpoint = fields.Char(string="Userinfo URL")
    oidc_jwks_uri = fields.Char(string="JWKS URL")
    oidc_end_session_endpoint = fields.Char(string="End session URL")
    oidc_redirect_uri = fields.Char(string="Redirect URI to register", compute="_compute_oidc_redirect_uri")
    oidc_rp_jwks_url = fields.Char(string="Our JWKS URL", compute="_compute_oidc_redirect_uri")
    oidc_post_logout_redirect_uri = fields.Char(
        string="Post-logout redirect URI to register", compute="_compute_oidc_redirect_uri"
    )

    oidc_client_auth_method = fields.Selection(
        [
            ("client_secret_basic", "Client secret (HTTP Basic)"),
            ("client_secret_post", "Client secret (form post)"),
            ("private_key_jwt", "Private key JWT"),
        ],
        string="Client authentication",
        default="private_key_jwt",
    )
    oidc_client_secret = fields.Char(string="Client secret", groups="base.group_system", copy=False)
    oidc_assertion_alg = fields.Selection(
        [("RS256", "RS256"), ("PS256", "PS256"), ("ES256", "ES256")],
        string="Assertion algorithm",
        default="RS256",
    )
    oidc_assertion_audience = fields.Selection(
        [("token_endpoint", "Token endpoint"), ("issuer", "Issuer")],
        string="Assertion audience",
        default="token_endpoint",
    )
    oidc_id_token_algs = fields.Char(
        string="Accepted signature algorithms",
        default="RS256 PS256 ES256",
        help="Asymmetric algorithms accepted for id_token and userinfo signatures. none and HMAC are never accepted.",
    )
    oidc_userinfo_format = fields.Selection(
        [
            ("auto", "As the provider answers (JSON, signed or encrypted JWT)"),
            ("json", "JSON"),
            ("jwt", "Signed JWT"),
            ("jwe", "Encrypted, then signed JWT"),
        ],
        string="Userinfo format",
        default="auto",
        help="What the provider must answer; anything else is refused. 'As the provider answers' "
        "follows the response's content type (a JWT is always verified).",
    )
    oidc_acr_values = fields.Char(string="acr_values")
    oidc_claims = fields.Text(
        string="Claims request", help="JSON claims request parameter (OpenID Connect Core 5.5)."
    )
    oidc_claims_locales = fields.Char(string="claims_locales", help="Space-separated, e.g. 'en fr'.")
    oidc_ui_locales = fields.Char(
        string="ui_locales", help="Space-separated. Empty: the language of the person's website session."
    )
    oidc_prompt = fields.Char(string="prompt")
    oidc_extra_params = fields.Char(
        string="Extra parameters", help="Added to the authorization request, as a query string: a=1&b=2."
    )
    oidc_logout = fields.Boolean(string="Sign out at the provider too", default=True)

    oidc_self_service = fields.Boolean(
        string="Registrant sign-in", help="List this provider on the portal login page for registrants."
    )
    oidc_id_type_id = fields.Many2one("g2p.id.type", string="ID type", ondelete="restrict")
    oidc_id_claim = fields.Char(
        string="ID claim",
        default="individual_id",
        help="Claim carrying the ID number. eSignet's sub is a pairwise pseudonym, not the ID.",
    )
    oidc_allow_signup = fields.Boolean(
        string="Allow sign-up",
        help="Create a registrant and portal account for an ID not yet in the registry.",
    )
    oidc_mapping_ids = fields.One2many("g2p.oidc.claim.mapping", "provider_id", string="Claim mapping")
    oidc_mapping_problems = fields.Text(
        string="Last mapping problems",
        readonly=True,
        copy=False,
        help="Claims the last sign-ins could not use (e.g. a date in another format); the values "
        "themselves are not kept.",
    )

    @api.depends("oidc_flow")
    def _compute_oidc_redirect_uri(self):
        base = flow.base_url(self.env)
        for provider in self:
            provider.oidc_redirect_uri = base + CALLBACK_PATH
            provider.oidc_rp_jwks_url = base + "/auth_oidc/jwks"
            provider.oidc_post_logout_redirect_uri = flow.post_logout_redirect_uri(self.env)

    @api.constrains("oidc_flow", "oidc_issuer", "oidc_claims", "oidc_id_token_algs", "auth_endpoint")
    def _check_oidc(self):
        for provider in self.filtered(lambda p: p.oidc_flow == "oidc_code"):
            if not provider.oidc_issuer:
                raise ValidationError(_("An OpenID Connect provider needs its issuer."))
            if provider.oidc_claims:
                try:
                    claims = json.loads(provider.oidc_claims)
                except ValueError as e:
                    raise ValidationError(_("The claims request must be JSON.")) from e
                if not isinstance(claims, dict):
                    raise ValidationError(_("The claims request must be a JSON object."))
            if not jose.parse_algs(provider.oidc_id_token_algs):
                raise ValidationError(
                    _("Accept at least one of these signature algorithms: %s", ", ".join(jose.SIGNING_ALGS))
                )

    # -- buttons ----------------------------------------------------------------------------

    def action_oidc_refresh_discovery(self):
        for provider in self:
            try:
                flow.metadata(provider, refresh=True)
            except OIDCError as e:
                raise UserError(_("Discovery failed: %s", e.detail or e.reason)) from e
            flow.forget_jwks(provider)
        return True

    def _g2p_note_mapping_problems(self, problems):
        """Keep the latest mapping problems on the provider form (newest first, bounded)."""
        self.ensure_one()
        stamp = fields.Datetime.to_string(fields.Datetime.now())
        lines = [f"{stamp} UTC: {p}" for p in problems] + (self.oidc_mapping_problems or "").splitlines()
        self.sudo().oidc_mapping_problems = "\n".join(lines[:MAX_PROBLEM_LINES])

    def action_oidc_clear_mapping_problems(self):
        self.write({"oidc_mapping_problems": False})
        return True

    # -- the protocol, in oidc/flow.py (kept here as the model's extension points) -----------

    def _oidc_metadata(self, refresh=False):
        return flow.metadata(self, refresh=refresh)

    def _oidc_jwks_getter(self, jwks_uri):
        return flow.jwks_getter(self, jwks_uri)

    def _oidc_forget_jwks(self):
        flow.forget_jwks(self)

    def _oidc_redirect_uri_value(self):
        return flow.callback_uri(self)

    def _oidc_authorization_url(
        self, state, nonce, code_challenge, login_hint=None, lang=None, redirect_uri=None
    ):
        # ``redirect_uri``: another callback of this site (e.g. the officers' verification
        # popup); the portal sign-in's by default.
        return flow.authorization_url(
            self, state, nonce, code_challenge, login_hint=login_hint, lang=lang, redirect_uri=redirect_uri
        )

    def _oidc_client_assertion(self, metadata):
        return flow.client_assertion(self, metadata)

    def _oidc_exchange_code(self, code, code_verifier, redirect_uri=None):
        return flow.exchange_code(self, code, code_verifier, redirect_uri=redirect_uri)

    def _oidc_requested_acr(self):
        return flow.requested_acr(self)

    def _oidc_validate_id_token(self, tokens, nonce):
        return flow.validate_id_token(self, tokens, nonce)

    def _oidc_userinfo(self, tokens, id_claims):
        return flow.userinfo(self, tokens, id_claims)

    def _oidc_requires_iss(self):
        return flow.requires_iss(self)
