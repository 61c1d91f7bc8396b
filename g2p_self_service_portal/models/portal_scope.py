# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The registrant scope of the portal, defined once.

Every portal record rule (security/portal_rules.xml) reads the partners a portal user
acts for from ``res.users._g2p_portal_partner_ids``: the user's own partner and the
households they currently head. The ids are computed by one indexed query and cached
(per user and day) like Odoo caches the rule domains themselves, so a rule never walks
other registrants' rows, neither in SQL nor when Odoo checks rules in Python
(``_filter_access_rules_python`` reads every field a rule names).
"""

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

# Group membership fields that decide who heads which household.
SCOPE_FIELDS = ("group", "individual", "kind", "is_head", "ended_date")


class ResUsers(models.Model):
    _inherit = "res.users"

    def _g2p_portal_partner_ids(self):
        """Ids of the partners this user acts for: their own, then the households they
        head today (an ended headship no longer counts). The one registrant scope of
        every portal record rule."""
        self.ensure_one()
        return list(self._g2p_portal_partner_ids_on(self.partner_id.id, fields.Date.today()))

    @api.model
    @tools.ormcache("partner_id", "day")
    def _g2p_portal_partner_ids_on(self, partner_id, day):
        if not partner_id:
            return ()
        self.env["g2p.group.membership"].flush_model(SCOPE_FIELDS)
        self.env.cr.execute(
            """
            SELECT "group" FROM g2p_group_membership
             WHERE individual = %s AND is_head AND (ended_date IS NULL OR ended_date > %s)
             ORDER BY "group"
            """,
            (partner_id, day),
        )
        return (partner_id, *(row[0] for row in self.env.cr.fetchall() if row[0] != partner_id))


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain_context_values(self):
        # Rule domains are cached; the portal's depend on the day (a headship's end date).
        yield from super()._compute_domain_context_values()
        yield fields.Date.today()


class G2PGroupMembership(models.Model):
    _inherit = "g2p.group.membership"

    def _g2p_portal_scope_changed(self):
        # The cached scopes and rule domains name household ids: recompute them.
        self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if records.filtered("is_head"):
            records._g2p_portal_scope_changed()
        return records

    def write(self, vals):
        heads = self.filtered("is_head")
        result = super().write(vals)
        if vals.keys() & set(SCOPE_FIELDS) and (heads or self.filtered("is_head")):
            self._g2p_portal_scope_changed()
        return result

    def unlink(self):
        heads = self.filtered("is_head")
        result = super().unlink()
        if heads:
            self._g2p_portal_scope_changed()
        return result


class G2PProgram(models.Model):
    _inherit = "g2p.program"

    g2p_portal_mine = fields.Boolean(
        string="Mine (portal)",
        compute="_compute_g2p_portal_mine",
        search="_search_g2p_portal_mine",
        help="The signed-in user, or a household they head, is a member of or applied to " "this program.",
    )

    def _g2p_portal_mine_sql(self, partner_ids):
        """Program ids with a membership or application of ``partner_ids``, by index."""
        return SQL(
            """(SELECT program_id FROM g2p_program_membership WHERE partner_id = ANY(%s)
                UNION
                SELECT program_id FROM g2p_program_application WHERE partner_id = ANY(%s))""",
            list(partner_ids),
            list(partner_ids),
        )

    @api.depends_context("uid")
    def _compute_g2p_portal_mine(self):
        partner_ids = self.env.user._g2p_portal_partner_ids()
        programs = self._origin
        mine = set()
        if programs.ids and partner_ids:
            self.env["g2p.program_membership"].flush_model(["partner_id", "program_id"])
            self.env["g2p.program.application"].flush_model(["partner_id", "program_id"])
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM g2p_program WHERE id = ANY(%s) AND id IN %s",
                    programs.ids,
                    self._g2p_portal_mine_sql(partner_ids),
                )
            )
            mine = {row[0] for row in self.env.cr.fetchall()}
        for program in self:
            program.g2p_portal_mine = program._origin.id in mine

    def _search_g2p_portal_mine(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on programs of the signed-in user."))
        subquery = self._g2p_portal_mine_sql(self.env.user._g2p_portal_partner_ids())
        return [("id", "in" if (operator == "=") == value else "not in", subquery)]
