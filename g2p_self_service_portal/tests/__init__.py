from . import (
    test_apply_idempotent,
    test_browser_journeys,
    test_demo_registrant,
    test_documents,
    test_edge_hardening,
    test_funds,
    test_fuzz_routes,
    test_guarded_claims,
    test_portal_routes,
    test_portal_security_rules,
    test_profile,
    test_query_counts,
)
