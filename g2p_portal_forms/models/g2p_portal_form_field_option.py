from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .g2p_portal_form import NO_SYNC


class G2PPortalFormFieldOption(models.Model):
    _name = "g2p.portal.form.field.option"
    _description = "Self-Service Portal Form Field Choice"
    _order = "field_id, sequence, id"

    field_id = fields.Many2one("g2p.portal.form.field", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    value = fields.Char(required=True, help="Stored with the answers; keep it stable across versions.")
    label = fields.Char(required=True, translate=True)

    _sql_constraints = [
        ("value_unique", "unique(field_id, value)", "Two choices of a field cannot have the same value."),
    ]

    @api.constrains("value")
    def _check_value(self):
        for option in self:
            if option.value != option.value.strip() or "," in option.value:
                raise ValidationError(
                    _("The value of a choice cannot contain commas or surrounding spaces: %s", option.value)
                )

    def _g2p_sync_forms(self, forms):
        if not self.env.context.get(NO_SYNC):
            forms.exists()._g2p_sync_version()

    @api.model_create_multi
    def create(self, vals_list):
        options = super().create(vals_list)
        self._g2p_sync_forms(options.field_id.form_id)
        return options

    def write(self, vals):
        forms = self.field_id.form_id
        result = super().write(vals)
        self._g2p_sync_forms(forms | self.field_id.form_id)
        return result

    def unlink(self):
        forms = self.field_id.form_id
        result = super().unlink()
        self._g2p_sync_forms(forms)
        return result
