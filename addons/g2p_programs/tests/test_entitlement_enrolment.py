# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import G2PProgramsCase


class TestEntitlementEnrolment(G2PProgramsCase):
    """Entitlements go only to registrants enrolled in the cycle's program."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._user("enrolment_manager", "g2p_registry.group_g2p_program_manager")

    def setUp(self):
        super().setUp()
        self.cycle = self.Cycle.create({"name": "E1", "program_id": self.program.id})

    def _create(self, partner, cycle=None):
        return self.Entitlement.with_user(self.manager).create(
            {"cycle_id": (cycle or self.cycle).id, "partner_id": partner.id, "initial_amount": 50.0}
        )

    def test_registrant_without_membership_gets_no_entitlement(self):
        with self._refused("not enrolled"):
            self._create(self.person)
        self.assertFalse(self.Entitlement.search([("cycle_id", "=", self.cycle.id)]))

    def test_membership_not_yet_enrolled_is_refused(self):
        self.Membership.create({"partner_id": self.person.id, "program_id": self.program.id})
        with self._refused("not enrolled"):
            self._create(self.person)

    def test_enrolment_in_another_program_does_not_count(self):
        self._enrolled(self.person, self.program_multi)
        with self._refused("not enrolled"):
            self._create(self.person)

    def test_enrolled_registrant_gets_an_entitlement(self):
        self._enrolled(self.person)
        entitlement = self._create(self.person)
        entitlement.action_submit()
        entitlement.action_approve()
        self.assertEqual(entitlement.state, "approved")
        self.assertTrue(entitlement.code)

    def test_moving_an_entitlement_to_someone_not_enrolled_is_refused(self):
        self._enrolled(self.person)
        entitlement = self._create(self.person)
        with self._refused("not enrolled"):
            entitlement.write({"partner_id": self.other_person.id})
        other_cycle = self.Cycle.create({"name": "M1", "program_id": self.program_multi.id})
        with self._refused("not enrolled"):
            entitlement.write({"cycle_id": other_cycle.id})
        self.assertEqual(entitlement.partner_id, self.person)
        self.assertEqual(entitlement.cycle_id, self.cycle)

    def test_membership_ended_before_submission_or_approval_blocks_it(self):
        membership = self._enrolled(self.person)
        draft = self._create(self.person)
        membership.action_pause()
        with self._refused("not enrolled"):
            draft.action_submit()
        self.assertEqual(draft.state, "draft")
        membership.action_resume()
        draft.action_submit()
        membership.action_exit()
        with self._refused("not enrolled"):
            draft.with_user(self.manager).action_approve()
        self.assertEqual(draft.state, "pending_validation")
        self.assertFalse(draft.code)

    def test_cycle_approval_refuses_an_entitlement_of_an_exited_member(self):
        stays = self._enrolled(self.person)
        leaves = self._enrolled(self.other_person)
        created = self.cycle.action_generate_entitlements()
        self.assertEqual(created.partner_id, self.person | self.other_person)
        leaves.action_exit()
        self.cycle.action_to_approve()
        with self._refused("not enrolled"):
            self.cycle.action_approve()
        self.assertFalse(created.filtered("code"))
        # Cancelling the exited member's entitlement lets the cycle go through.
        created.filtered(lambda e: e.partner_id == self.other_person).action_cancel()
        self.cycle.action_approve()
        self.assertEqual(created.filtered(lambda e: e.partner_id == stays.partner_id).state, "approved")

    def test_generation_skips_registrants_not_enrolled(self):
        self._enrolled(self.person)
        self.Membership.create({"partner_id": self.other_person.id, "program_id": self.program.id})
        created = self.cycle.action_generate_entitlements()
        self.assertEqual(created.partner_id, self.person)
