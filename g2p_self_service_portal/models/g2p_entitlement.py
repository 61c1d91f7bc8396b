# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, models


class G2PEntitlement(models.Model):
    _inherit = "g2p.entitlement"

    @api.model
    def _g2p_portal_funds(self, partners, programs=None):
        """Funds awaited and received, per program and currency, in one SQL query.

        Sums the stored amounts of the entitlements (never the payments), so an
        entitlement paid in several instalments counts once and a failed payment
        counts as nothing received.

        :return: {program_id: [{"currency": res.currency, "awaited": float,
                                "received": float}, ...]}
        """
        domain = [("partner_id", "in", partners.ids)]
        if programs is not None:
            domain.append(("program_id", "in", programs.ids))
        result = defaultdict(list)
        groups = self._read_group(
            domain,
            groupby=["program_id", "currency_id"],
            aggregates=["amount_awaited:sum", "amount_paid:sum"],
        )
        for program, currency, awaited, received in groups:
            result[program.id].append(
                {"currency": currency, "awaited": awaited or 0.0, "received": received or 0.0}
            )
        return dict(result)

    @api.model
    def _g2p_portal_fund_totals(self, partners):
        """Funds awaited and received over all programs, one line per currency."""
        groups = self._read_group(
            [("partner_id", "in", partners.ids)],
            groupby=["currency_id"],
            aggregates=["amount_awaited:sum", "amount_paid:sum"],
            order="currency_id",
        )
        return [
            {"currency": currency, "awaited": awaited or 0.0, "received": received or 0.0}
            for currency, awaited, received in groups
        ]
