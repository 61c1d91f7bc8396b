# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import AccessError, UserError

from .res_partner import G2P_NAME_PARTS

# User fields that land on the partner, and the verified partner fields that lock each.
G2P_USER_LOCKING_FIELDS = {
    "name": {"name", *G2P_NAME_PARTS},
    "email": {"email"},
}


class ResUsers(models.Model):
    _inherit = "res.users"

    def write(self, vals):
        # Users may write their own name and email (SELF_WRITEABLE_FIELDS, written with
        # sudo by Odoo): a registrant must not change that way what an ID provider verified.
        if not self.env.su and self == self.env.user and vals.keys() & G2P_USER_LOCKING_FIELDS.keys():
            partner = self.partner_id
            if partner.is_registrant and "name" in vals and vals["name"] != self.name:
                # A registrant's name is their given and family names in the registry,
                # edited on the profile page (or verified by an ID provider).
                raise AccessError(_("Change your name on your profile page."))
            if partner.is_registrant:
                verified = partner._g2p_verified_field_names()
                for name in vals.keys() & G2P_USER_LOCKING_FIELDS.keys():
                    if verified & G2P_USER_LOCKING_FIELDS[name]:
                        raise AccessError(
                            _("This detail was verified by your ID provider and cannot be changed here.")
                        )
        return super().write(vals)

    def _g2p_signs_in_with_id_only(self):
        """True for a user who signs in through an ID provider and has no password."""
        self.ensure_one()
        if "oauth_provider_id" not in self._fields or not self.sudo().oauth_provider_id:
            return False
        # The password hash is never read through the ORM.
        self.env.cr.execute("SELECT COALESCE(password, '') = '' FROM res_users WHERE id = %s", [self.id])
        return bool(self.env.cr.fetchone()[0])

    def _deactivate_portal_user(self, **post):
        # Odoo's "Delete account" archives the partner and queues it for deletion: a
        # registrant is a record of the social registry, closed by an officer only.
        if self.partner_id.filtered("is_registrant"):
            raise UserError(
                _(
                    "Your account is linked to your record in the social registry and cannot be "
                    "deleted here; please ask an officer to close it."
                )
            )
        return super()._deactivate_portal_user(**post)

    def _g2p_closes_account_online(self):
        """True when this registrant can close their own account online: by signing in again
        with their ID provider (g2p_portal_auth_oidc's _g2p_closes_account_with_id, when that
        module is installed). Otherwise an officer closes it."""
        self.ensure_one()
        closes_with_id = getattr(self, "_g2p_closes_account_with_id", None)
        return bool(closes_with_id and closes_with_id())
