# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class G2PProgramApplication(models.Model):
    _inherit = "g2p.program.application"

    assisted = fields.Boolean(
        "Assisted by an officer",
        readonly=True,
        copy=False,
        help="Filled by an officer on the person's behalf.",
    )
    assisted_by_id = fields.Many2one("res.users", "Assisting officer", readonly=True, copy=False)
    assisted_attempt_id = fields.Many2one(
        "g2p.biometric.attempt", "Identity proof", readonly=True, copy=False, ondelete="set null"
    )
