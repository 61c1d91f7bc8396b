# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, http
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
                "g2p_payments": self._g2p_payments(partners),
                "g2p_next_payments": self._g2p_next_payments(memberships.program_id),
                "payment_statuses": dict(env["g2p.payment"]._fields["status"]._description_selection(env)),
            }
        )
        return request.render("g2p_self_service_portal.portal_my_benefits", values)

    # Presentation helpers (one query each, whatever the number of payments or cycles).

    def _g2p_payments(self, partners):
        """The registrant's latest payments, newest first (read under the portal rules)."""
        return request.env["g2p.payment"].search(
            [("partner_id", "in", partners.ids)],
            order="payment_date desc, id desc",
            limit=self._g2p_items_per_page,
        )

    def _g2p_next_payments(self, programs):
        """{program_id: date} of the next planned cycle of each program the registrant is
        enrolled in, from today on (one grouped query)."""
        if not programs:
            return {}
        # sudo: registrants do not read cycles; only the planned start date of cycles of
        # programs they are enrolled in (checked by the caller) is shown.
        groups = (
            request.env["g2p.cycle"]
            .sudo()
            ._read_group(
                [
                    ("program_id", "in", programs.ids),
                    ("state", "in", ("draft", "to_approve", "approved")),
                    ("start_date", ">=", fields.Date.context_today(request.env.user)),
                ],
                ["program_id"],
                ["start_date:min"],
            )
        )
        return {program.id: start for program, start in groups}
