import json
import logging
import threading
import time
from datetime import timedelta

from werkzeug.urls import url_encode

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..oidc import OIDCError, client, jose

_logger = logging.getLogger(__name__)

CALLBACK_PATH = "/auth_oidc/callback"
DISCOVERY_MAX_AGE = timedelta(hours=24)
JWKS_MAX_AGE = 3600
# An unknown kid refetches the provider JWKS at most this often: a burst of tokens naming
# keys the provider does not publish costs one request, not one each.
JWKS_MIN_REFETCH = 60
# Provider JWKS cached per process: {(db, provider id, jwks uri): (fetched at, jwks)}.
_JWKS_CACHE = {}
# {(db, provider id, jwks uri): time of the last refetch asked for by an unknown kid}
_JWKS_REFETCHED = {}
_JWKS_LOCK = threading.Lock()

ESIGNET_ACR = "mosip:idp:acr:generated-code mosip:idp:acr:linked-wallet mosip:idp:acr:biometrics"
ESIGNET_CLAIMS = {
    "userinfo": {
        "individual_id": {"essential": True},
        "name": {"essential": True},
        "given_name": {"essential": False},
        "middle_name": {"essential": False},
        "family_name": {"essential": False},
        "gender": {"essential": False},
        "birthdate": {"essential": False},
        "email": {"essential": False},
        "phone_number": {"essential": False},
        "address": {"essential": False},
        "picture": {"essential": False},
    },
    "id_token": {},
}
ESIGNET_MAPPING = [
    ("given_name", "given_name", {}),
    ("middle_name", "addl_name", {}),
    ("family_name", "family_name", {}),
    ("name", "name", {}),
    ("birthdate", "birthdate", {"date_format": "%Y/%m/%d"}),
    ("gender", "gender", {"value_map": "Female=female, Male=male, Other=other, F=female, M=male"}),
    ("email", "email", {}),
    ("phone_number", "phone", {}),
    ("address.street_address", "street", {}),
    ("address.locality", "city", {}),
    ("address.postal_code", "zip", {}),
    ("address.country", "country", {}),
    ("picture", "picture", {}),
]


