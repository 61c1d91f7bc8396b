# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class G2PProgramDashboard(models.Model):
    """A program's dashboard: Odoo graph and pivot views, limited to the program."""

    _inherit = "g2p.program"

    def _g2p_dashboard_action(self, xmlid, name):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(
            {
                "name": _("%(name)s: %(program)s", name=name, program=self.name),
                "domain": [("program_id", "=", self.id)],
                "context": {},
            }
        )
        return action

    def action_open_dashboard(self):
        return self._g2p_dashboard_action(
            "g2p_programs.action_g2p_dashboard_applications", _("Applications by status")
        )

    def action_open_beneficiary_dashboard(self):
        return self._g2p_dashboard_action(
            "g2p_programs.action_g2p_dashboard_beneficiaries", _("Beneficiaries")
        )

    def action_open_entitlement_dashboard(self):
        return self._g2p_dashboard_action(
            "g2p_programs.action_g2p_dashboard_entitlements", _("Entitlements and payments")
        )
