# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

NAME_PARTS = ("given_name", "addl_name", "family_name")


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_registrant = fields.Boolean(index=True)
    is_group = fields.Boolean(
        string="Is a Group", index=True, help="Checked for households and other groups."
    )
    given_name = fields.Char(tracking=True)
    family_name = fields.Char(tracking=True)
    addl_name = fields.Char(string="Additional Name", tracking=True)
    birthdate = fields.Date(string="Date of Birth", tracking=True)
    birthdate_not_exact = fields.Boolean(
        string="Approximate Birth Date", help="The birth date is an estimate."
    )
    age = fields.Integer(compute="_compute_age")
    age_text = fields.Char("Age", compute="_compute_age")
    gender = fields.Selection(selection="_selection_gender", tracking=True)
    registration_date = fields.Date()
    phone_number_ids = fields.One2many("g2p.phone.number", "partner_id", string="Phone Numbers")
    reg_ids = fields.One2many("g2p.reg.id", "partner_id", string="IDs")
    group_membership_ids = fields.One2many("g2p.group.membership", "individual", string="Group Memberships")
    individual_membership_ids = fields.One2many("g2p.group.membership", "group", string="Members")
    verified_field_ids = fields.One2many("g2p.verified.field", "partner_id", string="Verified Fields")

    @api.model
    def _selection_gender(self):
        # Called while the registry builds its fields too, before the model may exist.
        if "g2p.gender.type" not in self.env:
            return []
        types = self.env["g2p.gender.type"].sudo().search([])
        return [(gender.code, gender.name) for gender in types]

    @api.depends("birthdate")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.birthdate and partner.birthdate <= today:
                partner.age = relativedelta(today, partner.birthdate).years
                partner.age_text = _("%(age)s years old", age=partner.age)
            else:
                partner.age = 0
                partner.age_text = False

    @staticmethod
    def _g2p_compose_name(given_name, addl_name, family_name):
        parts = (given_name, addl_name, family_name)
        return " ".join(part.strip() for part in parts if part and part.strip())

    @api.onchange(*NAME_PARTS)
    def _onchange_g2p_name_parts(self):
        if self.is_registrant and not self.is_group:
            name = self._g2p_compose_name(self.given_name, self.addl_name, self.family_name)
            if name:
                self.name = name

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        context = self.env.context
        for vals in vals_list:
            # Registry actions create registrants through context defaults, not explicit values.
            if not vals.get("is_registrant", context.get("default_is_registrant")):
                continue
            vals.setdefault("registration_date", today)
            is_group = vals.get("is_group", context.get("default_is_group"))
            if not is_group and any(vals.get(part) for part in NAME_PARTS):
                vals["name"] = self._g2p_compose_name(*(vals.get(part) for part in NAME_PARTS))
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if any(part in vals for part in NAME_PARTS) or vals.get("is_registrant"):
            for partner in self.filtered(lambda p: p.is_registrant and not p.is_group):
                name = partner._g2p_compose_name(partner.given_name, partner.addl_name, partner.family_name)
                if name and name != partner.name:
                    super(ResPartner, partner).write({"name": name})
        return res

    def _g2p_verified_field_names(self):
        """Names of this registrant's fields that a trusted source verified."""
        self.ensure_one()
        # Reading the registrant is enough to know which of its fields are locked; the
        # narrow sudo follows that explicit check so portal users need no extra ACL.
        self.check_access_rights("read")
        self.check_access_rule("read")
        verified = self.env["g2p.verified.field"].sudo().search([("partner_id", "=", self.id)])
        return set(verified.mapped("field_name"))

    def _g2p_mark_verified(self, field_names, source=None):
        """Create or refresh the verified-field rows of ``field_names`` for these partners.

        Runs with the caller's rights: only officers or trusted server code may vouch."""
        field_names = set(field_names)
        if not self or not field_names:
            return self.env["g2p.verified.field"]
        verified_model = self.env["g2p.verified.field"]
        now = fields.Datetime.now()
        existing = verified_model.search(
            [("partner_id", "in", self.ids), ("field_name", "in", list(field_names))]
        )
        existing.write({"source": source or False, "verified_at": now})
        known = {(row.partner_id.id, row.field_name) for row in existing}
        new_vals = [
            {
                "partner_id": partner.id,
                "field_name": name,
                "source": source or False,
                "verified_at": now,
            }
            for partner in self
            for name in sorted(field_names)
            if (partner.id, name) not in known
        ]
        return existing | verified_model.create(new_vals)
