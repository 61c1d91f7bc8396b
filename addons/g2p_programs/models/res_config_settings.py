# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .cycle_jobs import CHUNK_SIZE_PARAM, DEFAULT_CHUNK_SIZE


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    g2p_cycle_job_chunk_size = fields.Integer(
        string="Cycle job chunk size",
        config_parameter=CHUNK_SIZE_PARAM,
        default=DEFAULT_CHUNK_SIZE,
        help="Records (memberships or entitlements) handled by each background job when a cycle "
        "generates, approves or pays its entitlements.",
    )
