from . import (
    test_access_rights,
    test_application_documents,
    test_application_submit,
    test_application_transitions,
    test_application_uniqueness,
    test_backend_views,
    test_concurrent_transactions,
    test_cycle_transitions,
    test_demo_data,
    test_entitlement_payments,
    test_membership_transitions,
    test_workflow_guard,
)
