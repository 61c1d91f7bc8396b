# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property-based fuzzing of every registrant-facing route: no server error, nothing invalid stored.

Hypothesis generates hostile values (NUL bytes, control characters, very long or
non-ASCII text, huge or negative numbers, parameters named like the controllers'
own arguments) and posts them, signed in as a registrant and signed out. Bounded and
derandomized so that it runs in the normal suite, the same way on every machine.
"""

import datetime
import json
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import HttpCase, tagged

from .common import CSRF_RE, PASSWORD, PDF_BYTES, G2PPortalDataMixin

FUZZ = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE_FIELDS = ["given_name", "family_name", "birthdate", "gender", "email", "phone", "city", "country_id"]
CONTROLLER_ARGS = ["self", "page", "program_id", "application_id", "document_id", "submitted", "redirect"]
FORM_ARGS = [
    "submission_key",
    "document_type_id",
    "replace_document_id",
    "g2p_step",
    "g2p_action",
    "counters",
]

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
    st.just("\x00"),
    st.just("a" * 5000),
    st.sampled_from(["0999-12-31", "1899-01-01", "2999-01-01", "9999-99-99", "1987-05-14", "-1", "1e309"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
field_names = st.one_of(
    st.sampled_from(PROFILE_FIELDS + CONTROLLER_ARGS + FORM_ARGS), st.text(min_size=1, max_size=12)
)
form_data = st.dictionaries(field_names, hostile_text, max_size=6)
record_ids = st.one_of(st.integers(min_value=-5, max_value=2**40), st.sampled_from(["x", "%00", "1.5", "0"]))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)


@tagged("post_install", "-at_install")
class TestFuzzRegistrantRoutes(G2PPortalDataMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.login = "fuzz.registrant@example.com"
        cls.registrant = cls._registrant("Fuzz", "Registrant", login=cls.login)
        cls.program = cls._program("Fuzz Cash", required_document_type_ids=[(6, 0, cls.doc_type.ids)])
        cls.application = cls._apply(cls.program, cls.registrant)
        cls.document = cls.application._g2p_add_document(cls.doc_type, "fuzz.pdf", PDF_BYTES)

    def _routes(self):
        app, doc, program = self.application.id, self.document.id, self.program.id
        return {
            "get": [
                "/my",
                "/my/programs",
                "/my/programs/all",
                "/my/applications",
                f"/my/applications/{app}",
                f"/my/applications/{app}/receipt",
                "/my/benefits",
                "/my/profile",
                "/my/profile/submissions",
                f"/my/programs/{program}/apply",
            ],
            "post": [
                "/my/profile",
                f"/my/programs/{program}/apply",
                f"/my/applications/{app}/documents",
                f"/my/applications/{app}/documents/{doc}/remove",
                "/web/login",
            ],
            "templated": [
                "/my/applications/{}",
                "/my/applications/{}/receipt",
                "/my/programs/{}/apply",
                f"/my/applications/{app}/documents/{{}}",
                "/my/programs/page/{}",
            ],
        }

    def _csrf(self):
        # One token per session (the session changes when signing in or out).
        key = (self.session_login, getattr(getattr(self, "session", None), "sid", None))
        if getattr(self, "_csrf_cache", (None, None))[0] != key:
            match = CSRF_RE.search(self.url_open("/my/profile" if self.session_login else "/web/login").text)
            self._csrf_cache = (key, match.group(1) if match else "")
        return self._csrf_cache[1]

    def _check(self, response, what):
        self.assertLess(response.status_code, 500, f"{what}: {response.text[:300]}")

    def _assert_nothing_invalid_stored(self):
        partner = self.registrant
        partner.invalidate_recordset()
        self.assertTrue(partner.given_name and partner.family_name)
        if partner.birthdate:
            self.assertGreaterEqual(partner.birthdate, datetime.date(1900, 1, 1))
            self.assertLessEqual(partner.birthdate, datetime.date.today())
        for name in ("given_name", "family_name", "email", "phone", "city"):
            value = partner[name] or ""
            self.assertLessEqual(len(value), 256, name)
        applications = self.env["g2p.program.application"].search([("partner_id", "=", partner.id)])
        self.assertEqual(len(applications.filtered(lambda a: a.program_id == self.program)), 1)
        self.assertTrue(all("\x00" not in (d.name or "") for d in applications.document_ids))

    def _fuzz(self, data, route_index, path_id, upload_name, counters):
        routes = self._routes()
        csrf = self._csrf()
        get_url = routes["get"][route_index % len(routes["get"])]
        query = "?" + urlencode(data) if data else ""
        self._check(self.url_open(get_url + query), get_url)
        post_url = routes["post"][route_index % len(routes["post"])]
        files = None
        if post_url.endswith("/documents"):
            files = {"file": (upload_name, PDF_BYTES, "application/pdf")}
        self._check(self.url_open(post_url, data=dict(data, csrf_token=csrf), files=files), post_url)
        templated = routes["templated"][route_index % len(routes["templated"])].format(path_id)
        self._check(self.url_open(templated), templated)
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"counters": counters}}
        response = self.url_open(
            "/my/counters", data=json.dumps(payload), headers={"Content-Type": "application/json"}
        )
        self._check(response, "/my/counters")
        self.assertNotIn("Traceback", response.text)

    @property
    def session_login(self):
        session = getattr(self, "session", None)
        return bool(session and session.uid)

    @FUZZ
    @given(form_data, st.integers(0, 50), record_ids, hostile_text, json_values)
    def test_signed_in_registrant_routes_never_fail(self, data, route_index, path_id, upload_name, counters):
        if not self.session_login:
            self.authenticate(self.login, PASSWORD)
        self._fuzz(data, route_index, path_id, upload_name or "x.pdf", counters)
        self._assert_nothing_invalid_stored()

    @FUZZ
    @given(form_data, st.integers(0, 50), record_ids, hostile_text, json_values)
    def test_signed_out_routes_never_fail(self, data, route_index, path_id, upload_name, counters):
        if self.session_login or not getattr(self, "session", None):
            self.authenticate(None, None)
        self._fuzz(data, route_index, path_id, upload_name or "x.pdf", counters)
        self._assert_nothing_invalid_stored()
