# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from psycopg2 import IntegrityError

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from .common import PASSWORD, G2PPortalDataMixin, G2PPortalHttpMixin

KEY_RE = re.compile(r'name="submission_key"\s+value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestApplyIdempotent(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    """A refresh, a double click or two tabs give one application."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant("Alice", "Apply", login="alice.apply@example.com")
        cls.program = cls._program("Apply Program")
        cls.multi = cls._program("Apply Multi Program", allow_multiple_applications=True)

    def setUp(self):
        super().setUp()
        self.authenticate("alice.apply@example.com", PASSWORD)

    def _apply_page(self, program):
        response = self.url_open(f"/my/programs/{program.id}/apply", timeout=60)
        self.assertEqual(response.status_code, 200)
        return KEY_RE.search(response.text).group(1), re.search(
            r'name="csrf_token"\s+value="([^"]+)"', response.text
        ).group(1)

    def _submit(self, program, key, csrf):
        return self.url_open(
            f"/my/programs/{program.id}/apply",
            data={"submission_key": key, "csrf_token": csrf},
            timeout=60,
        )

    def _applications(self, program):
        return self.env["g2p.program.application"].search(
            [("partner_id", "=", self.alice.id), ("program_id", "=", program.id)]
        )

    def test_submit_creates_application_and_shows_it(self):
        key, csrf = self._apply_page(self.program)
        response = self._submit(self.program, key, csrf)
        application = self._applications(self.program)
        self.assertEqual(len(application), 1)
        self.assertEqual(application.submission_key, key)
        self.assertTrue(response.url.endswith(f"/my/applications/{application.id}?submitted=1"))
        self.assertIn(application.name, response.text)
        self.assertIn("g2p_submitted", response.text)

    def test_same_key_posted_twice_gives_one_application(self):
        key, csrf = self._apply_page(self.program)
        first = self._submit(self.program, key, csrf)
        second = self._submit(self.program, key, csrf)
        application = self._applications(self.program)
        self.assertEqual(len(application), 1)
        self.assertEqual(second.status_code, 200)
        self.assertIn(f"/my/applications/{application.id}", second.url)
        self.assertIn(f"/my/applications/{application.id}", first.url)

    def test_two_tabs_give_one_application(self):
        key1, csrf = self._apply_page(self.program)
        key2, _csrf = self._apply_page(self.program)
        self.assertNotEqual(key1, key2)
        self._submit(self.program, key1, csrf)
        second = self._submit(self.program, key2, csrf)
        application = self._applications(self.program)
        self.assertEqual(len(application), 1)
        self.assertIn(f"/my/applications/{application.id}", second.url)

    def test_missing_csrf_token_is_refused(self):
        key, _csrf = self._apply_page(self.program)
        response = self.url_open(
            f"/my/programs/{self.program.id}/apply",
            data={"submission_key": key},
            timeout=60,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._applications(self.program))

    def test_reapply_after_rejection_where_allowed(self):
        first = self._apply(self.multi, self.alice)
        first.action_reject("Missing information")
        html = self.url_open("/my/programs/all", timeout=60).text
        self.assertIn(f'href="/my/programs/{self.multi.id}/apply"', html)
        self.assertIn("Reapply", html)
        key, csrf = self._apply_page(self.multi)
        self._submit(self.multi, key, csrf)
        applications = self._applications(self.multi)
        self.assertEqual(len(applications), 2)
        self.assertEqual(set(applications.mapped("state")), {"rejected", "submitted"})

    def test_no_second_application_where_the_program_forbids_it(self):
        first = self._apply(self.program, self.alice)
        first.action_reject("Not eligible")
        html = self.url_open("/my/programs/all", timeout=60).text
        self.assertNotIn(f'href="/my/programs/{self.program.id}/apply"', html)
        self.assertIn("one application per registrant", html)
        response = self.url_open(f"/my/programs/{self.program.id}/apply", timeout=60)
        self.assertIn("g2p_apply_refused", response.text)
        csrf = self._csrf()
        response = self._submit(self.program, "fresh-key", csrf)
        self.assertIn("g2p_apply_refused", response.text)
        self.assertEqual(len(self._applications(self.program)), 1)


@tagged("post_install", "-at_install")
class TestApplyForHousehold(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    """The head of a household applies to group programs for the household."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.head = cls._registrant("Hawa", "Head", login="hawa.head@example.com")
        cls.member = cls._registrant("Moussa", "Member", login="moussa.member@example.com")
        cls.household = cls.env["res.partner"].create(
            {"name": "Head Household", "is_registrant": True, "is_group": True}
        )
        head_kind = cls.env["g2p.group.membership.kind"].search([("code", "=", "head")], limit=1)
        Membership = cls.env["g2p.group.membership"]
        Membership.create(
            {"group": cls.household.id, "individual": cls.head.id, "kind": [(6, 0, head_kind.ids)]}
        )
        Membership.create({"group": cls.household.id, "individual": cls.member.id})
        cls.food = cls._program("Household Food Program", target_type="group")

    def test_head_applies_for_the_household(self):
        self.authenticate("hawa.head@example.com", PASSWORD)
        html = self.url_open("/my/programs/all", timeout=60).text
        self.assertIn(f'href="/my/programs/{self.food.id}/apply"', html)
        page = self.url_open(f"/my/programs/{self.food.id}/apply", timeout=60)
        self.assertIn("Head Household", page.text)
        key = KEY_RE.search(page.text).group(1)
        response = self._post(f"/my/programs/{self.food.id}/apply", {"submission_key": key})
        application = self.env["g2p.program.application"].search([("program_id", "=", self.food.id)])
        self.assertEqual(application.partner_id, self.household)
        self.assertIn(f"/my/applications/{application.id}", response.url)
        self.assertEqual(self.url_open("/my/applications", timeout=60).status_code, 200)

    def test_other_members_cannot_apply_for_the_household(self):
        self.authenticate("moussa.member@example.com", PASSWORD)
        html = self.url_open("/my/programs/all", timeout=60).text
        self.assertNotIn("Household Food Program", html)
        response = self.url_open(f"/my/programs/{self.food.id}/apply", timeout=60)
        self.assertEqual(response.status_code, 404)
        application = self._apply(self.food, self.household)
        response = self.url_open(f"/my/applications/{application.id}", timeout=60)
        self.assertEqual(response.status_code, 404)


@tagged("post_install", "-at_install")
class TestOneOpenApplicationInTheDatabase(G2PPortalDataMixin, TransactionCase):
    """The database itself refuses a second open application (two tabs racing)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant("Alice", "Race")
        cls.program = cls._program("Race Program", allow_multiple_applications=True)

    def test_second_open_application_is_refused_by_the_unique_index(self):
        Application = self.env["g2p.program.application"]
        Application.create({"program_id": self.program.id, "partner_id": self.alice.id})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            Application.create({"program_id": self.program.id, "partner_id": self.alice.id})
            self.env.flush_all()

    def test_submit_after_losing_the_race_returns_the_winner(self):
        first = self._apply(self.program, self.alice, key="tab-1")
        second = self._apply(self.program, self.alice, key="tab-2")
        self.assertEqual(first, second)
        self.assertEqual(
            self.env["g2p.program.application"].search_count(
                [("partner_id", "=", self.alice.id), ("program_id", "=", self.program.id)]
            ),
            1,
        )
