# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    g2p_portal_agency_name = fields.Char(
        "Agency name on the portal",
        translate=True,
        help="The agency registrants see running the programs; the company name when empty.",
    )
    g2p_portal_help_phone = fields.Char("Help line", help="Phone number registrants can call for help.")
    g2p_portal_office_hours = fields.Char(
        "Office hours",
        translate=True,
        help="When the help line and offices answer, e.g. 'Monday to Friday, 8:00–16:00'.",
    )
    g2p_portal_privacy_notice = fields.Html(
        "Privacy notice",
        translate=True,
        sanitize=True,
        help="What the agency collects about registrants and why. The portal shows a standard "
        "notice when this is empty.",
    )

    def _g2p_portal_branding(self):
        """What the registrant layout shows about the agency (read once per page)."""
        self.ensure_one()
        return {
            "name": self.g2p_portal_agency_name or self.name,
            "logo_url": False if self.uses_default_logo or not self.logo else f"/logo.png?company={self.id}",
            "help_phone": self.g2p_portal_help_phone,
            "office_hours": self.g2p_portal_office_hours,
        }
