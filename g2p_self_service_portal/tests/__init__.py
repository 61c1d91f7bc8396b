# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    test_apply_idempotent,
    test_browser_journeys,
    test_demo_registrant,
    test_documents,
    test_edge_hardening,
    test_funds,
    test_fuzz_routes,
    test_guarded_claims,
    test_population_scale,
    test_portal_messages,
    test_portal_routes,
    test_portal_scope,
    test_portal_security_rules,
    test_profile,
    test_published_programs,
    test_query_counts,
    test_receipt_verification,
)
