# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import lock_rows

HEAD_KIND_CODE = "head"


class G2PGroupMembership(models.Model):
    _name = "g2p.group.membership"
    _description = "Group Membership"
    _order = "group, is_head desc, id"

    group = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_registrant", "=", True), ("is_group", "=", True)],
    )
    individual = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_registrant", "=", True), ("is_group", "=", False)],
    )
    kind = fields.Many2many(
        "g2p.group.membership.kind",
        "g2p_group_membership_kind_rel",
        "membership_id",
        "kind_id",
        string="Roles",
    )
    is_head = fields.Boolean(string="Head", compute="_compute_is_head", store=True, index=True)
    start_date = fields.Date(default=fields.Date.context_today)
    ended_date = fields.Date(
        help="The member left the group on this date; ended memberships no longer count."
    )
    is_ended = fields.Boolean(compute="_compute_is_ended")
    individual_birthdate = fields.Date(related="individual.birthdate")
    individual_gender = fields.Selection(related="individual.gender")

    _sql_constraints = [
        (
            "group_individual_unique",
            'unique("group", individual)',
            "This individual is already a member of this group.",
        ),
    ]

    @api.depends("kind.code")
    def _compute_is_head(self):
        for membership in self:
            membership.is_head = HEAD_KIND_CODE in membership.kind.mapped("code")

    @api.depends("ended_date")
    def _compute_is_ended(self):
        today = fields.Date.context_today(self)
        for membership in self:
            membership.is_ended = bool(membership.ended_date and membership.ended_date <= today)

    @api.depends("group", "individual")
    def _compute_display_name(self):
        for membership in self:
            membership.display_name = _(
                "%(individual)s in %(group)s",
                individual=membership.individual.name or "",
                group=membership.group.name or "",
            )

    @api.constrains("group", "individual")
    def _check_group_and_individual(self):
        for membership in self:
            if not membership.group.is_group:
                raise ValidationError(_("%(name)s is not a group or household.", name=membership.group.name))
            if membership.individual.is_group:
                raise ValidationError(
                    _(
                        "%(name)s is a group; only individuals can be members of a group.",
                        name=membership.individual.name,
                    )
                )

    @api.constrains("group", "kind", "ended_date")
    def _check_unique_kinds(self):
        # Integrity checks must see every membership, whatever the user's record rules.
        today = fields.Date.context_today(self)
        memberships = self.sudo()
        # Two transactions adding a head at once would each miss the other's uncommitted
        # row. Locking the group row serializes them: the second one waits, then fails
        # with a serialization error, and Odoo's retry runs this check again and sees the
        # first head.
        lock_rows(memberships.filtered(lambda m: m.kind.filtered("is_unique")).group)
        for membership in memberships:
            if membership.ended_date and membership.ended_date <= today:
                continue
            for kind in membership.kind.filtered("is_unique"):
                others = memberships.search_count(
                    [
                        ("id", "!=", membership.id),
                        ("group", "=", membership.group.id),
                        ("kind", "in", kind.id),
                        "|",
                        ("ended_date", "=", False),
                        ("ended_date", ">", today),
                    ],
                    limit=1,
                )
                if others:
                    raise ValidationError(
                        _(
                            "%(group)s already has an active member with the role "
                            "%(kind)s; end that membership or remove the role first.",
                            group=membership.group.name,
                            kind=kind.name,
                        )
                    )
