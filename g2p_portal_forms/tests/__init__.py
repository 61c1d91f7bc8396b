# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    test_apply_tour,
    test_builder_checks,
    test_builder_journey,
    test_builder_tour,
    test_demo_forms,
    test_draft_listing,
    test_drafts,
    test_form_builder,
    test_form_guidance,
    test_fuzz_apply,
    test_portal_apply,
    test_prefill,
    test_query_counts,
    test_schema_validation,
    test_versioning,
)
