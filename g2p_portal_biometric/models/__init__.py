from . import (
    auth_oauth_provider,
    g2p_biometric_attempt,
    g2p_biometric_ida_adapter,
    g2p_program_application,
    g2p_reg_id,
    res_config_settings,
    res_partner,
)
