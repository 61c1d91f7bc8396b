# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
import logging

from odoo import api, fields, models
from odoo.addons.auth_signup.models.res_partner import SignupError
from odoo.exceptions import AccessDenied
from odoo.http import request

from ..oidc import OIDCError

_logger = logging.getLogger(__name__)

PASSWORD_PARAM = "g2p_portal_auth_oidc.registrant_password_login_disabled"
# Token and protocol claims: not personal data the person agreed to share.
PROTOCOL_CLAIMS = {"sub", "iss", "aud", "azp", "exp", "iat", "nbf", "auth_time", "acr", "amr", "sid", "jti"}
# OpenID Connect Core 2: sub is at most 255 ASCII characters. ID numbers are far shorter.
MAX_SUB_LENGTH = 255
MAX_ID_LENGTH = 100


def _identity_value(value, what, max_length):
    """A sub or ID claim as a clean string, or OIDCError: identities are refused, never
    altered (stripping a character could make them someone else's)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return ""
    value = str(value).strip()
    if "\x00" in value or len(value) > max_length:
        raise OIDCError("invalid_claims", f"{what} has a NUL byte or is over {max_length} characters")
    return value


def _strip_nul(value):
    """``value`` with NUL bytes removed from every string in it (PostgreSQL refuses them)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_strip_nul(k): _strip_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_nul(v) for v in value]
    return value


