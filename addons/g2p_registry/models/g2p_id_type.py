# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class G2PIDType(models.Model):
    _name = "g2p.id.type"
    _description = "ID Type"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    id_validation = fields.Char(
        string="Validation Pattern",
        help="Regular expression an ID value of this type must match entirely, "
        r"e.g. \d{10} for ten digits. Leave empty to accept any value.",
    )
    kind = fields.Selection(
        [("foundational", "Foundational"), ("functional", "Functional")],
        required=True,
        default="functional",
        help="Foundational IDs identify a person for every purpose (e.g. a national ID); "
        "functional IDs serve one sector (e.g. a voter card).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "An ID type with this code already exists."),
    ]

    @api.constrains("id_validation")
    def _check_id_validation(self):
        for id_type in self.filtered("id_validation"):
            try:
                re.compile(id_type.id_validation)
            except re.error as err:
                raise ValidationError(
                    _(
                        "The validation pattern of the ID type %(name)s is not a valid "
                        "regular expression: %(error)s",
                        name=id_type.name,
                        error=err,
                    )
                ) from err

    def _g2p_value_is_valid(self, value):
        """True when value is acceptable for this ID type (whole-value match)."""
        self.ensure_one()
        if not self.id_validation:
            return True
        return bool(value) and re.fullmatch(self.id_validation, value) is not None
