import logging

from odoo import api, fields, models
from odoo.exceptions import AccessDenied

from ..oidc import OIDCError

_logger = logging.getLogger(__name__)

PASSWORD_PARAM = "g2p_portal_auth_oidc.registrant_password_login_disabled"
# Token and protocol claims: not personal data the person agreed to share.
PROTOCOL_CLAIMS = {"sub", "iss", "aud", "azp", "exp", "iat", "nbf", "auth_time", "acr", "amr", "sid", "jti"}


class ResUsers(models.Model):
    _inherit = "res.users"

    def _g2p_password_login_disabled(self):
        """Registrants (portal users of a registrant) sign in through their ID provider only."""
        self.ensure_one()
        disabled = self.env["ir.config_parameter"].sudo().get_param(PASSWORD_PARAM)
        return bool(disabled) and self.share and self.partner_id.is_registrant

    def _check_credentials(self, password, env):
        user = self.env.user
        if user._g2p_password_login_disabled():
            # Only the one-time key set by a completed ID provider sign-in is accepted.
            if not password or not self.sudo().search_count(
                [("id", "=", user.id), ("oauth_access_token", "=", password)]
            ):
                raise AccessDenied()
            return
        return super()._check_credentials(password, env)

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
    def _g2p_oidc_signin(self, provider, claims, session_key):
        """Find or create the registrant and portal user behind verified ``claims``, refresh
        the verified fields and return the login to authenticate with ``session_key``.
        Runs as superuser after every token check passed; raises OIDCError otherwise."""
        id_type = provider.oidc_id_type_id
        if not id_type:
            raise OIDCError("configuration", f"provider {provider.name} has no ID type")
        id_value = claims.get(provider.oidc_id_claim or "sub")
        # A blank value (or a JSON true) would match, then merge, everyone who sends one.
        if isinstance(id_value, bool) or not isinstance(id_value, (str, int)):
            id_value = None
        id_value = str(id_value).strip() if id_value is not None else ""
        if not id_value:
            raise OIDCError("no_id", f"claim {provider.oidc_id_claim!r} missing or blank")
        sub = str(claims["sub"])
        mappings = provider.oidc_mapping_ids
        locales = (provider.oidc_claims_locales or "").split() + [self.env.lang or "en_US"]
        values = mappings._g2p_partner_values(claims, locales)

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
        user = self._g2p_oidc_user(provider, partner, sub, id_type, id_value, session_key)
        self.env["g2p.oidc.consent"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "provider_id": provider.id,
                "claims": ", ".join(shared),
                "acr": claims.get("acr") or False,
                "consented_at": fields.Datetime.now(),
            }
        )
        return user.login

    @api.model
    def _g2p_oidc_user(self, provider, partner, sub, id_type, id_value, session_key):
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
                raise OIDCError("staff_account", f"user {user.id} is archived")
            user.write(
                {"oauth_provider_id": provider.id, "oauth_uid": sub, "oauth_access_token": session_key}
            )
            return user
        login = f"{(id_type.code or 'id').lower()}-{id_value}"
        if self.with_context(active_test=False).search_count([("login", "=", login)]):
            raise OIDCError("account_conflict", "the login derived from this ID is taken by another user")
        return self.with_context(no_reset_password=True).create(
            {
                "login": login,
                "partner_id": partner.id,
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
                "oauth_provider_id": provider.id,
                "oauth_uid": sub,
                "oauth_access_token": session_key,
            }
        )
