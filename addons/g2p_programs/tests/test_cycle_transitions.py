# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError

from .common import G2PProgramsCase


class TestCycleTransitions(G2PProgramsCase):
    def setUp(self):
        super().setUp()
        self.cycle = self.Cycle.create(
            {
                "name": "C1",
                "program_id": self.program.id,
                "start_date": "2026-01-01",
                "end_date": "2026-01-31",
            }
        )

    def test_create_cycle_numbers_and_dates_follow_the_last(self):
        self.program.action_create_cycle()
        self.program.action_create_cycle()
        cycles = self.Cycle.search([("program_id", "=", self.program.id)], order="sequence")
        self.assertEqual(len(cycles), 3)
        last = cycles[-1]
        self.assertEqual(last.sequence, 3)
        self.assertEqual(str(cycles[1].start_date), "2026-02-01")
        self.assertEqual(str(cycles[1].end_date), "2026-02-28")
        self.assertEqual(str(last.start_date), "2026-03-01")

    def test_create_cycle_refused_on_ended_program(self):
        self.program.action_end()
        with self.assertRaises(UserError):
            self.program.action_create_cycle()

    def test_generate_entitlements_for_enrolled_members_only_once(self):
        enrolled = self._enrolled(self.person)
        paused = self._enrolled(self.other_person)
        paused.action_pause()
        created = self.cycle.action_generate_entitlements()
        self.assertEqual(created.partner_id, enrolled.partner_id)
        self.assertEqual(created.initial_amount, 100.0)
        self.assertEqual(created.state, "draft")
        self.assertEqual(str(created.valid_from), "2026-01-01")
        again = self.cycle.action_generate_entitlements()
        self.assertFalse(again)
        self.assertEqual(len(self.cycle.entitlement_ids), 1)

    def test_generate_per_member_for_group_programs(self):
        program = self._program(
            "Food", target_type="group", entitlement_per_member=True, entitlement_amount=25.0
        )
        head = self._individual("Head", "Of House")
        child = self._individual("Child", "Of House")
        left = self._individual("Gone", "Away")
        Member = self.env["g2p.group.membership"]
        Member.create({"group": self.household.id, "individual": head.id})
        Member.create({"group": self.household.id, "individual": child.id})
        Member.create({"group": self.household.id, "individual": left.id, "ended_date": "2020-01-01"})
        self._enrolled(self.household, program)
        cycle = self.Cycle.create({"name": "F1", "program_id": program.id})
        created = cycle.action_generate_entitlements()
        self.assertEqual(created.partner_id, self.household)
        self.assertEqual(created.initial_amount, 50.0)

    def test_full_lifecycle_approves_entitlements(self):
        self._enrolled(self.person)
        self.cycle.action_generate_entitlements()
        self.cycle.action_to_approve()
        self.assertEqual(self.cycle.state, "to_approve")
        with self.assertRaises(UserError):
            self.cycle.action_generate_entitlements()
        self.cycle.action_approve()
        self.assertEqual(self.cycle.state, "approved")
        entitlement = self.cycle.entitlement_ids
        self.assertEqual(entitlement.state, "approved")
        self.assertTrue(entitlement.code)
        self.cycle.action_distributed()
        self.assertEqual(self.cycle.state, "distributed")
        self.cycle.action_end()
        self.assertEqual(self.cycle.state, "ended")

    def test_guards(self):
        for method in ("action_approve", "action_distributed", "action_end", "action_reset_draft"):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(self.cycle, method)()
        self.cycle.action_to_approve()
        with self.assertRaises(UserError):
            self.cycle.action_to_approve()
        self.cycle.action_approve()
        for method in (
            "action_cancel",
            "action_reset_draft",
            "action_generate_entitlements",
            "action_approve",
        ):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(self.cycle, method)()
        self.assertEqual(self.cycle.state, "approved")

    def test_cancel_cancels_pending_entitlements_and_reset(self):
        self._enrolled(self.person)
        self.cycle.action_generate_entitlements()
        self.cycle.action_to_approve()
        self.cycle.action_cancel()
        self.assertEqual(self.cycle.state, "cancelled")
        self.assertEqual(self.cycle.entitlement_ids.state, "cancelled")
        self.cycle.action_reset_draft()
        self.assertEqual(self.cycle.state, "draft")
        regenerated = self.cycle.action_generate_entitlements()
        self.assertEqual(len(regenerated), 1)

    def test_dates_must_be_ordered(self):
        with self.assertRaises(ValidationError):
            self.Cycle.create(
                {
                    "name": "Bad",
                    "program_id": self.program.id,
                    "start_date": "2026-02-01",
                    "end_date": "2026-01-01",
                }
            )
