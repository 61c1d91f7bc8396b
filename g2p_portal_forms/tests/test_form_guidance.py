# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date

from odoo.tests import HttpCase, tagged
from odoo.tools import format_date

from .common import CSRF_RE, PASSWORD, G2PFormsMixin


@tagged("post_install", "-at_install")
class TestFormGuidance(G2PFormsMixin, HttpCase):
    """The apply form tells people what it needs, what it changes, and what went wrong."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_forms()
        cls.env.company.country_id = cls.env.ref("base.sn")
        cls.alice = cls._registrant("Alice", "Guided", login="alice.guided@example.com")
        cls.url = f"/my/programs/{cls.program.id}/apply"

    def setUp(self):
        super().setUp()
        self.authenticate("alice.guided@example.com", PASSWORD)

    def test_a_phone_answer_must_be_a_number_of_the_registry_country(self):
        data = self._person_step()
        data["phone"] = ["call me maybe"]
        _values, _uploads, errors = self._schema().validate_step(0, data, {}, {})
        self.assertIn("phone", errors)
        data["phone"] = ["77 123 45 67"]
        values, _uploads, errors = self._schema().validate_step(0, data, {}, {})
        self.assertNotIn("phone", errors)
        self.assertEqual(values["phone"], "+221 77 123 45 67")

    def test_answers_that_update_the_profile_say_so(self):
        page = self.url_open(self.url).text
        email = page[page.index('data-field-name="email"') :]
        self.assertIn("also updates your profile", email[: email.index('data-field-name="phone"')])

    def test_required_fields_are_marked(self):
        page = self.url_open(self.url).text
        tag = re.search(r'<input[^>]*id="g2p_field_given_name"[^>]*>', page).group(0)
        self.assertRegex(tag, r'\srequired="')
        self.assertIn("(required)", page)

    def test_a_failed_step_opens_with_an_error_summary_linking_to_each_field(self):
        data = dict(self._person_step(), given_name=[""], phone=["call me maybe"])
        data = {k: v[0] for k, v in data.items()}
        data.update(
            csrf_token=CSRF_RE.search(self.url_open(self.url).text).group(1), g2p_step="0", g2p_action="next"
        )
        page = self.url_open(self.url, data=data).text
        summary = re.search(r"<div[^>]*g2p_error_summary.*?</div>", page, re.S).group(0)
        self.assertIn('tabindex="-1"', summary)
        self.assertIn('href="#g2p_field_given_name"', summary)
        self.assertIn('href="#g2p_field_phone"', summary)
        self.assertLess(page.index("g2p_error_summary"), page.index('class="o_g2p_form"'))


@tagged("post_install", "-at_install")
class TestCheckYourAnswers(G2PFormsMixin, HttpCase):
    """Before submitting, the registrant sees every answer by step and can change any."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_forms()
        cls.env.company.country_id = cls.env.ref("base.sn")
        cls.alice = cls._registrant("Alice", "Checks", login="alice.checks@example.com")
        cls.url = f"/my/programs/{cls.program.id}/apply"

    def setUp(self):
        super().setUp()
        self.authenticate("alice.checks@example.com", PASSWORD)
        self.draft = self.env["g2p.portal.form.draft"]._g2p_for(self.program, self.alice)
        for errors in self._fill_draft(self.draft):
            self.assertFalse(errors)

    def _csrf(self):
        return CSRF_RE.search(self.url_open(self.url).text).group(1)

    def test_the_last_step_leads_to_the_check_page_not_straight_to_submission(self):
        page = self.url_open(self.url).text
        self.assertIn("o_g2p_review_next", page)
        self.assertNotIn("o_g2p_submit", page)
        response = self.url_open(
            self.url,
            data={"csrf_token": self._csrf(), "g2p_step": "2", "g2p_action": "review"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("?g2p_review=1"))
        self.assertFalse(self.env["g2p.program.application"].search([("partner_id", "=", self.alice.id)]))

    def test_the_check_page_lists_every_answer_by_step_with_change_links(self):
        page = self.url_open(f"{self.url}?g2p_review=1").text
        self.assertIn("Check your answers before you apply", page)
        self.assertEqual(page.count("o_g2p_review_step"), 3)
        birthdate = format_date(self.env, date(1990, 5, 1), date_format="long")
        for text in ("About you", "Details", "Documents", "Favourite colour", "Blue", "proof.pdf", birthdate):
            self.assertIn(text, page)
        self.assertIn(f'href="{self.url}?g2p_goto=1#g2p_field_color"', page)
        # Change opens that step with the saved answers.
        step = self.url_open(f"{self.url}?g2p_goto=1").text
        self.assertIn("Step 2 of 3", step)

    def test_submitting_from_the_check_page_creates_the_application_once(self):
        data = {
            "csrf_token": self._csrf(),
            "g2p_step": "2",
            "g2p_action": "submit",
            "g2p_from_review": "1",
            "submission_key": self.draft.submission_key,
        }
        first = self.url_open(self.url, data=data, allow_redirects=False)
        again = self.url_open(self.url, data=data, allow_redirects=False)
        self.assertEqual(first.status_code, 303)
        self.assertEqual(first.headers["Location"].split("?")[0], again.headers["Location"].split("?")[0])
        applications = self.env["g2p.program.application"].search([("partner_id", "=", self.alice.id)])
        self.assertEqual(len(applications), 1)
        self.assertEqual(applications.answers["color"], "blue")
