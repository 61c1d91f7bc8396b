# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property-based fuzzing of the form apply steps: no server error, nothing invalid stored."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import HttpCase, tagged

from .common import CSRF_RE, PASSWORD, PDF_BYTES, G2PFormsMixin

FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FIELD_NAMES = [
    "given_name",
    "family_name",
    "birthdate",
    "email",
    "phone",
    "gender",
    "nickname",
    "story",
    "children",
    "start_date",
    "color",
    "foods",
    "has_pet",
    "pet_name",
    "self",
    "submission_key",
    "g2p_step",
    "g2p_action",
    "program_id",
]
hostile_text = st.one_of(
    st.text(max_size=30),
    st.just("\x00"),
    st.just("b" * 3000),
    st.sampled_from(["0999-12-31", "1899-12-31", "2999-01-01", "1987-05-14", "-1", "1e400", "nan", "yes"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
steps = st.one_of(st.integers(-3, 5).map(str), st.sampled_from(["", "x", "\x00", "99999999999999999999"]))
actions = st.sampled_from(["next", "back", "submit", "save", "", "\x00"])


@tagged("post_install", "-at_install")
class TestFuzzFormApply(G2PFormsMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_forms()
        cls.partner = cls._registrant("Fuzz", "Forms", login="fuzz.forms@example.com")
        cls.url = f"/my/programs/{cls.program.id}/apply"

    @FUZZ
    @given(
        st.dictionaries(
            st.sampled_from(FIELD_NAMES) | st.text(min_size=1, max_size=8), hostile_text, max_size=8
        ),
        steps,
        actions,
        hostile_text,
    )
    def test_apply_steps_never_fail_and_store_nothing_invalid(self, data, step, action, upload_name):
        if not getattr(self, "_csrf_token", None):
            self.authenticate("fuzz.forms@example.com", PASSWORD)
            self._csrf_token = CSRF_RE.search(self.url_open(self.url).text).group(1)
        payload = dict(data, csrf_token=self._csrf_token, g2p_step=step, g2p_action=action)
        files = {"proof": (upload_name or "p.pdf", PDF_BYTES, "application/pdf")}
        response = self.url_open(self.url, data=payload, files=files, allow_redirects=False)
        self.assertLess(response.status_code, 500, response.text[:300])
        self.partner.invalidate_recordset()
        self.assertTrue(self.partner.given_name and self.partner.family_name)
        if self.partner.birthdate:
            self.assertGreaterEqual(self.partner.birthdate, datetime.date(1900, 1, 1))
            self.assertLessEqual(self.partner.birthdate, datetime.date.today())
        drafts = self.env["g2p.portal.form.draft"].search([("partner_id", "=", self.partner.id)])
        for draft in drafts:
            self.assertNotIn("\x00", str(draft.answers or ""))
