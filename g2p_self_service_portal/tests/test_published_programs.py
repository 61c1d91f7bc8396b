# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import PASSWORD, G2PPortalDataMixin


@tagged("post_install", "-at_install")
class TestPublishedPrograms(G2PPortalDataMixin, HttpCase):
    """All Programs and the apply page offer only published programs within their dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.pia = cls._registrant("Pia", "Published", login="pia.published@example.com")
        today = fields.Date.context_today(cls.env["g2p.program"])
        Program = cls.env["g2p.program"]
        cls.live = cls._program("Published Live Program")
        cls.draft = Program.create({"name": "Published Draft Program"})
        cls.closed = cls._program("Published Closed Program")
        cls.closed.action_close_applications()
        cls.future = cls._program(
            "Published Future Program", application_start_date=today + timedelta(days=3)
        )
        cls.past = cls._program("Published Past Program", application_end_date=today - timedelta(days=1))

    def test_all_programs_lists_only_what_accepts_applications(self):
        self.authenticate("pia.published@example.com", PASSWORD)
        response = self.url_open("/my/programs/all", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Published Live Program", response.text)
        for name in ("Draft", "Closed", "Future", "Past"):
            self.assertNotIn(f"Published {name} Program", response.text)

    def test_apply_page_of_a_program_not_accepting_applications_is_not_found(self):
        self.authenticate("pia.published@example.com", PASSWORD)
        self.assertEqual(self.url_open(f"/my/programs/{self.live.id}/apply", timeout=60).status_code, 200)
        for program in (self.draft, self.closed, self.future, self.past):
            with self.subTest(program=program.name):
                response = self.url_open(f"/my/programs/{program.id}/apply", timeout=60)
                self.assertEqual(response.status_code, 404)