class ResUsers(models.Model):
    _inherit = "res.users"

    def _g2p_password_login_disabled(self):
        """Registrants (portal users of a registrant) sign in through their ID provider only."""
        self.ensure_one()
        disabled = self.env["ir.config_parameter"].sudo().get_param(PASSWORD_PARAM)
        return bool(disabled) and self.share and self.partner_id.is_registrant

    def _check_credentials(self, password, env):
        user = self.env.user
        # The one-time key of a completed ID provider sign-in: interactive sign-in only,
        # spent by its first use, worthless after a minute.
        if (
            isinstance(password, str)
            and (env or {}).get("interactive")
            and self.env["g2p.oidc.signin.key"].sudo()._g2p_consume(user.id, password)
        ):
            return
        if user._g2p_password_login_disabled():
            raise AccessDenied()
        return super()._check_credentials(password, env)

    @contextlib.contextmanager
    def _assert_can_auth(self, user=None):
        """Odoo's cooldown, plus failures recorded in the database (every node sees them):
        the ID sign-in checks them before it creates or changes anything."""
        with super()._assert_can_auth(user=user):
            if not request:
                yield
                return
            failures = self.env["g2p.oidc.login.failure"].sudo()
            source = request.httprequest.remote_addr
            try:
                yield
            except AccessDenied:
                failures._g2p_record_failure(source)
                raise
            failures._g2p_reset(source)

    @api.model
    def _auth_oauth_validate(self, provider, access_token):
        """auth_oauth's implicit route (/auth_oauth/signin) trusts any bare access token its
        validation URL accepts: no state, nonce, PKCE, signature or audience. A provider set
        to the code flow signs in through our route only, even when a validation URL is
        left over from an earlier implicit set-up."""
        try:
            provider_id = int(provider)
        except (TypeError, ValueError):
            provider_id = None
        record = self.env["auth.oauth.provider"].sudo().browse(provider_id).exists() if provider_id else None
        if record and record.oidc_flow == "oidc_code":
            _logger.warning(
                "OIDC: implicit sign-in refused for %s, which uses the authorization code flow",
                record.name,
            )
            raise AccessDenied()
        return super()._auth_oauth_validate(provider, access_token)

    @api.model
    def _g2p_oidc_signin(self, provider, claims):
        """Find or create the registrant and portal user behind verified ``claims``, refresh
        the verified fields and return (login, one-time key) to authenticate with.
        Runs as superuser after every token check passed; raises OIDCError otherwise."""
        id_type = provider.oidc_id_type_id
        if not id_type:
            raise OIDCError("configuration", f"provider {provider.name} has no ID type")
        sub = _identity_value(claims.get("sub"), "sub", MAX_SUB_LENGTH)
        if not sub or not isinstance(claims.get("sub"), str):
            raise OIDCError("invalid_claims", "sub is not a non-empty string")
        # A blank value (or a JSON true) would match, then merge, everyone who sends one.
        id_value = _identity_value(claims.get(provider.oidc_id_claim or "sub"), "ID", MAX_ID_LENGTH)
        if not id_value:
            raise OIDCError("no_id", f"claim {provider.oidc_id_claim!r} missing or blank")
        claims = _strip_nul(claims)
        mappings = provider.oidc_mapping_ids
        locales = (provider.oidc_claims_locales or "").split() + [self.env.lang or "en_US"]
        values, problems = mappings._g2p_partner_values(claims, locales)
        if problems:
            provider._g2p_note_mapping_problems(problems)

        reg_id = self.env["g2p.reg.id"].search(
            [("id_type", "=", id_type.id), ("value", "=", id_value)], limit=1
        )
        if reg_id:
            # A revoked or invalid ID no longer identifies anyone here, whatever the provider
            # says. An expired one still names the person the provider vouched for.
            if reg_id.status in ("revoked", "invalid"):
                raise OIDCError("id_not_valid", f"ID {id_type.code} {reg_id.id} is {reg_id.status}")
            partner = reg_id.partner_id
            if not partner.is_registrant or partner.is_group:
                raise OIDCError("not_registrant", f"ID {id_type.code} belongs to a non-individual partner")
            partner.write(values)
        elif provider.oidc_allow_signup:
            if not values.get("name") and not values.get("given_name"):
                values["name"] = id_value
            partner = self.env["res.partner"].create(
                {
                    **values,
                    "is_registrant": True,
                    "reg_ids": [(0, 0, {"id_type": id_type.id, "value": id_value})],
                }
            )
            reg_id = partner.reg_ids
            _logger.info("OIDC: registered new registrant %s from %s", partner.id, provider.name)
        else:
            raise OIDCError("unknown_id", f"no registrant with {id_type.code} from {provider.name}")

        reg_id._g2p_mark_verified("id_provider", provider.name)
        partner._g2p_mark_verified(set(values), provider.name)
        if values.get("phone") and values["phone"] not in partner.phone_number_ids.mapped("phone_no"):
            self.env["g2p.phone.number"].create({"partner_id": partner.id, "phone_no": values["phone"]})
        shared = sorted(k for k in claims if k not in PROTOCOL_CLAIMS)
        user = self._g2p_oidc_user(provider, partner, sub, id_type, id_value)
        acr = claims.get("acr")
        self.env["g2p.oidc.consent"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "provider_id": provider.id,
                "claims": ", ".join(shared),
                "acr": acr if isinstance(acr, str) and acr else False,
                "consented_at": fields.Datetime.now(),
            }
        )
        return user.login, self.env["g2p.oidc.signin.key"]._g2p_issue(user)

    @api.model
    def _g2p_oidc_user(self, provider, partner, sub, id_type, id_value):
        users = self.with_context(active_test=False).search([("partner_id", "=", partner.id)])
        # Every account of the person counts, not the first by name: a partner shared with a
        # staff account is never signed into nor rewritten from an ID provider.
        if users.filtered(lambda u: not u.share):
            # Staff accounts keep signing in with their own credentials.
            raise OIDCError("staff_account", f"users {users.ids} include an internal one")
        user = users[:1]
        same_sub = self.with_context(active_test=False).search(
            [("oauth_provider_id", "=", provider.id), ("oauth_uid", "=", sub)], limit=1
        )
        if same_sub and same_sub != user:
            raise OIDCError("account_conflict", f"sub already linked to user {same_sub.id}")
        if user:
            if not user.active:
                # Closed by its owner (res_users_account_close.py) or by an officer.
                raise OIDCError("account_closed", f"user {user.id} is archived")
            # No reusable secret is kept: the one-time key lives in g2p.oidc.signin.key.
            user.write({"oauth_provider_id": provider.id, "oauth_uid": sub, "oauth_access_token": False})
            return user
        login = f"{(id_type.code or 'id').lower()}-{id_value}"
        if self.with_context(active_test=False).search_count([("login", "=", login)]):
            raise OIDCError("account_conflict", "the login derived from this ID is taken by another user")
        # Core's sign-up path: a copy of the portal template user (base.template_portal_user_id),
        # so a deployment's template settings (groups, language, notifications) apply.
        try:
            return self.with_context(no_reset_password=True)._signup_create_user(
                {"login": login, "partner_id": partner.id, "oauth_provider_id": provider.id, "oauth_uid": sub}
            )
        except (SignupError, ValueError) as e:
            raise OIDCError("configuration", f"portal sign-up failed: {e}") from e
