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

    @api.depends("title")
    def _compute_display_name(self):
        for step in self:
            step.display_name = step.title
