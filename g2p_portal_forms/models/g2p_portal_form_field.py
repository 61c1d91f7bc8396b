# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..schema import CONTROL_KEYS, PROFILE_FIELDS, bound_date

FIELD_TYPE_SELECTION = [
    ("char", "Short text"),
    ("text", "Long text"),
    ("number", "Number"),
    ("date", "Date"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("selection", "Single choice"),
    ("multi_selection", "Multiple choice"),
    ("boolean", "Yes / No"),
    ("file", "File upload"),
    ("declaration", "Declaration (box to tick)"),
]

PROFILE_FIELD_SELECTION = [
    ("given_name", "Given name"),
    ("family_name", "Family name"),
    ("addl_name", "Additional name"),
    ("birthdate", "Date of birth"),
    ("gender", "Gender"),
    ("street", "Street"),
    ("street2", "Street 2"),
    ("city", "City"),
    ("zip", "ZIP / postal code"),
    ("phone", "Phone"),
    ("email", "Email"),
]

_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


class G2PPortalFormField(models.Model):
    _name = "g2p.portal.form.field"
    _inherit = ["g2p.portal.form.component"]
    _description = "Self-Service Portal Form Field"
    _order = "form_id, sequence, id"

    form_id = fields.Many2one("g2p.portal.form", required=True, ondelete="cascade", index=True)
    step_id = fields.Many2one(
        "g2p.portal.form.step",
        "Placed on step",
        ondelete="set null",
        domain="[('form_id', '=', form_id)]",
        readonly=True,
        help="Follows the step number.",
    )
    step_number = fields.Integer(
        "Step",
        help="Number of the step (1 = the first one on the Steps tab), usable before saving the "
        "form. 0: the first step.",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        "Key",
        required=True,
        help="Technical key of the answer (lowercase letters, digits and _); keep it stable across versions.",
    )
    label = fields.Char(required=True, translate=True)
    help = fields.Text("Help text", translate=True)
    field_type = fields.Selection(FIELD_TYPE_SELECTION, "Type", required=True, default="char")
    widget = fields.Selection(
        [("radio", "Radio buttons"), ("dropdown", "Dropdown list")],
        "Display choices as",
        default="radio",
    )
    required = fields.Boolean()
    default_value = fields.Char(
        "Default", help="Prefilled answer. Multiple choice: values separated by commas; yes/no: yes or no."
    )
    pattern = fields.Char(help="Regular expression the whole answer must match (text, email, phone).")
    min_value = fields.Char(
        "Minimum",
        help="Number: smallest value. Date: earliest date (YYYY-MM-DD or today). Multiple choice: fewest choices.",
    )
    max_value = fields.Char(
        "Maximum",
        help="Number: largest value. Date: latest date (YYYY-MM-DD or today). Multiple choice: most choices.",
    )
    max_length = fields.Integer("Max length", help="0: no limit.")
    option_ids = fields.One2many("g2p.portal.form.field.option", "field_id", "Choices", copy=True)
    file_kind_ids = fields.Many2many(
        "g2p.portal.form.file.kind",
        string="Accepted files",
        default=lambda self: self.env["g2p.portal.form.file.kind"]._g2p_default_kinds(),
        help="Kinds of files accepted, recognised by their content (not their name).",
    )
    allowed_mimetypes = fields.Char(
        "Allowed file types",
        compute="_compute_allowed_mimetypes",
        store=True,
        readonly=False,
        help="Comma-separated MIME types of the accepted kinds, checked against the file's content.",
    )
    max_size_mb = fields.Float("Max file size (MB)", default=5.0)
    document_type_id = fields.Many2one(
        "g2p.document.type",
        "Document type",
        help="The uploaded file becomes an application document of this type.",
    )
    visible_if_field_id = fields.Many2one(
        "g2p.portal.form.field",
        "Visible if",
        ondelete="set null",
        domain="[('form_id', '=', form_id), ('id', '!=', id)]",
        help="Show this field only when that earlier field has the answer below.",
    )
    visible_if_value = fields.Char(
        "Has answer", help="Value of a choice, yes or no, or the exact text (number: the number)."
    )
    storage = fields.Selection(
        [("answers", "Application answers"), ("profile", "Registrant profile")],
        "Store in",
        required=True,
        default="answers",
    )
    profile_field = fields.Selection(
        PROFILE_FIELD_SELECTION,
        "Profile field",
        help="The registrant profile field that receives the answer. Verified fields are shown read-only.",
    )

    _sql_constraints = [
        ("name_unique", "unique(form_id, name)", "Two fields of a form cannot have the same key."),
        ("max_length_positive", "CHECK(max_length >= 0)", "The maximum length cannot be negative."),
        ("max_size_positive", "CHECK(max_size_mb >= 0)", "The maximum file size cannot be negative."),
    ]

    @api.depends("label", "name")
    def _compute_display_name(self):
        for field in self:
            field.display_name = f"{field.label} ({field.name})" if field.label else field.name

    @api.onchange("label")
    def _onchange_label(self):
        if self.label and not self.name:
            key = re.sub(r"[^a-z0-9]+", "_", self.label.lower()).strip("_")
            self.name = key if _NAME.fullmatch(key or "") else False

    @api.onchange("storage", "profile_field")
    def _onchange_profile_field(self):
        if self.storage == "profile" and self.profile_field:
            self.field_type = PROFILE_FIELDS[self.profile_field]
            if self.profile_field == "gender":
                self.widget = self.widget or "dropdown"
        if self.storage == "answers":
            self.profile_field = False

    @api.constrains("name")
    def _check_name(self):
        for field in self:
            if (
                not _NAME.fullmatch(field.name or "")
                or field.name in CONTROL_KEYS
                or field.name.startswith("g2p_")
            ):
                raise ValidationError(
                    _(
                        "%(row)s, column Key: %(key)s must start with a lowercase letter, use only lowercase "
                        "letters, digits and underscores, and not start with g2p_.",
                        row=field._g2p_row(),
                        key=field.name,
                    )
                )

    @api.constrains("pattern")
    def _check_pattern(self):
        for field in self.filtered("pattern"):
            try:
                re.compile(field.pattern)
            except re.error as error:
                raise ValidationError(
                    _("%(row)s, column Pattern: invalid: %(error)s", row=field._g2p_row(), error=error)
                ) from None

    @api.constrains("min_value", "max_value", "field_type")
    def _check_bounds(self):
        for field in self:
            for bound in (field.min_value, field.max_value):
                if not bound:
                    continue
                try:
                    if field.field_type in ("number", "multi_selection"):
                        float(bound)
                    elif field.field_type == "date":
                        bound_date(bound.strip())
                    else:
                        raise ValueError(bound)
                except ValueError:
                    raise ValidationError(
                        _(
                            "%(row)s, column Minimum/Maximum: %(bound)s does not fit: numbers for number "
                            "and multiple choice fields, YYYY-MM-DD or today for date fields, nothing otherwise.",
                            bound=bound,
                            row=field._g2p_row(),
                        )
                    ) from None

    @api.constrains("storage", "profile_field", "field_type", "form_id")
    def _check_profile_field(self):
        for field in self:
            if field.storage == "answers":
                continue
            if field.profile_field not in PROFILE_FIELDS:
                raise ValidationError(_("Choose the profile field that %s fills.", field.label))
            if PROFILE_FIELDS[field.profile_field] != field.field_type:
                raise ValidationError(
                    _(
                        "%(label)s fills the profile field %(profile)s, which needs the type %(type)s.",
                        label=field.label,
                        profile=field.profile_field,
                        type=dict(FIELD_TYPE_SELECTION)[PROFILE_FIELDS[field.profile_field]],
                    )
                )
            twins = field.form_id.field_ids.filtered(
                lambda f, field=field: f != field
                and f.storage == "profile"
                and f.profile_field == field.profile_field
            )
            if twins:
                raise ValidationError(
                    _("Only one field of a form can fill the profile field %s.", field.profile_field)
                )

    @api.constrains("step_id", "form_id")
    def _check_step(self):
        for field in self.filtered("step_id"):
            if field.step_id.form_id != field.form_id:
                raise ValidationError(_("The step of %s belongs to another form.", field.label))

    def _g2p_row(self):
        """Where the administrator finds this field: its row in the form's Fields tab."""
        self.ensure_one()
        rows = self.form_id.field_ids.sorted(lambda f: (f.sequence, f._origin.id or 0))
        row = list(rows).index(self) + 1 if self in rows else 0
        return _("Fields, row %(row)s (%(label)s)", row=row, label=self.label or self.name or "")

    @api.depends("file_kind_ids")
    def _compute_allowed_mimetypes(self):
        for field in self:
            if field.file_kind_ids:
                field.allowed_mimetypes = ",".join(field.file_kind_ids._g2p_mimetypes())
            elif not field.allowed_mimetypes:
                field.allowed_mimetypes = False

    @api.onchange("field_type")
    def _onchange_field_type_declaration(self):
        if self.field_type == "declaration":
            self.required = True

    def _g2p_position(self):
        self.ensure_one()
        steps = self.form_id.step_ids.sorted("sequence")
        step = self.step_id or steps[:1]
        index = list(steps).index(step) if step in steps else 0
        return (index, self.sequence, self._origin.id or 0)

    def _g2p_options(self, langs):
        translate = self.form_id._g2p_translations
        if self.option_ids:
            return [
                {"value": option.value, "label": translate(option, "label", langs)}
                for option in self.option_ids.sorted("sequence")
            ]
        if self.storage == "profile" and self.profile_field == "gender":
            genders = self.env["g2p.gender.type"].sudo().search([])
            return [{"value": gender.code, "label": translate(gender, "name", langs)} for gender in genders]
        return []

    def _g2p_schema(self, langs):
        self.ensure_one()
        translate = self.form_id._g2p_translations
        is_file = self.field_type == "file"
        declaration = self.field_type == "declaration"
        return {
            "name": self.name,
            "type": self.field_type,
            "widget": self.widget or "radio",
            "label": translate(self, "label", langs),
            "help": translate(self, "help", langs),
            # A declaration must always be ticked when it is shown.
            "required": self.required or declaration,
            "default": self.default_value or None,
            "pattern": self.pattern or None,
            "min": (self.min_value or "").strip() or None,
            "max": (self.max_value or "").strip() or None,
            "max_length": self.max_length or 0,
            "options": self._g2p_options(langs)
            if self.field_type in ("selection", "multi_selection")
            else [],
            "mimetypes": [m.strip() for m in (self.allowed_mimetypes or "").split(",") if m.strip()]
            if is_file
            else [],
            "max_size_mb": self.max_size_mb if is_file else None,
            "document_type_id": self.document_type_id.id or None if is_file else None,
            "visible_if": {"field": self.visible_if_field_id.name, "value": self.visible_if_value or ""}
            if self.visible_if_field_id
            else None,
            "storage": self.storage,
            "profile_field": self.profile_field if self.storage == "profile" else None,
        }
