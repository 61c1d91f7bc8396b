# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

PARAM = "g2p_portal_biometric."


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    g2p_biometric_verify_mode = fields.Selection(
        [("ida", "Directly with the ID authentication service"), ("oidc", "Through the OpenID provider")],
        string="Verify identities",
        config_parameter=PARAM + "verify_mode",
        default="ida",
    )
    g2p_biometric_adapter_id = fields.Many2one(
        "g2p.biometric.ida.adapter",
        string="ID authentication service",
        config_parameter=PARAM + "adapter_id",
    )
    g2p_biometric_provider_id = fields.Many2one(
        "auth.oauth.provider",
        string="OpenID provider for biometrics",
        config_parameter=PARAM + "provider_id",
    )
    g2p_biometric_max_attempts = fields.Integer(
        string="Captures per person", config_parameter=PARAM + "max_attempts", default=3
    )
    g2p_biometric_min_quality = fields.Integer(
        string="Quality threshold (0-100)", config_parameter=PARAM + "min_quality", default=40
    )
    g2p_biometric_capture_timeout = fields.Integer(
        string="Capture timeout (s)", config_parameter=PARAM + "capture_timeout", default=10
    )
