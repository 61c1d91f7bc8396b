# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import CSRF_RE, PASSWORD, G2PFormsMixin


@tagged("post_install", "-at_install")
class TestDraftListing(G2PFormsMixin, HttpCase):
    """Unfinished applications are shown where the registrant looks, and can be discarded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_forms()
        cls.alice = cls._registrant("Alice", "Drafts", login="alice.drafts@example.com")
        cls.bob = cls._registrant("Bob", "Drafts", login="bob.drafts@example.com")

    def setUp(self):
        super().setUp()
        Draft = self.env["g2p.portal.form.draft"]
        self.draft = Draft._g2p_for(self.program, self.alice)
        self.draft._g2p_save_step(0, self._person_step(), {}, move=1)
        self.assertEqual(self.draft.step_index, 1)
        self.bob_draft = Draft._g2p_for(self.program, self.bob)
        self.authenticate("alice.drafts@example.com", PASSWORD)

    def _csrf(self, url="/my/applications"):
        return CSRF_RE.search(self.url_open(url).text).group(1)

    def test_all_programs_offers_to_continue_the_draft_with_its_step_and_date(self):
        page = self.url_open("/my/programs/all").text
        self.assertIn("Continue your application", page)
        self.assertIn("Step 2 of 3, saved on", page)
        # The date is written out in the registrant's language, not as an ISO date.
        self.assertNotRegex(page, r"saved on \d{4}-\d{2}-\d{2}")
        self.assertNotIn(f'href="/my/programs/{self.program.id}/apply">\n                  Apply', page)

    def test_home_and_my_applications_list_the_draft_with_continue_and_discard(self):
        for url in ("/my", "/my/applications"):
            page = self.url_open(url).text
            self.assertIn(f'data-draft-id="{self.draft.id}"', page, url)
            self.assertIn(f'action="/my/drafts/{self.draft.id}/discard"', page, url)
            self.assertNotIn(f'data-draft-id="{self.bob_draft.id}"', page, url)

    def test_discarding_an_own_draft_deletes_it(self):
        response = self.url_open(
            f"/my/drafts/{self.draft.id}/discard",
            data={"csrf_token": self._csrf(), "return_to": "/my"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my?discarded=1"))
        self.assertFalse(self.draft.exists())
        self.assertNotIn("Continue your application", self.url_open("/my/programs/all").text)

    def test_someone_elses_draft_cannot_be_discarded(self):
        response = self.url_open(
            f"/my/drafts/{self.bob_draft.id}/discard",
            data={"csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertTrue(self.bob_draft.exists())

    def test_discarding_needs_a_post_with_a_csrf_token_and_never_redirects_elsewhere(self):
        self.assertEqual(self.url_open(f"/my/drafts/{self.draft.id}/discard").status_code, 405)
        response = self.url_open(
            f"/my/drafts/{self.draft.id}/discard", data={"csrf_token": "forged"}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertTrue(self.draft.exists())
        response = self.url_open(
            f"/my/drafts/{self.draft.id}/discard",
            data={"csrf_token": self._csrf(), "return_to": "https://evil.example.com/"},
            allow_redirects=False,
        )
        self.assertTrue(response.headers["Location"].endswith("/my/applications?discarded=1"))

    def test_officers_see_the_step_reached_counted_from_one(self):
        self.assertEqual(self.draft.step_label, "Step 2 of 3")
        self.assertEqual(self.bob_draft.step_label, "Step 1 of 3")
