# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class G2PGroupMembershipKind(models.Model):
    _name = "g2p.group.membership.kind"
    _description = "Group Membership Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    is_unique = fields.Boolean(
        string="Unique per Group",
        help="At most one active member of a group may hold this kind (e.g. the head).",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A membership kind with this code already exists."),
    ]
