# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from .common import G2PProgramsCase


class TestApplicationSubmit(G2PProgramsCase):
    def test_same_key_twice_returns_the_same_application(self):
        first = self.Application._g2p_submit(
            self.program, self.person, {"income": 10}, submission_key="key-1"
        )
        second = self.Application._g2p_submit(
            self.program, self.person, {"income": 99}, submission_key="key-1"
        )
        self.assertEqual(first, second)
        self.assertEqual(second.answers, {"income": 10})
        self.assertEqual(self.Application.search_count([("partner_id", "=", self.person.id)]), 1)

    def test_same_key_returns_even_after_the_application_is_finished(self):
        first = self.Application._g2p_submit(self.program_multi, self.person, submission_key="key-2")
        first.action_reject("No")
        again = self.Application._g2p_submit(self.program_multi, self.person, submission_key="key-2")
        self.assertEqual(again, first)

    def test_second_submit_without_key_while_open_returns_the_open_one(self):
        first = self.Application._g2p_submit(self.program, self.person, submission_key="a")
        second = self.Application._g2p_submit(self.program, self.person)
        third = self.Application._g2p_submit(self.program, self.person, submission_key="b")
        self.assertEqual(first, second)
        self.assertEqual(first, third)
        self.assertEqual(first.submission_key, "a")

    def test_key_used_by_another_registrant_is_refused(self):
        self.Application._g2p_submit(self.program, self.person, submission_key="shared")
        with self.assertRaises(UserError):
            self.Application._g2p_submit(self.program, self.other_person, submission_key="shared")

    def test_submit_stores_answers_and_key(self):
        application = self.Application._g2p_submit(
            self.program, self.person, {"household_size": 4}, submission_key="k"
        )
        self.assertEqual(application.answers, {"household_size": 4})
        self.assertEqual(application.submission_key, "k")
        self.assertEqual(application.state, "submitted")

    def test_refused_for_ended_program(self):
        self.program.action_end()
        reason = self.program._g2p_apply_refusal_reason(self.person)
        self.assertTrue(reason)
        with self.assertRaisesRegex(UserError, "no longer accepting"):
            self.Application._g2p_submit(self.program, self.person)
        with self.assertRaises(UserError):
            self._apply()

    def test_refused_for_archived_program(self):
        self.program.active = False
        self.assertTrue(self.program._g2p_apply_refusal_reason(self.person))

    def test_refused_for_wrong_target_type(self):
        self.assertTrue(self.program_group._g2p_apply_refusal_reason(self.person))
        self.assertTrue(self.program._g2p_apply_refusal_reason(self.household))
        self.assertFalse(self.program_group._g2p_apply_refusal_reason(self.household))
        with self.assertRaisesRegex(UserError, "households"):
            self.Application._g2p_submit(self.program_group, self.person)
        with self.assertRaisesRegex(UserError, "individuals"):
            self.Application._g2p_submit(self.program, self.household)

    def test_refused_for_non_registrant(self):
        contact = self.env["res.partner"].create({"name": "Just a contact"})
        self.assertTrue(self.program._g2p_apply_refusal_reason(contact))
        with self.assertRaises(UserError):
            self.Application._g2p_submit(self.program, contact)

    def test_no_reapply_without_multiple_applications(self):
        self.assertFalse(self.program._g2p_apply_refusal_reason(self.person))
        application = self.Application._g2p_submit(self.program, self.person)
        self.assertIn(application.name, self.program._g2p_apply_refusal_reason(self.person))
        application.action_reject("Not eligible")
        self.assertRegex(self.program._g2p_apply_refusal_reason(self.person), "one application")
        with self.assertRaises(UserError):
            self.Application._g2p_submit(self.program, self.person)
        with self.assertRaises(UserError):
            self._apply()

    def test_reapply_allowed_once_finished_with_multiple_applications(self):
        first = self.Application._g2p_submit(self.program_multi, self.person)
        self.assertTrue(self.program_multi._g2p_apply_refusal_reason(self.person))
        first.action_reject("Missing certificate")
        self.assertFalse(self.program_multi._g2p_apply_refusal_reason(self.person))
        second = self.Application._g2p_submit(self.program_multi, self.person)
        self.assertNotEqual(first, second)
        self.assertEqual(second.state, "submitted")
        second.action_approve()
        second.action_complete()
        third = self.Application._g2p_submit(self.program_multi, self.person)
        self.assertNotIn(third, first | second)

    def test_other_registrants_are_independent(self):
        mine = self.Application._g2p_submit(self.program, self.person)
        theirs = self.Application._g2p_submit(self.program, self.other_person)
        self.assertNotEqual(mine, theirs)
