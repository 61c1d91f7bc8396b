"""Fuzz: whatever junk a browser puts into a capture, the IDA client refuses it as bad
input before sending anything (never a crash, never a request to the service)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# pytest puts this folder on sys.path: the fixtures and helpers of the client's tests.
from test_ida_client import AMINA, capture, config, ida, sbi, sims  # noqa: F401

from odoo.addons.g2p_portal_biometric.ida import IdaBadInput, authenticate

_junk = st.recursive(
    st.none() | st.booleans() | st.floats() | st.text(max_size=30),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=12), c, max_size=3),
    max_leaves=8,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    index=st.integers(0, 1),
    field=st.sampled_from(["data", "hash", "sessionKey", "thumbprint", "error", "specVersion"]),
    junk=_junk,
)
def test_any_junk_in_a_capture_is_bad_input_never_a_crash(sbi, ida, config, index, field, junk):  # noqa: F811
    transaction_id, biometrics = capture(sbi, config)
    biometrics[index][field] = junk
    before = ida.auth_requests
    try:
        authenticate(config, AMINA, "UIN", biometrics, transaction_id)
    except IdaBadInput:
        assert ida.auth_requests == before
