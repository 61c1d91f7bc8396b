# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from ..models.workflow_mixin import audit_unlink_context
from .common import G2PProgramsCase


class TestAuditRecords(G2PProgramsCase):
    """Settled payments, approved entitlements and status history are never deleted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls._user("audit_admin", "g2p_registry.group_g2p_admin")
        cls.system = cls._user("audit_system", "base.group_system,g2p_registry.group_g2p_admin")

    def setUp(self):
        super().setUp()
        self.cycle = self.Cycle.create({"name": "A1", "program_id": self.program.id})

    def _as_admins(self, records):
        return [records.with_user(self.admin), records.with_user(self.system)]

    def test_paid_and_failed_payments_cannot_be_deleted(self):
        entitlement = self._approved_entitlement(cycle=self.cycle, amount=100.0)
        paid = self._pay(entitlement, 40.0)
        failed = self._pay(entitlement, 60.0, status="failed")
        for payment in (paid, failed):
            for records in self._as_admins(payment):
                with self.subTest(payment=payment.status, user=records.env.user.login):
                    with self._refused("audit record"):
                        records.unlink()
        self.assertEqual(len((paid | failed).exists()), 2)
        self.assertEqual(entitlement.amount_paid, 40.0)

    def test_issued_payment_can_still_be_withdrawn(self):
        entitlement = self._approved_entitlement(cycle=self.cycle, amount=100.0)
        issued = self._pay(entitlement, 100.0, status="issued")
        issued.with_user(self.admin).unlink()
        self.assertFalse(issued.exists())
        self.assertEqual(entitlement.state, "approved")

    def test_approved_entitlement_cannot_be_deleted_even_once_cancelled(self):
        entitlement = self._approved_entitlement(cycle=self.cycle)
        for records in self._as_admins(entitlement):
            with self._refused("audit record"):
                records.unlink()
        entitlement.action_cancel()
        self.assertEqual(entitlement.state, "cancelled")
        self.assertTrue(entitlement.code)
        for records in self._as_admins(entitlement):
            with self._refused("audit record"):
                records.unlink()
        self.assertTrue(entitlement.exists())

    def test_cancelled_entitlements_stay_as_records(self):
        self._enrolled(self.person)
        self.cycle.action_generate_entitlements()
        entitlement = self.cycle.entitlement_ids
        self.cycle.action_cancel()
        self.assertEqual(entitlement.state, "cancelled")
        self.assertFalse(entitlement.code)
        with self._refused("audit record"):
            entitlement.with_user(self.admin).unlink()
        self.assertTrue(entitlement.exists())

    def test_draft_entitlement_never_approved_can_be_deleted(self):
        self._enrolled(self.person)
        draft = self.Entitlement.create(
            {"cycle_id": self.cycle.id, "partner_id": self.person.id, "initial_amount": 10.0}
        )
        draft.action_submit()
        draft.with_user(self.admin).unlink()
        self.assertFalse(draft.exists())

    def test_status_history_cannot_be_deleted_by_any_user(self):
        application = self._apply(program=self.program_multi)
        application.action_review()
        rows = application.status_history_ids
        self.assertEqual(len(rows), 2)
        for records in self._as_admins(rows):
            with self.assertRaises(UserError):  # AccessError included
                records.unlink()
        # Beyond the access rights (no one has delete access), the model itself refuses.
        with self._refused("audit record"):
            rows.with_user(self.system)._unlink_except_superuser()
        self.assertEqual(len(rows.exists()), 2)

    def test_application_with_decisions_keeps_its_history(self):
        decided = self._apply(program=self.program_multi)
        decided.action_review()
        with self._refused("audit record"):
            decided.with_user(self.admin).unlink()
        self.assertTrue(decided.exists())
        # A submission nobody acted on yet may still be removed.
        fresh = self._apply(program=self.program_multi, partner=self.other_person)
        fresh.with_user(self.admin).unlink()
        self.assertFalse(fresh.exists())

    def test_only_superuser_code_asking_explicitly_removes_audit_records(self):
        entitlement = self._approved_entitlement(cycle=self.cycle, amount=100.0)
        payment = self._pay(entitlement, 100.0)
        application = self._apply(program=self.program_multi)
        application.action_review()
        history = application.status_history_ids
        # Plain superuser code is refused too: it must ask explicitly.
        with self._refused("audit record"):
            payment.sudo().unlink()
        forced = audit_unlink_context()
        payment.sudo().with_context(**forced).unlink()
        entitlement.sudo().with_context(**forced).unlink()
        history.sudo().with_context(**forced).unlink()
        self.assertFalse(payment.exists())
        self.assertFalse(entitlement.exists())
        self.assertFalse(history.exists())
