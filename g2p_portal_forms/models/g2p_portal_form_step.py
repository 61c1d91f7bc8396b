from odoo import api, fields, models

from .g2p_portal_form import NO_SYNC


class G2PPortalFormStep(models.Model):
    _name = "g2p.portal.form.step"
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

    def _g2p_sync_forms(self, forms):
        if not self.env.context.get(NO_SYNC):
            forms.exists()._g2p_sync_version()

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        self._g2p_sync_forms(steps.form_id)
        return steps

    def write(self, vals):
        forms = self.form_id
        result = super().write(vals)
        self._g2p_sync_forms(forms | self.form_id)
        return result

    def unlink(self):
        forms = self.form_id
        result = super().unlink()
        self._g2p_sync_forms(forms)
        return result
