# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    test_access_rights,
    test_backend_views,
    test_demo_data,
    test_group_head_concurrency,
    test_group_membership,
    test_reg_id,
    test_registrant,
    test_search_indexes,
    test_verified_field_labels,
    test_verified_fields,
)
