# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "G2P Portal: Sign in with an ID (OpenID Connect, eSignet)",
    "summary": "Registrants sign in to the portal with a foundational or functional ID "
    "through OpenID Connect (eSignet first, any compliant provider)",
    "version": "17.0.1.1.0",
    "license": "LGPL-3",
    "author": "G2P Self-Service Portal contributors",
    "website": "https://github.com/g2p-self-service-portal/g2p-self-service-portal",
    "category": "G2P",
    "depends": ["auth_oauth", "g2p_registry", "portal", "website"],
    "external_dependencies": {"python": ["jwt", "authlib", "cryptography", "requests"]},
    "data": [
        "security/ir.model.access.csv",
        "security/g2p_oidc_rules.xml",
        "data/g2p_oidc_key_data.xml",
        "views/g2p_oidc_key_views.xml",
        "views/auth_oauth_provider_views.xml",
        "views/g2p_oidc_consent_views.xml",
        "views/res_config_settings_views.xml",
        "views/templates.xml",
        "views/account_close_templates.xml",
    ],
    "demo": ["demo/auth_oauth_provider_demo.xml"],
    "installable": True,
}
