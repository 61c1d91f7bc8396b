# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A registrant who signs in with their ID closes their portal account themselves, after
signing in again at their ID provider (controllers/account_close.py checks that).

Odoo's ``_deactivate_portal_user`` archives the partner and queues the user and partner for
deletion: a registrant's partner is their record in the social registry (applications,
entitlements, payments), so only the portal USER is closed here and the record stays."""

import logging
import time

from odoo import SUPERUSER_ID, models
from odoo.exceptions import AccessDenied

_logger = logging.getLogger(__name__)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _g2p_closes_account_with_id(self):
        """True when this portal user of a registrant can close their account by signing in
        again with the ID provider their account is linked to."""
        self.ensure_one()
        user = self.sudo()
        provider = user.oauth_provider_id
        return bool(
            user.share
            and user.active
            and user.partner_id.is_registrant
            and user.oauth_uid
            and provider
            and provider.active
            and provider.enabled
            and provider.oidc_flow == "oidc_code"
        )

    def _g2p_close_account_after_id_check(self, provider, sub):
        """Close this account; ``provider`` and ``sub`` are what the ID provider has just
        confirmed, and must be the ones this account is linked to."""
        self.ensure_one()
        user = self.sudo()
        if (
            not self._g2p_closes_account_with_id()
            or user.oauth_provider_id != provider
            or user.oauth_uid != sub
        ):
            raise AccessDenied()
        _logger.info("Account #%s closed by its owner after signing in again with %s", user.id, provider.name)
        # As Odoo's account deletion: no login, no password, no API key; plus no ID link, so
        # nothing signs in to this account again. The registrant's partner stays active.
        user.write(
            {
                "login": f"__closed_user_{user.id}_{time.time()}",
                "password": "",
                "oauth_uid": False,
                "oauth_access_token": False,
            }
        )
        user.api_key_ids._remove()
        # A user cannot archive themselves (res.users._check_deactivate): as Odoo does.
        user.with_user(SUPERUSER_ID).action_archive()
        return True
