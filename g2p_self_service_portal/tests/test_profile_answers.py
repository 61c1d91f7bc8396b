# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import HttpCase, tagged

from .common import PASSWORD, G2PPortalDataMixin, G2PPortalHttpMixin


@tagged("post_install", "-at_install")
class TestProfileAnswers(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    """The profile form: phone numbers checked for the country, required fields marked,
    errors summarised at the top with links to their fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.senegal = cls.env.ref("base.sn")
        cls.alice = cls._registrant(
            "Alice", "Phones", login="alice.phones@example.com", country_id=cls.senegal.id
        )

    def setUp(self):
        super().setUp()
        self.authenticate("alice.phones@example.com", PASSWORD)

    def _save(self, **values):
        data = {"given_name": "Alice", "family_name": "Phones", "country_id": str(self.senegal.id)}
        data.update(values)
        return self._post("/my/profile", data)

    def test_a_phone_that_is_not_a_number_is_refused_with_an_example(self):
        response = self._save(phone="call me maybe")
        self.assertIn("Enter a phone number that can be called", response.text)
        self.assertFalse(self.alice.phone)

    def test_a_local_number_is_read_in_the_country_plan_and_stored_in_international_form(self):
        response = self._save(phone="77 123 45 67")
        self.assertIn("g2p_profile_updated", response.text)
        self.assertEqual(self.alice.phone, "+221 77 123 45 67")

    def test_a_number_invalid_for_the_country_is_refused(self):
        self._save(phone="12 34")
        self.assertFalse(self.alice.phone)

    def test_required_names_are_marked_for_eyes_and_assistive_technology(self):
        page = self.url_open("/my/profile").text
        for name in ("given_name", "family_name"):
            tag = re.search(rf'<input[^>]*id="g2p_profile_{name}"[^>]*>', page).group(0)
            self.assertIn('required="required"', tag)
            self.assertIn('aria-required="true"', tag)
        self.assertEqual(page.count("(required)"), 2)

    def test_errors_are_summarised_at_the_top_with_links_to_their_fields(self):
        response = self._save(given_name="", phone="call me maybe")
        summary = re.search(r"<div[^>]*g2p_error_summary.*?</div>", response.text, re.S).group(0)
        self.assertIn('tabindex="-1"', summary)
        self.assertIn('href="#g2p_profile_given_name"', summary)
        self.assertIn('href="#g2p_profile_phone"', summary)
        self.assertLess(response.text.index("g2p_error_summary"), response.text.index("g2p_profile_form"))
