# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request


class G2PPortalBranding(http.Controller):
    """Public pages about the agency running the programs."""

    @http.route("/privacy-notice", type="http", auth="public", website=True, sitemap=True)
    def g2p_privacy_notice(self, **kw):
        company = request.env.company.sudo()
        return request.render(
            "g2p_self_service_portal.privacy_notice",
            {"g2p_notice": company.g2p_portal_privacy_notice, "page_name": "g2p_privacy"},
        )
