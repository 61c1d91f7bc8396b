# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "G2P Portal: Assisted Registration with Biometrics",
    "summary": "Officers prove who a person is with a fingerprint, iris or face capture from the "
    "local MOSIP SBI device, then register and apply for programs on their behalf",
    "version": "17.0.1.0.0",
    "license": "LGPL-3",
    "author": "G2P Self-Service Portal contributors",
    "website": "https://github.com/g2p-self-service-portal/g2p-self-service-portal",
    "category": "G2P",
    "depends": ["g2p_registry", "g2p_programs", "g2p_portal_forms", "g2p_portal_auth_oidc", "web"],
    "external_dependencies": {"python": ["cryptography", "requests"]},
    "data": [
        "security/g2p_biometric_groups.xml",
        "security/ir.model.access.csv",
        "security/g2p_biometric_rules.xml",
        "views/g2p_biometric_attempt_views.xml",
        "views/g2p_biometric_ida_adapter_views.xml",
        "views/g2p_reg_id_views.xml",
        "views/g2p_program_application_views.xml",
        "views/res_config_settings_views.xml",
        "views/templates.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/g2p_biometric_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "g2p_portal_biometric/static/src/js/sbi_device.js",
            "g2p_portal_biometric/static/src/js/assisted_registration.js",
            "g2p_portal_biometric/static/src/xml/assisted_registration.xml",
            "g2p_portal_biometric/static/src/scss/assisted_registration.scss",
        ],
        "web.assets_tests": [
            "g2p_portal_biometric/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
