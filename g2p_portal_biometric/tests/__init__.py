# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    test_assisted_apply,
    test_browser_journeys,
    test_oidc_popup,
    test_query_counts,
    test_security,
    test_verify_ida,
)
