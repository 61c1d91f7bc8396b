# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import G2PProgramsCase


class TestWorkflowGuard(G2PProgramsCase):
    """Workflow fields move only through the transitions, whatever the rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls._user("guard_officer", "g2p_registry.group_g2p_registry_officer")
        cls.manager = cls._user("guard_manager", "g2p_registry.group_g2p_program_manager")

    def test_officer_cannot_approve_by_writing_the_state(self):
        application = self._apply().with_user(self.officer)
        for vals in (
            {"state": "approved"},
            {"rejection_reason": "x"},
            {"name": "APP-X"},
            {"program_id": self.program_multi.id},
            {"partner_id": self.other_person.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                application.write(vals)
        self.assertEqual(application.state, "submitted")
        self.assertFalse(application.status_history_ids.filtered(lambda r: r.state == "approved"))

    def test_users_without_write_access_get_an_access_error_first(self):
        viewer = self._user("guard_viewer", "g2p_registry.group_g2p_registry_viewer")
        with self.assertRaises(AccessError):
            self._apply().with_user(viewer).write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.Application.with_user(viewer).create(
                {"program_id": self.program.id, "partner_id": self.person.id, "state": "approved"}
            )

    def test_applications_are_created_submitted(self):
        with self.assertRaises(UserError):
            self.Application.with_user(self.officer).create(
                {"program_id": self.program.id, "partner_id": self.person.id, "state": "approved"}
            )

    def test_manager_cannot_forge_entitlement_or_cycle_states(self):
        cycle = self.Cycle.create({"name": "C", "program_id": self.program.id})
        self._enrolled(self.person)
        entitlement = self.Entitlement.create(
            {"cycle_id": cycle.id, "partner_id": self.person.id, "initial_amount": 10.0}
        ).with_user(self.manager)
        with self.assertRaises(UserError):
            entitlement.write({"state": "approved"})
        with self.assertRaises(UserError):
            entitlement.write({"code": "ENT-FAKE"})
        with self.assertRaises(UserError):
            self.Entitlement.with_user(self.manager).create(
                {
                    "cycle_id": cycle.id,
                    "partner_id": self.other_person.id,
                    "initial_amount": 10.0,
                    "code": "ENT-FAKE",
                }
            )
        with self.assertRaises(UserError):
            cycle.with_user(self.manager).write({"state": "approved"})
        with self.assertRaises(UserError):
            self.program.with_user(self.manager).write({"state": "ended"})
        membership = self.Membership.create(
            {"partner_id": self._individual("Draft", "Member").id, "program_id": self.program.id}
        ).with_user(self.manager)
        with self.assertRaises(UserError):
            membership.write({"state": "enrolled"})

    def test_payment_status_changes_through_buttons_only(self):
        entitlement = self._approved_entitlement()
        payment = self._pay(entitlement, 100.0, status="issued").with_user(self.manager)
        with self.assertRaises(UserError):
            payment.write({"status": "paid"})
        payment.action_mark_paid()
        self.assertEqual(payment.status, "paid")
        self.assertEqual(entitlement.state, "paid")

    def test_buttons_work_for_the_right_users(self):
        application = self._apply().with_user(self.officer)
        application.action_review()
        application.with_user(self.manager).action_approve()
        self.assertEqual(application.state, "approved")
        membership = application.program_membership_id.with_user(self.manager)
        membership.action_pause()
        membership.action_resume()
        membership.action_exit()
        self.assertEqual(membership.state, "exited")
        program = self.program_multi.with_user(self.manager)
        program.action_end()
        program.action_reopen()
        self.assertEqual(program.state, "active")
