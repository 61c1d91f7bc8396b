# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from .common import G2PProgramsCase


class TestApplicationTransitions(G2PProgramsCase):
    def _history(self, application):
        return [(row.previous_state or False, row.state) for row in application.status_history_ids]

    def test_new_application_is_submitted_with_one_history_row(self):
        application = self._apply()
        self.assertEqual(application.state, "submitted")
        self.assertEqual(self._history(application), [(False, "submitted")])

    def test_review_then_approve_enrols_the_registrant(self):
        application = self._apply()
        application.action_review()
        self.assertEqual(application.state, "under_review")
        application.action_approve()
        self.assertEqual(application.state, "approved")
        membership = application.program_membership_id
        self.assertTrue(membership)
        self.assertEqual(membership.partner_id, self.person)
        self.assertEqual(membership.program_id, self.program)
        self.assertEqual(membership.state, "enrolled")
        self.assertTrue(membership.enrollment_date)
        self.assertEqual(
            self._history(application),
            [
                (False, "submitted"),
                ("submitted", "under_review"),
                ("under_review", "approved"),
            ],
        )

    def test_approve_reuses_an_existing_membership(self):
        membership = self.Membership.create({"partner_id": self.person.id, "program_id": self.program.id})
        application = self._apply()
        application.action_approve()
        self.assertEqual(application.program_membership_id, membership)
        self.assertEqual(membership.state, "enrolled")
        self.assertEqual(
            self.Membership.search_count(
                [("partner_id", "=", self.person.id), ("program_id", "=", self.program.id)]
            ),
            1,
        )

    def test_approve_refused_when_program_ended(self):
        application = self._apply()
        self.program.action_end()
        with self.assertRaises(UserError):
            application.action_approve()
        self.assertEqual(application.state, "submitted")

    def test_reject_requires_a_reason_and_keeps_it(self):
        application = self._apply()
        with self.assertRaises(UserError):
            application.action_reject("   ")
        self.assertEqual(application.state, "submitted")
        application.action_reject("Income above the threshold")
        self.assertEqual(application.state, "rejected")
        self.assertEqual(application.rejection_reason, "Income above the threshold")
        last = application.status_history_ids[-1]
        self.assertEqual(last.note, "Income above the threshold")

    def test_reject_wizard_rejects_with_reason(self):
        application = self._apply()
        action = application.action_open_reject_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"reason": "Duplicate registration"})
        )
        wizard.action_confirm()
        self.assertEqual(application.state, "rejected")
        self.assertEqual(application.rejection_reason, "Duplicate registration")

    def test_complete_only_from_approved(self):
        application = self._apply()
        with self.assertRaises(UserError):
            application.action_complete()
        application.action_approve()
        application.action_complete()
        self.assertEqual(application.state, "completed")

    def test_close_from_open_states_only(self):
        application = self._apply(program=self.program_multi)
        application.action_review()
        application.action_close()
        self.assertEqual(application.state, "closed")
        with self.assertRaises(UserError):
            application.action_close()

    def test_wrong_state_transitions_raise(self):
        application = self._apply()
        application.action_reject("No")
        for method in ("action_review", "action_approve", "action_complete", "action_close"):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(application, method)()
        with self.assertRaises(UserError):
            application.action_reject("Again")
        with self.assertRaises(UserError):
            application.action_open_reject_wizard()
        self.assertEqual(application.state, "rejected")
        self.assertEqual(len(application.status_history_ids), 2)

    def test_review_only_from_submitted(self):
        application = self._apply()
        application.action_review()
        with self.assertRaises(UserError):
            application.action_review()

    def test_answers_are_rendered_escaped(self):
        application = self._apply(answers={"income": 120, "note": "<script>x</script>"})
        html = str(application.answers_html)
        self.assertIn("income", html)
        self.assertIn("120", html)
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)

    def test_program_end_and_reopen_guards(self):
        with self.assertRaises(UserError):
            self.program.action_reopen()
        self.program.action_end()
        self.assertEqual(self.program.state, "ended")
        with self.assertRaises(UserError):
            self.program.action_end()
        self.program.action_reopen()
        self.assertEqual(self.program.state, "active")

    def test_program_counts(self):
        self._apply().action_approve()
        self._apply(partner=self.other_person)
        self.program.action_create_cycle()
        self.program.invalidate_recordset()
        self.assertEqual(self.program.application_count, 2)
        self.assertEqual(self.program.enrolled_count, 1)
        self.assertEqual(self.program.cycle_count, 1)
