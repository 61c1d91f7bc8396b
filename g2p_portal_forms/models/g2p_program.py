# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models


class G2PProgram(models.Model):
    _inherit = "g2p.program"

    portal_form_id = fields.Many2one(
        "g2p.portal.form",
        "Portal form",
        ondelete="restrict",
        tracking=True,
        help="The form registrants fill to apply on the self-service portal; empty: a plain confirmation.",
    )

    def _g2p_publish_checks(self):
        problems = super()._g2p_publish_checks()
        form = self.portal_form_id
        if form:
            if not form.active:
                problems.append(_("Its portal form %s is archived.", form.name))
            problems += form._g2p_form_problems(programs=self)
        return problems
