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
        "views/portal_home_templates.xml",
        "views/portal_program_templates.xml",
        "views/portal_application_templates.xml",
        "views/portal_benefit_templates.xml",
        "views/portal_profile_templates.xml",
        "views/receipt_verification_templates.xml",
        "views/portal_notification_templates.xml",
    ],
    "demo": ["demo/portal_users.xml"],
    "assets": {
        "web.assets_frontend": [
            "g2p_self_service_portal/static/src/scss/portal.scss",
        ],
        "web.assets_tests": [
            "g2p_self_service_portal/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
