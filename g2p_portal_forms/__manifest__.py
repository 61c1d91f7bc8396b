# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "G2P Portal Forms",
    "summary": "Application forms that administrators build and map to programs, "
    "filled by registrants on the self-service portal",
    "version": "17.0.1.0.0",
    "license": "LGPL-3",
    "author": "G2P Self-Service Portal contributors",
    "website": "https://github.com/g2p-self-service-portal/g2p-self-service-portal",
    "category": "G2P",
    "depends": ["g2p_programs", "g2p_self_service_portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/g2p_portal_forms_rules.xml",
        "data/g2p_portal_form_file_kind_data.xml",
        "templates/portal_form_fields.xml",
        "templates/portal_form_page.xml",
        "templates/portal_form_review.xml",
        "views/g2p_portal_form_views.xml",
        "views/g2p_portal_form_version_views.xml",
        "views/g2p_portal_form_draft_views.xml",
        "views/g2p_program_views.xml",
        "views/g2p_program_application_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/g2p_portal_form_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "g2p_portal_forms/static/src/scss/portal_form.scss",
        ],
        "g2p_self_service_portal.assets_registrant": [
            "g2p_portal_forms/static/src/js/form_conditions.js",
            "g2p_portal_forms/static/src/js/portal_form.js",
        ],
        "web.assets_backend": [
            "g2p_portal_forms/static/src/scss/portal_form.scss",
        ],
        "web.assets_tests": [
            "g2p_portal_forms/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
