# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging

from odoo import _, models
from odoo.exceptions import UserError

from ..oidc import OIDCError, flow, jose

_logger = logging.getLogger(__name__)

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
# OpenID Connect Core 5.1 standard claims: birthdate is YYYY-MM-DD, gender lower case.
GENERIC_MAPPING = [
    ("given_name", "given_name", {}),
    ("middle_name", "addl_name", {}),
    ("family_name", "family_name", {}),
    ("name", "name", {}),
    ("birthdate", "birthdate", {"date_format": "%Y-%m-%d"}),
    ("gender", "gender", {"value_map": "female=female, male=male, other=other"}),
    ("email", "email", {}),
    ("phone_number", "phone", {}),
    ("address.street_address", "street", {}),
    ("address.locality", "city", {}),
    ("address.postal_code", "zip", {}),
    ("address.country", "country", {}),
]
GENERIC_SCOPES = ("openid", "profile", "email", "phone", "address")


def _mapping_commands(mapping):
    return [(5, 0, 0)] + [
        (0, 0, {"claim": claim, "target": target, "sequence": i, **extra})
        for i, (claim, target, extra) in enumerate(mapping)
    ]


def _supported(found, key, ours, default):
    """The values of ours the provider lists under ``key`` (in our order), else default."""
    listed = found.get(key)
    if not isinstance(listed, list):
        return list(default)
    return [v for v in ours if v in listed]


class AuthOAuthProviderPresets(models.Model):
    _inherit = "auth.oauth.provider"

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
                    "oidc_mapping_ids": _mapping_commands(ESIGNET_MAPPING),
                }
            )

    def _oidc_apply_generic_preset(self, found):
        """Fill in a plain OpenID Connect provider from its discovery document ``found``:
        the client authentication, algorithms and scopes it supports, userinfo in
        whatever format it answers, standard claims with ISO dates, ``sub`` as the ID."""
        self.ensure_one()
        self.env["g2p.oidc.key"]._g2p_ensure_keys()
        methods = _supported(
            found,
            "token_endpoint_auth_methods_supported",
            ("client_secret_basic", "client_secret_post", "private_key_jwt"),
            ("client_secret_basic",),
        )
        if not self.sudo().oidc_client_secret and "private_key_jwt" in methods:
            methods.insert(0, "private_key_jwt")
        id_algs = _supported(found, "id_token_signing_alg_values_supported", jose.SIGNING_ALGS, ("RS256",))
        assertion_algs = _supported(
            found, "token_endpoint_auth_signing_alg_values_supported", jose.ASSERTION_ALGS, ("RS256",)
        )
        scopes = _supported(found, "scopes_supported", GENERIC_SCOPES, ("openid", "profile", "email"))
        self.write(
            {
                "oidc_flow": "oidc_code",
                "oidc_use_discovery": True,
                "oidc_client_auth_method": (methods or ["client_secret_basic"])[0],
                "oidc_assertion_alg": (assertion_algs or ["RS256"])[0],
                "oidc_assertion_audience": "token_endpoint",
                "oidc_id_token_algs": " ".join(id_algs) or "RS256",
                "oidc_userinfo_format": "auto",
                "oidc_acr_values": False,
                "oidc_claims": False,
                "oidc_claims_locales": False,
                "scope": " ".join(["openid"] + [s for s in scopes if s != "openid"]),
                "oidc_id_claim": "sub",
                "oidc_logout": bool(found.get("end_session_endpoint")),
                "oidc_mapping_ids": _mapping_commands(GENERIC_MAPPING),
            }
        )

    def action_oidc_esignet_preset(self):
        self.ensure_one()
        self._oidc_apply_esignet_preset()
        if self.oidc_issuer:
            try:
                flow.metadata(self, refresh=True)
            except OIDCError as e:
                _logger.warning("OIDC preset: discovery of %s failed: %s", self.oidc_issuer, e)
        return True

    def action_oidc_generic_preset(self):
        self.ensure_one()
        if not self.oidc_issuer:
            raise UserError(_("Enter the provider's issuer first: the preset is read from its discovery."))
        self.oidc_use_discovery = True
        try:
            found = flow.metadata(self, refresh=True)
        except OIDCError as e:
            raise UserError(_("Discovery failed: %s", e.detail or e.reason)) from e
        self._oidc_apply_generic_preset(found)
        flow.forget_jwks(self)
        return True
