# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "G2P Self-Service Portal",
    "summary": "Registrant pages on the website portal: programs, applications, "
    "benefits, documents, receipts and profile",
    "version": "17.0.1.0.0",
    "license": "LGPL-3",
    "author": "G2P Self-Service Portal contributors",
    "website": "https://github.com/g2p-self-service-portal/g2p-self-service-portal",
    "category": "G2P",
    "depends": ["g2p_programs", "portal", "website"],
    "external_dependencies": {"python": ["qrcode"]},
    "data": [
        "security/ir.model.access.csv",
        "security/portal_rules.xml",
        "views/registrant_layout.xml",
        "views/language_switcher.xml",
        "views/branding_templates.xml",
        "views/res_company_views.xml",
        "views/portal_home_templates.xml",
        "views/portal_security_templates.xml",
        "views/portal_program_templates.xml",
        "views/portal_application_templates.xml",
        "views/portal_benefit_templates.xml",
        "views/portal_profile_templates.xml",
        "views/receipt_verification_templates.xml",
        "views/portal_notification_templates.xml",
    ],
    "demo": ["demo/portal_users.xml", "demo/portal_branding.xml", "demo/languages.xml"],
    "assets": {
        "web.assets_frontend": [
            "g2p_self_service_portal/static/src/scss/portal.scss",
            "g2p_self_service_portal/static/src/scss/registrant.scss",
            "g2p_self_service_portal/static/src/scss/languages.scss",
        ],
        # The registrant layout's only script bundle (no framework; see registrant_layout).
        "g2p_self_service_portal.assets_registrant": [
            "g2p_self_service_portal/static/src/js/registrant.js",
        ],
        "web.assets_tests": [
            "g2p_self_service_portal/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