class AuthOAuthProvider(models.Model):
    _inherit = "auth.oauth.provider"

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
        [("json", "JSON"), ("jwt", "Signed JWT"), ("jwe", "Encrypted, then signed JWT")],
        string="Userinfo format",
        default="jwt",
        help="What the provider must answer; anything else is refused.",
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

    @api.depends("oidc_flow")
    def _compute_oidc_redirect_uri(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/")
        for provider in self:
            provider.oidc_redirect_uri = base + CALLBACK_PATH
            provider.oidc_rp_jwks_url = base + "/auth_oidc/jwks"

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

    # -- presets and buttons ------------------------------------------------------------

    def _oidc_apply_esignet_preset(self):
        """Fill in what eSignet expects: code flow with PKCE, private_key_jwt, signed
        userinfo, its acr values, the claims request and the claim mapping."""
        self.env["g2p.oidc.key"]._g2p_ensure_keys()
        national_id = self.env.ref("g2p_registry.id_type_national_id", raise_if_not_found=False)
        for provider in self:
            provider.write(
                {
                    "oidc_flow": "oidc_code",
                    "oidc_use_discovery": True,
                    "oidc_client_auth_method": "private_key_jwt",
                    "oidc_assertion_alg": "RS256",
                    "oidc_assertion_audience": "token_endpoint",
                    "oidc_id_token_algs": "RS256 PS256",
                    "oidc_userinfo_format": "jwt",
                    "oidc_acr_values": ESIGNET_ACR,
                    "oidc_claims": json.dumps(ESIGNET_CLAIMS, indent=2),
                    "oidc_claims_locales": "en",
                    "scope": "openid profile",
                    "oidc_id_claim": "individual_id",
                    "oidc_id_type_id": provider.oidc_id_type_id.id
                    or (national_id.id if national_id else False),
                    "oidc_logout": True,
                    "oidc_mapping_ids": [(5, 0, 0)]
                    + [
                        (0, 0, {"claim": claim, "target": target, "sequence": i, **extra})
                        for i, (claim, target, extra) in enumerate(ESIGNET_MAPPING)
                    ],
                }
            )

    def action_oidc_esignet_preset(self):
        self.ensure_one()
        self._oidc_apply_esignet_preset()
        if self.oidc_issuer:
            try:
                self._oidc_metadata(refresh=True)
            except OIDCError as e:
                _logger.warning("OIDC preset: discovery of %s failed: %s", self.oidc_issuer, e)
        return True

    def action_oidc_refresh_discovery(self):
        for provider in self:
            try:
                provider._oidc_metadata(refresh=True)
            except OIDCError as e:
                raise UserError(_("Discovery failed: %s", e.detail or e.reason)) from e
            provider._oidc_forget_jwks()
        return True

    # -- provider metadata -----------------------------------------------------------------

    def _oidc_metadata(self, refresh=False):
        """Endpoints of the provider: discovered (cached on the record for a day, refreshable)
        with any endpoint entered by hand taking precedence."""
        self.ensure_one()
        metadata = {}
        if self.oidc_use_discovery:
            stale = (
                not self.oidc_metadata_date
                or fields.Datetime.now() - self.oidc_metadata_date > DISCOVERY_MAX_AGE
            )
            if refresh or stale or not self.oidc_metadata:
                metadata = client.discover(self.oidc_issuer, self.oidc_discovery_url or None)
                self.sudo().write(
                    {
                        "oidc_metadata": json.dumps(metadata, indent=2),
                        "oidc_metadata_date": fields.Datetime.now(),
                    }
                )
            else:
                metadata = json.loads(self.oidc_metadata)
        manual = {
            "authorization_endpoint": self.auth_endpoint,
            "token_endpoint": self.oidc_token_endpoint,
            "userinfo_endpoint": self.oidc_userinfo_endpoint,
            "jwks_uri": self.oidc_jwks_uri,
            "end_session_endpoint": self.oidc_end_session_endpoint,
        }
        metadata.update({k: v for k, v in manual.items() if v})
        for required in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not metadata.get(required):
                raise OIDCError("configuration", f"provider {self.name}: no {required}")
        return metadata

    def _oidc_cache_key(self, jwks_uri):
        return (self.env.cr.dbname, self.id, jwks_uri)

    def _oidc_forget_jwks(self):
        with _JWKS_LOCK:
            for key in [k for k in _JWKS_CACHE if k[:2] == (self.env.cr.dbname, self.id)]:
                _JWKS_CACHE.pop(key, None)
                _JWKS_REFETCHED.pop(key, None)

    def _oidc_jwks_getter(self, jwks_uri):
        """get_jwks(refresh) for jose.verify_jws: the cached provider JWKS, refetched when
        stale or when asked (a token named a kid we do not know: the provider rotated)."""
        cache_key = self._oidc_cache_key(jwks_uri)

        def get_jwks(refresh):
            now = time.time()
            with _JWKS_LOCK:
                cached = _JWKS_CACHE.get(cache_key)
                if cached and refresh:
                    if now - _JWKS_REFETCHED.get(cache_key, 0) < JWKS_MIN_REFETCH:
                        return cached[1]
                    _JWKS_REFETCHED[cache_key] = now
            if cached and not refresh and now - cached[0] < JWKS_MAX_AGE:
                return cached[1]
            jwks = client.fetch_jwks(jwks_uri)
            with _JWKS_LOCK:
                _JWKS_CACHE[cache_key] = (time.time(), jwks)
            return jwks

        return get_jwks

    # -- the flow --------------------------------------------------------------------------

    def _oidc_redirect_uri_value(self):
        return (
            self.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/") + CALLBACK_PATH
        )

    def _oidc_authorization_url(
        self, state, nonce, code_challenge, login_hint=None, lang=None, redirect_uri=None
    ):
        self.ensure_one()
        metadata = self._oidc_metadata()
        params = {}
        if self.oidc_extra_params:
            params.update(dict(p.split("=", 1) for p in self.oidc_extra_params.split("&") if "=" in p))
        params.update(
            response_type="code",
            client_id=self.client_id,
            redirect_uri=redirect_uri or self._oidc_redirect_uri_value(),
            scope=self.scope or "openid",
            state=state,
            nonce=nonce,
            code_challenge=code_challenge,
            code_challenge_method="S256",
        )
        optional = {
            "acr_values": self.oidc_acr_values,
            "claims": json.dumps(json.loads(self.oidc_claims), separators=(",", ":"))
            if self.oidc_claims
            else None,
            "claims_locales": self.oidc_claims_locales,
            "ui_locales": self.oidc_ui_locales or (lang or "").replace("_", "-") or None,
            "prompt": self.oidc_prompt,
            "login_hint": login_hint,
        }
        params.update({k: v for k, v in optional.items() if v})
        endpoint = metadata["authorization_endpoint"]
        return endpoint + ("&" if "?" in endpoint else "?") + url_encode(params)

    def _oidc_client_assertion(self, metadata):
        kid, pem = self.env["g2p.oidc.key"]._g2p_signing_key(self.oidc_assertion_alg)
        audience = (
            self.oidc_issuer if self.oidc_assertion_audience == "issuer" else metadata["token_endpoint"]
        )
        return jose.build_client_assertion(self.client_id, audience, pem, self.oidc_assertion_alg, kid)

    def _oidc_exchange_code(self, code, code_verifier, redirect_uri=None):
        """The token response for an authorization code (our client authentication included)."""
        self.ensure_one()
        metadata = self._oidc_metadata()
        method = self.oidc_client_auth_method
        return client.token_request(
            metadata["token_endpoint"],
            code=code,
            redirect_uri=redirect_uri or self._oidc_redirect_uri_value(),
            code_verifier=code_verifier,
            client_id=self.client_id,
            auth_method=method,
            client_secret=self.sudo().oidc_client_secret if method != "private_key_jwt" else None,
            client_assertion=self._oidc_client_assertion(metadata) if method == "private_key_jwt" else None,
        )

    def _oidc_requested_acr(self):
        """The acr values our authorization request asks for (the field, else an extra parameter)."""
        self.ensure_one()
        extra = dict(p.split("=", 1) for p in (self.oidc_extra_params or "").split("&") if "=" in p)
        return (self.oidc_acr_values or extra.get("acr_values") or "").split()

    def _oidc_validate_id_token(self, tokens, nonce):
        self.ensure_one()
        metadata = self._oidc_metadata()
        claims = jose.validate_id_token(
            tokens["id_token"],
            self._oidc_jwks_getter(metadata["jwks_uri"]),
            issuer=self.oidc_issuer,
            client_id=self.client_id,
            nonce=nonce,
            allowed_algs=jose.parse_algs(self.oidc_id_token_algs),
            access_token=tokens.get("access_token"),
        )
        # eSignet answers with the acr it actually used (OTP, wallet, biometrics...): it must
        # be one we asked for. Without acr_values, any (or no) acr is accepted.
        requested = self._oidc_requested_acr()
        if requested and claims.get("acr") not in requested:
            raise OIDCError("wrong_acr", f"acr {claims.get('acr')!r} is not one of {' '.join(requested)}")
        return claims

    def _oidc_userinfo(self, tokens, id_claims):
        """Claims about the person: userinfo (verified as configured) over the id_token's."""
        self.ensure_one()
        metadata = self._oidc_metadata()
        claims = {k: v for k, v in id_claims.items() if k not in ("nonce", "at_hash", "c_hash", "aud", "azp")}
        url = metadata.get("userinfo_endpoint")
        if not url:
            return claims
        content_type, body = client.userinfo_request(url, tokens["access_token"])
        userinfo = jose.decode_userinfo(
            content_type,
            body,
            expected=self.oidc_userinfo_format,
            get_jwks=self._oidc_jwks_getter(metadata["jwks_uri"]),
            allowed_algs=jose.parse_algs(self.oidc_id_token_algs),
            decryption_keys=self.env["g2p.oidc.key"]._g2p_decryption_keys(),
            issuer=self.oidc_issuer,
            client_id=self.client_id,
        )
        if userinfo.get("sub") != id_claims["sub"]:
            raise OIDCError("sub_mismatch", "userinfo sub differs from the id_token sub")
        claims.update({k: v for k, v in userinfo.items() if k not in ("aud", "iat", "exp", "nbf", "iss")})
        return claims

    def _oidc_end_session_url(self, id_token, post_logout_redirect_uri):
        self.ensure_one()
        try:
            endpoint = self._oidc_metadata().get("end_session_endpoint")
        except OIDCError as e:
            _logger.warning("OIDC logout: no metadata for %s: %s", self.name, e)
            return None
        if not endpoint:
            return None
        params = {"client_id": self.client_id, "post_logout_redirect_uri": post_logout_redirect_uri}
        if id_token:
            params["id_token_hint"] = id_token
        return endpoint + ("&" if "?" in endpoint else "?") + url_encode(params)
