# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    test_account_close,
    test_consent_labels,
    test_generic_provider,
    test_hostile_provider_answers,
    test_jose,
    test_keys_mapping_settings,
    test_module_structure,
    test_relying_party_strict,
    test_sign_in_attacks,
    test_sign_in_flows,
    test_sign_in_hardening,
    test_sign_in_key,
)
