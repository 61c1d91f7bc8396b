# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import PASSWORD, G2PPortalDataMixin, G2PPortalHttpMixin


@tagged("post_install", "-at_install")
class TestProfile(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    """Profile: whitelisted fields only; verified fields cannot be changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant(
            "Alice", "Profile", login="alice.profile@example.com", birthdate="1990-05-01"
        )
        cls.program = cls._program("Profile Program")

    def setUp(self):
        super().setUp()
        self.authenticate("alice.profile@example.com", PASSWORD)

    def test_update_whitelisted_fields(self):
        response = self._post(
            "/my/profile",
            {
                "given_name": "Alicia",
                "family_name": "Profile",
                "city": "Dakar",
                "email": "alicia@example.com",
                "birthdate": "1991-02-03",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("g2p_profile_updated", response.text)
        self.assertEqual(self.alice.given_name, "Alicia")
        self.assertEqual(self.alice.city, "Dakar")
        self.assertEqual(str(self.alice.birthdate), "1991-02-03")
        self.assertIn("Alicia", self.alice.name)

    def test_unknown_and_sensitive_fields_are_ignored(self):
        response = self._post(
            "/my/profile",
            {
                "city": "Thiès",
                "is_registrant": "0",
                "is_group": "1",
                "name": "Someone Else",
                "vat": "BE0477472701",
                "user_ids": "1",
                "registration_date": "2000-01-01",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.alice.city, "Thiès")
        self.assertTrue(self.alice.is_registrant)
        self.assertFalse(self.alice.is_group)
        self.assertNotEqual(self.alice.name, "Someone Else")
        self.assertFalse(self.alice.vat)
        self.assertNotEqual(str(self.alice.registration_date), "2000-01-01")

    def test_verified_field_is_refused_and_shown_read_only(self):
        self.alice._g2p_mark_verified(["birthdate", "family_name"], "Test ID provider")
        page = self.url_open("/my/profile", timeout=60).text
        self.assertIn('data-field="birthdate"', page)
        self.assertNotIn('name="birthdate"', page)
        response = self._post("/my/profile", {"birthdate": "2001-01-01", "city": "Kaolack"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(str(self.alice.birthdate), "1990-05-01")
        # Nothing of a refused submission is written.
        self.assertNotEqual(self.alice.city, "Kaolack")

    def test_verified_name_locks_its_parts(self):
        self.alice._g2p_mark_verified(["name"], "Test ID provider")
        response = self._post("/my/profile", {"given_name": "Changed"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.alice.given_name, "Alice")
        # Unverified details stay editable.
        response = self._post("/my/profile", {"city": "Ziguinchor"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.alice.city, "Ziguinchor")

    def test_invalid_values_rerender_with_what_was_typed(self):
        response = self._post(
            "/my/profile", {"email": "not-an-email", "birthdate": "2999-01-01", "city": "Touba"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn('value="not-an-email"', response.text)
        self.assertIn('value="Touba"', response.text)
        self.assertIn("is-invalid", response.text)
        self.assertFalse(self.alice.city)

    def test_submissions_page_lists_answers_application_by_application(self):
        application = self._apply(self.program, self.alice)
        application.answers = {"household_size": 5, "has_disability": False}
        response = self.url_open("/my/profile/submissions", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn(application.name, response.text)
        self.assertIn("Household size", response.text)
        self.assertIn("No", response.text)

    def test_odoo_account_form_cannot_change_verified_details(self):
        # Odoo's own "Your details" form (/my/account) writes name, email and phone with
        # sudo: a registrant is sent to the profile page instead, and nothing is written.
        self.alice._g2p_mark_verified(["name", "email"], "Test ID provider")
        name, email = self.alice.name, self.alice.email
        response = self.url_open("/my/account", allow_redirects=False)
        self.assertIn(response.status_code, (301, 302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my/profile"))
        response = self._post(
            "/my/account",
            {
                "name": "Mallory",
                "email": "mallory@example.com",
                "phone": "+1 555 0100",
                "street": "1 Main Street",
                "city": "Elsewhere",
                "country_id": str(self.env.ref("base.sn").id),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.alice.invalidate_recordset()
        self.assertEqual(self.alice.name, name)
        self.assertEqual(self.alice.email, email)
        self.assertFalse(self.alice.city)

    def test_user_preferences_cannot_change_verified_name_or_email(self):
        # A portal user may write their own name and email on res.users (preferences),
        # which lands on the partner: not when an ID provider verified them.
        self.alice._g2p_mark_verified(["name", "email"], "Test ID provider")
        name, email = self.alice.name, self.alice.email
        for vals in ({"name": "Mallory"}, {"email": "mallory@example.com"}):
            with self.assertRaises(JsonRpcException) as refused:
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {
                        "model": "res.users",
                        "method": "write",
                        "args": [self.alice.user_ids.ids, vals],
                        "kwargs": {},
                    },
                )
            self.assertEqual(refused.exception.args[0], "odoo.exceptions.AccessError")
        self.alice.invalidate_recordset()
        self.assertEqual(self.alice.name, name)
        self.assertEqual(self.alice.email, email)
        # Details nobody verified stay the registrant's to change, as in Odoo.
        self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "res.users",
                "method": "write",
                "args": [self.alice.user_ids.ids, {"tz": "Africa/Dakar"}],
                "kwargs": {},
            },
        )
        self.assertEqual(self.alice.user_ids.tz, "Africa/Dakar")

    def test_verified_name_part_also_locks_the_name_in_user_preferences(self):
        self.alice._g2p_mark_verified(["family_name"], "Test ID provider")
        name = self.alice.name
        with self.assertRaises(AccessError):
            self.alice.user_ids.with_user(self.alice.user_ids).write({"name": "Mallory"})
        self.assertEqual(self.alice.name, name)

    def test_country_outside_the_list_is_an_error_not_a_crash(self):
        for raw in ("99999999999999999999", "\u00b2", "-1", "abc"):
            response = self._post("/my/profile", {"country_id": raw, "city": "Mbour"})
            self.assertEqual(response.status_code, 400, raw)
            self.assertIn("Choose a country from the list.", response.text, raw)
        self.assertFalse(self.alice.country_id)
        self.assertFalse(self.alice.city)

    def test_deleting_the_portal_account_keeps_the_registrant(self):
        # Odoo lets portal users delete their account, which archives their partner and
        # queues it for deletion: a registrant is a registry record, never removed that way.
        user = self.alice.user_ids
        response = self._post(
            "/my/deactivate_account",
            {"validation": user.login, "password": PASSWORD},
            csrf_url="/my/security",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("ask an officer", response.text)
        self.assertTrue(self.alice.active)
        self.assertTrue(user.active)
        self.assertEqual(user.login, "alice.profile@example.com")
        self.assertFalse(self.env["res.users.deletion"].search([("user_id", "=", user.id)]))

    def test_overlong_values_are_refused(self):
        # The form's maxlength only helps the browser: the server bounds what it stores.
        response = self._post("/my/profile", {"city": "x" * 5000, "street": "1 Main Street"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Use at most 256 characters.", response.text)
        self.assertFalse(self.alice.city)
        self.assertFalse(self.alice.street)
