# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    auth_oauth_provider,
    g2p_biometric_attempt,
    g2p_biometric_ida_adapter,
    g2p_program_application,
    g2p_reg_id,
    res_config_settings,
    res_partner,
)
