# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    g2p_registrant_password_login_disabled = fields.Boolean(
        string="Registrants sign in with their ID only",
        config_parameter="g2p_portal_auth_oidc.registrant_password_login_disabled",
        help="Registrants' portal accounts refuse password sign-in; they use an ID provider.",
    )
