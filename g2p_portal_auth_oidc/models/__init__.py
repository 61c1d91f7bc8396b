from . import (
    auth_oauth_provider,
    g2p_oidc_claim_mapping,
    g2p_oidc_consent,
    g2p_oidc_consent_label,
    g2p_oidc_key,
    res_config_settings,
    res_users,
)
