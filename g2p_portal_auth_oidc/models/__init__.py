# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    auth_oauth_provider,
    auth_oauth_provider_presets,
    g2p_oidc_claim_mapping,
    g2p_oidc_consent,
    g2p_oidc_consent_label,
    g2p_oidc_key,
    g2p_oidc_login_failure,
    g2p_oidc_signin_key,
    res_config_settings,
    res_users,
    res_users_account_close,
)
