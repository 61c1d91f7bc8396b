import re

from odoo.tests import HttpCase, tagged

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
