# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the builder offers for one field: condition values chosen from what the
condition's field can take, step numbers usable before saving, file kinds."""

from odoo import _, api, fields, models

from ..schema import CONDITION_TYPES, yes_no

YES_NO = [("yes", "Yes"), ("no", "No")]


class G2PPortalFormFieldBuilder(models.Model):
    _inherit = "g2p.portal.form.field"
    # Administrators look fields up by what they read (the label), not only the key.
    _rec_names_search = ["label", "name"]

    visible_if_type = fields.Selection(related="visible_if_field_id.field_type", string="Condition type")
    visible_if_option_id = fields.Many2one(
        "g2p.portal.form.field.option",
        "Has choice",
        compute="_compute_visible_if_choice",
        inverse="_inverse_visible_if_choice",
        domain="[('field_id', '=', visible_if_field_id)]",
        help="The choice of the condition's field that shows this field.",
    )
    visible_if_answer = fields.Selection(
        YES_NO,
        "Has yes/no answer",
        compute="_compute_visible_if_choice",
        inverse="_inverse_visible_if_choice",
        help="The yes/no answer (or the ticked declaration) that shows this field.",
    )

    @api.depends("visible_if_field_id", "visible_if_value")
    def _compute_visible_if_choice(self):
        for field in self:
            controller = field.visible_if_field_id
            value = (field.visible_if_value or "").strip()
            field.visible_if_option_id = controller.option_ids.filtered(lambda o, v=value: o.value == v)[:1]
            field.visible_if_answer = yes_no(value) or False

    def _inverse_visible_if_choice(self):
        for field in self:
            value = field._g2p_condition_value_from_helpers()
            if value is not None and value != field.visible_if_value:
                field.visible_if_value = value

    def _g2p_condition_value_from_helpers(self):
        ftype = self.visible_if_field_id.field_type
        if ftype in ("selection", "multi_selection") and self.visible_if_option_id:
            return self.visible_if_option_id.value
        if ftype in ("boolean", "declaration") and self.visible_if_answer:
            return self.visible_if_answer
        return None

    @api.onchange("visible_if_option_id", "visible_if_answer")
    def _onchange_visible_if_helpers(self):
        value = self._g2p_condition_value_from_helpers()
        if value is not None:
            self.visible_if_value = value

    @api.onchange("visible_if_field_id")
    def _onchange_visible_if_field(self):
        if not self.visible_if_field_id:
            self.visible_if_value = False
        elif self.visible_if_field_id.field_type in ("boolean", "declaration") and not yes_no(
            self.visible_if_value
        ):
            self.visible_if_value = "yes"

    @api.model_create_multi
    def create(self, vals_list):
        Kind = self.env["g2p.portal.form.file.kind"]
        for vals in vals_list:
            if "step_id" in vals and "step_number" not in vals:
                vals["step_number"] = 0  # filled in from the step by the form
            if vals.get("allowed_mimetypes") and "file_kind_ids" not in vals:
                kinds, _unknown = Kind._g2p_kinds_for(vals["allowed_mimetypes"].split(","))
                vals["file_kind_ids"] = [fields.Command.set(kinds.ids)]
        return super().create(vals_list)

    def write(self, vals):
        if "step_id" in vals and "step_number" not in vals:
            vals = dict(vals, step_number=0)
        return super().write(vals)

    # -- checks of one field -----------------------------------------------------------------
    def _g2p_condition_error(self):
        """What is wrong with this field's condition (translated, naming the row), or False."""
        self.ensure_one()
        controller = self.visible_if_field_id
        if not controller:
            return False
        row = self._g2p_row()
        if controller.form_id != self.form_id:
            return _("%(row)s, column Visible if: the field is from another form.", row=row)
        if controller == self or controller._g2p_position() >= self._g2p_position():
            return _(
                "%(row)s, column Visible if: %(label)s is not placed before this field; a condition can "
                "only depend on an earlier field.",
                row=row,
                label=controller.label,
            )
        if controller.field_type not in CONDITION_TYPES:
            return _(
                "%(row)s, column Visible if: %(label)s is a %(type)s field, which a condition cannot test.",
                row=row,
                label=controller.label,
                type=dict(self._fields["field_type"]._description_selection(self.env))[controller.field_type],
            )
        value = (self.visible_if_value or "").strip()
        if not value:
            return _("%(row)s, column Has answer: choose the answer that shows this field.", row=row)
        ftype = controller.field_type
        if ftype in ("selection", "multi_selection"):
            values = controller.option_ids.mapped("value")
            if values and value not in values:
                return _(
                    "%(row)s, column Has answer: %(label)s has no choice %(value)s (its choices: %(values)s).",
                    row=row,
                    label=controller.label,
                    value=value,
                    values=", ".join(values),
                )
        elif ftype == "boolean" and not yes_no(value):
            return _(
                "%(row)s, column Has answer: %(label)s is answered yes or no.",
                row=row,
                label=controller.label,
            )
        elif ftype == "declaration" and yes_no(value) != "yes":
            return _(
                "%(row)s, column Has answer: %(label)s is a declaration; only its ticked state (yes) can show "
                "a field.",
                row=row,
                label=controller.label,
            )
        elif ftype == "number":
            try:
                float(value)
            except ValueError:
                return _(
                    "%(row)s, column Has answer: %(label)s is a number.", row=row, label=controller.label
                )
        return False

    def _g2p_file_kind_error(self):
        self.ensure_one()
        if self.field_type != "file":
            return False
        mimetypes = [m for m in (self.allowed_mimetypes or "").split(",") if m.strip()]
        _kinds, unknown = self.env["g2p.portal.form.file.kind"]._g2p_kinds_for(mimetypes)
        if unknown:
            return _(
                "%(row)s, column Accepted files: %(unknown)s is not a known kind of file; choose among the "
                "listed kinds.",
                row=self._g2p_row(),
                unknown=", ".join(unknown),
            )
        return False
