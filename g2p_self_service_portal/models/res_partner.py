# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# Profile fields a registrant may change from the portal. Anything else posted to the
# profile form is ignored: the portal never writes a key it did not list here.
G2P_PORTAL_PROFILE_FIELDS = (
    "given_name",
    "addl_name",
    "family_name",
    "birthdate",
    "gender",
    "email",
    "phone",
    "street",
    "street2",
    "city",
    "zip",
    "country_id",
)

# A verified "name" covers its parts: changing a part would change the verified name.
G2P_NAME_PARTS = ("given_name", "addl_name", "family_name")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _g2p_portal_partners(self):
        """The partners this registrant acts for on the portal.

        The registrant themself, plus the households they currently head: group
        programs are applied to and paid to the household, through its head.
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        # sudo: a registrant may not read group memberships; we only read the
        # memberships of this very partner, who is the signed-in registrant.
        heads = (
            self.env["g2p.group.membership"]
            .sudo()
            .search(
                [
                    ("individual", "=", self.id),
                    ("is_head", "=", True),
                    "|",
                    ("ended_date", "=", False),
                    ("ended_date", ">", today),
                ]
            )
        )
        households = heads.group.filtered("active")
        return self | households.with_env(self.env)

    def _g2p_portal_profile_fields(self):
        return list(G2P_PORTAL_PROFILE_FIELDS)

    def _g2p_portal_locked_fields(self):
        """Profile fields the registrant may not change: those verified by an ID provider."""
        self.ensure_one()
        verified = set(self._g2p_verified_field_names())
        locked = verified & set(G2P_PORTAL_PROFILE_FIELDS)
        if "name" in verified:
            locked |= set(G2P_NAME_PARTS)
        return locked
