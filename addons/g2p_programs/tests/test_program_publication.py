# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields

from .common import G2PProgramsCase


class TestProgramPublication(G2PProgramsCase):
    """A program accepts applications only once published, and within its dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._user("publication.manager", "g2p_registry.group_g2p_program_manager")
        cls.today = fields.Date.context_today(cls.Program)

    def _new(self, **vals):
        return self.Program.with_user(self.manager).create(dict({"name": "New Program"}, **vals))

    def _accepting(self):
        return self.Program.search(self.Program._g2p_accepting_applications_domain())

    def test_a_new_program_is_a_draft_nobody_can_apply_to(self):
        program = self._new()
        self.assertEqual(program.publication_state, "draft")
        self.assertIn("not open for applications yet", program._g2p_apply_refusal_reason(self.person))
        self.assertNotIn(program, self._accepting())
        self.assertFalse(program.accepting_applications)
        with self._refused("not open for applications yet"):
            self._apply(program)

    def test_publishing_opens_applications_and_closing_stops_them(self):
        program = self._new()
        program.with_user(self.manager).action_publish()
        self.assertEqual(program.publication_state, "published")
        self.assertFalse(program._g2p_apply_refusal_reason(self.person))
        self.assertIn(program, self._accepting())
        self.assertIn(program, self.Program.search([("accepting_applications", "=", True)]))
        application = self._apply(program)
        program.with_user(self.manager).action_close_applications()
        self.assertIn("closed for applications", program._g2p_apply_refusal_reason(self.other_person))
        self.assertNotIn(program, self._accepting())
        self.assertIn(program, self.Program.search([("accepting_applications", "=", False)]))
        # Applications already made carry on.
        application.action_review()
        self.assertEqual(application.state, "under_review")
        with self._refused("already has applications"):
            program.with_user(self.manager).action_back_to_draft()

    def test_dates_bound_the_applications(self):
        day = timedelta(days=1)
        later = self._new(application_start_date=self.today + day)
        past = self._new(name="Past", application_end_date=self.today - day)
        current = self._new(
            name="Current", application_start_date=self.today - day, application_end_date=self.today
        )
        (later | past | current).with_user(self.manager).action_publish()
        self.assertIn("open on", later._g2p_apply_refusal_reason(self.person))
        self.assertIn("closed on", past._g2p_apply_refusal_reason(self.person))
        self.assertFalse(current._g2p_apply_refusal_reason(self.person))
        self.assertEqual(self._accepting() & (later | past | current), current)

    def test_applications_cannot_close_before_they_open(self):
        with self.assertRaisesRegex(Exception, "cannot close before they open"):
            self._new(application_start_date=self.today, application_end_date=self.today - timedelta(days=1))

    def test_publication_changes_only_through_the_buttons(self):
        program = self._new()
        with self._refused("change only through the workflow buttons"):
            program.with_user(self.manager).write({"publication_state": "published"})
        with self._refused("set by the workflow buttons"):
            self._new(publication_state="published")
        with self._refused("already a draft"):
            program.with_user(self.manager).action_back_to_draft()

    def test_an_ended_program_cannot_be_published(self):
        program = self._new()
        program.with_user(self.manager).action_end()
        with self._refused("has ended"):
            program.with_user(self.manager).action_publish()

    def test_demo_programs_are_published(self):
        for xmlid in ("demo_program_cash_transfer", "demo_program_food_support"):
            self.assertEqual(self.env.ref(f"g2p_programs.{xmlid}").publication_state, "published")
