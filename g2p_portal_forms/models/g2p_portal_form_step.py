# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class G2PPortalFormStep(models.Model):
    _name = "g2p.portal.form.step"
    _inherit = ["g2p.portal.form.component"]
    _description = "Self-Service Portal Form Step"
    _order = "form_id, sequence, id"

    form_id = fields.Many2one("g2p.portal.form", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    title = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    field_ids = fields.One2many("g2p.portal.form.field", "step_id", "Fields")
    step_number = fields.Integer(
        "Number", compute="_compute_step_number", help="What fields give as their Step to be placed here."
    )

    @api.depends("sequence", "form_id.step_ids.sequence")
    def _compute_step_number(self):
        for step in self:
            steps = step.form_id.step_ids.sorted(lambda s: (s.sequence, s._origin.id or 0))
            step.step_number = list(steps).index(step) + 1 if step in steps else 0

    @api.depends("title")
    def _compute_display_name(self):
        for step in self:
            step.display_name = step.title
