from . import (
    test_assisted_apply,
    test_browser_journeys,
    test_oidc_popup,
    test_query_counts,
    test_security,
    test_verify_ida,
)
