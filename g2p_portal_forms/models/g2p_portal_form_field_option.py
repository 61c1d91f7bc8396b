# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .g2p_portal_form import NO_SYNC


class G2PPortalFormFieldOption(models.Model):
    _name = "g2p.portal.form.field.option"
    _description = "Self-Service Portal Form Field Choice"
    _order = "field_id, sequence, id"

    field_id = fields.Many2one("g2p.portal.form.field", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    value = fields.Char(
        required=True,
        compute="_compute_value",
        store=True,
        readonly=False,
        precompute=True,
        help="Stored with the answers; derived from the label when left empty. Keep it stable across versions.",
    )
    label = fields.Char(required=True, translate=True)

    _sql_constraints = [
        ("value_unique", "unique(field_id, value)", "Two choices of a field cannot have the same value."),
    ]

    @api.depends("label")
    def _compute_value(self):
        for option in self:
            if not option.value and option.label:
                option.value = self._g2p_value_from_label(option.label)

    @api.model
    def _g2p_value_from_label(self, label):
        value = re.sub(r"[^\w]+", "_", (label or "").strip().lower()).strip("_")
        return value or False

    def _g2p_row(self):
        self.ensure_one()
        siblings = self.field_id.option_ids.sorted(lambda o: (o.sequence, o._origin.id or 0))
        row = list(siblings).index(self) + 1 if self in siblings else 0
        return _(
            "%(field_row)s, Choices row %(row)s (%(label)s)",
            field_row=self.field_id._g2p_row(),
            row=row,
            label=self.label or "",
        )

    @api.constrains("value")
    def _check_value(self):
        for option in self:
            if option.value != option.value.strip() or "," in option.value:
                raise ValidationError(
                    _(
                        "%(row)s, column Value: a value cannot contain commas or surrounding spaces: %(value)s",
                        row=option._g2p_row(),
                        value=option.value,
                    )
                )
            twins = option.field_id.option_ids.filtered(
                lambda o, option=option: o != option and o.value == option.value
            )
            if twins:
                raise ValidationError(
                    _(
                        "%(row)s, column Value: another choice of this field has the value %(value)s.",
                        row=option._g2p_row(),
                        value=option.value,
                    )
                )

    def _g2p_check_new_values(self, vals_list):
        """Duplicates named by row before the database's unique index answers without one."""
        Field = self.env["g2p.portal.form.field"]
        taken = {}
        for vals in vals_list:
            value = vals.get("value") or self._g2p_value_from_label(vals.get("label"))
            field_id = vals.get("field_id")
            if not value or not field_id:
                continue
            if field_id not in taken:
                taken[field_id] = {v: "" for v in Field.browse(field_id).option_ids.mapped("value")}
            if value in taken[field_id]:
                raise ValidationError(
                    _(
                        "%(field_row)s, Choices row %(row)s (%(label)s), column Value: another choice of this "
                        "field has the value %(value)s.",
                        field_row=Field.browse(field_id)._g2p_row(),
                        row=len(taken[field_id]) + 1,
                        label=vals.get("label") or "",
                        value=value,
                    )
                )
            taken[field_id][value] = vals.get("label")

    def _g2p_sync_forms(self, forms):
        if not self.env.context.get(NO_SYNC):
            forms.exists()._g2p_sync_version()

    @api.model_create_multi
    def create(self, vals_list):
        self._g2p_check_new_values(vals_list)
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
