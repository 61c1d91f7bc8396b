from odoo import http
from odoo.http import request

from .portal import G2PSelfServicePortal


class G2PBenefitPortal(G2PSelfServicePortal):
    """My Benefits: the programs the registrant is enrolled in and their entitlements."""

    @http.route(
        ["/my/benefits", "/my/benefits/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def g2p_my_benefits(self, page=1, **kw):
        partners = self._g2p_partners()
        env = request.env
        memberships = env["g2p.program_membership"].search(
            [("partner_id", "in", partners.ids), ("state", "=", "enrolled")],
            order="enrollment_date desc, id desc",
        )
        Entitlement = env["g2p.entitlement"]
        domain = self._g2p_benefit_domain(partners)
        pager = self._g2p_pager("/my/benefits", Entitlement.search_count(domain), page)
        entitlements = Entitlement.search(
            domain,
            order="approval_date desc, id desc",
            limit=self._g2p_items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_benefits",
                "default_url": "/my/benefits",
                "pager": pager,
                "memberships": memberships,
                "entitlements": entitlements,
                "funds": Entitlement._g2p_portal_funds(partners, memberships.program_id),
            }
        )
        return request.render("g2p_self_service_portal.portal_my_benefits", values)
