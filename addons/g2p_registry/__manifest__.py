{
    "name": "G2P Registry",
    "summary": "Registrants, households, IDs and phone numbers for social protection programs",
    "version": "17.0.1.0.0",
    "category": "G2P",
    "license": "LGPL-3",
    "author": "G2P Self-Service Portal contributors",
    "website": "https://github.com/g2p-self-service-portal/g2p-self-service-portal",
    "depends": ["base", "mail"],
    "data": [
        "security/g2p_registry_groups.xml",
        "security/ir.model.access.csv",
        "security/g2p_registry_rules.xml",
        "data/g2p_gender_type_data.xml",
        "data/g2p_id_type_data.xml",
        "data/g2p_group_membership_kind_data.xml",
    ],
    "demo": [
        "demo/g2p_registrant_demo.xml",
    ],
    "application": True,
    "installable": True,
}
