# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from .portal import G2PSelfServicePortal

# The tiles of a registrant's /my page, with the counter each shows.
HOME_COUNTERS = ("g2p_program_count", "g2p_open_program_count", "g2p_application_count", "g2p_benefit_count")


class G2PRegistrantHome(G2PSelfServicePortal):
    """A registrant's /my: the tiles with their counts, and the applications left half-way."""

    @http.route()
    def home(self, **kw):
        user = request.env.user
        if user._is_public() or not user.partner_id.is_registrant:
            return super().home(**kw)
        partners = self._g2p_partners()
        values = self._prepare_portal_layout_values()
        # Counted on the server: the page needs no script to show them.
        values.update(self._prepare_home_portal_values(list(HOME_COUNTERS)))
        values.update(
            {
                "page_name": "home",
                "g2p_drafts": self._g2p_draft_rows(partners),
                "g2p_registrant": user.partner_id,
                "g2p_discarded": bool(kw.get("discarded")),
            }
        )
        return request.render("g2p_self_service_portal.portal_registrant_home", values)
