# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

OFFICER_GROUP = "g2p_registry.group_g2p_registry_officer"

# Whoever may edit an ID must not also be able to vouch for it: only officers (or
# trusted server code running as superuser) set these.
VERIFICATION_FIELDS = frozenset(
    {
        "is_verified",
        "verified_at",
        "verified_by_id",
        "verification_method",
        "verification_source",
    }
)


class G2PRegID(models.Model):
    _name = "g2p.reg.id"
    _description = "Registrant ID"
    _rec_name = "value"
    _order = "partner_id, id_type, id"

    partner_id = fields.Many2one(
        "res.partner", string="Registrant", required=True, index=True, ondelete="cascade"
    )
    id_type = fields.Many2one("g2p.id.type", string="ID Type", required=True, index=True)
    id_type_kind = fields.Selection(related="id_type.kind", string="ID Kind")
    value = fields.Char(string="ID Number", required=True, index=True)
    status = fields.Selection(
        [
            ("valid", "Valid"),
            ("invalid", "Invalid"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
        ],
        required=True,
        default="valid",
    )
    expiry_date = fields.Date()
    description = fields.Char()
    is_verified = fields.Boolean(string="Verified", readonly=True, copy=False)
    verified_at = fields.Datetime(readonly=True, copy=False)
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    verification_method = fields.Selection(
        [
            ("id_provider", "ID provider"),
            ("biometric", "Biometric authentication"),
            ("document", "Document check"),
            ("manual", "Manual check"),
        ],
        readonly=True,
        copy=False,
    )
    verification_source = fields.Char(
        readonly=True, copy=False, help="Who confirmed the ID, e.g. the ID provider's name."
    )

    _sql_constraints = [
        (
            "id_type_value_unique",
            "unique(id_type, value)",
            "This ID number is already registered for this ID type.",
        ),
    ]

    @api.depends("id_type", "value")
    def _compute_display_name(self):
        for reg_id in self:
            if reg_id.id_type:
                reg_id.display_name = f"{reg_id.id_type.name}: {reg_id.value or ''}"
            else:
                reg_id.display_name = reg_id.value or ""

    @api.constrains("id_type", "value")
    def _check_value_format(self):
        # The pattern is configuration: validate against it whoever is editing the ID.
        for reg_id in self.sudo():
            if not reg_id.id_type._g2p_value_is_valid(reg_id.value):
                raise ValidationError(
                    _(
                        "%(value)s is not a valid %(id_type)s: it does not match the " "expected format.",
                        value=reg_id.value,
                        id_type=reg_id.id_type.name,
                    )
                )

    def _check_verification_rights(self, vals, creating=False):
        touched = VERIFICATION_FIELDS.intersection(vals)
        if creating:
            # Forms send every field on create, so only a real claim of verification counts.
            touched = {name for name in touched if vals[name]}
        if touched and not (self.env.su or self.env.user.has_group(OFFICER_GROUP)):
            raise AccessError(_("Only registry officers can record the verification of an ID."))

    @staticmethod
    def _normalize_vals(vals):
        if isinstance(vals.get("value"), str):
            vals["value"] = vals["value"].strip()
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_vals(vals)
            self._check_verification_rights(vals, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._normalize_vals(vals)
        self._check_verification_rights(vals)
        return super().write(vals)

    def _g2p_mark_verified(self, method, source=None):
        """Record that these IDs were confirmed now by the current user with ``method``."""
        self.write(
            {
                "is_verified": True,
                "verified_at": fields.Datetime.now(),
                "verified_by_id": self.env.uid,
                "verification_method": method,
                "verification_source": source or False,
            }
        )

    def action_mark_verified(self):
        self._g2p_mark_verified("manual", self.env.user.name)

    def action_clear_verification(self):
        self.write(
            {
                "is_verified": False,
                "verified_at": False,
                "verified_by_id": False,
                "verification_method": False,
                "verification_source": False,
            }
        )
