from . import (
    test_apply_idempotent,
    test_browser_journeys,
    test_demo_registrant,
    test_documents,
    test_funds,
    test_portal_messages,
    test_portal_routes,
    test_portal_security_rules,
    test_profile,
    test_published_programs,
    test_query_counts,
    test_receipt_verification,
)
