# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import G2PProgramsCase


class TestEntitlementPayments(G2PProgramsCase):
    def setUp(self):
        super().setUp()
        self.cycle = self.Cycle.create({"name": "C1", "program_id": self.program.id})

    def _draft(self, partner=None, amount=100.0):
        self._enrolled(partner or self.person, self.cycle.program_id)
        return self.Entitlement.create(
            {
                "cycle_id": self.cycle.id,
                "partner_id": (partner or self.person).id,
                "initial_amount": amount,
            }
        )

    # Transitions and the reference number

    def test_reference_is_set_only_on_approval(self):
        entitlement = self._draft()
        self.assertFalse(entitlement.code)
        entitlement.action_submit()
        self.assertEqual(entitlement.state, "pending_validation")
        self.assertFalse(entitlement.code)
        entitlement.action_approve()
        self.assertEqual(entitlement.state, "approved")
        self.assertRegex(entitlement.code, r"^ENT-\d{4}-\d{6}$")
        self.assertTrue(entitlement.approval_date)
        self.assertEqual(entitlement.approved_by_id, self.env.user)
        self.assertEqual(entitlement.program_id, self.program)
        self.assertEqual(entitlement.currency_id, self.program.currency_id)

    def test_references_are_distinct(self):
        codes = {
            self._approved_entitlement(self._individual(f"N{i}", "M"), cycle=self.cycle).code
            for i in range(4)
        }
        self.assertEqual(len(codes), 4)

    @mute_logger("odoo.sql_db")
    def test_reference_is_unique_in_the_database(self):
        first = self._approved_entitlement(cycle=self.cycle)
        second = self._approved_entitlement(self.other_person, cycle=self.cycle)
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            second.write({"code": first.code})
            second.flush_recordset()

    def test_transition_guards(self):
        entitlement = self._draft()
        for method in ("action_approve", "action_expire"):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(entitlement, method)()
        entitlement.action_submit()
        with self.assertRaises(UserError):
            entitlement.action_submit()
        entitlement.action_approve()
        with self.assertRaises(UserError):
            entitlement.action_approve()
        entitlement.action_expire()
        self.assertEqual(entitlement.state, "expired")
        self.assertEqual(entitlement.amount_awaited, 0.0)
        for method in ("action_cancel", "action_expire", "action_submit"):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(entitlement, method)()

    def test_submit_refuses_a_zero_amount(self):
        entitlement = self._draft(amount=0.0)
        with self.assertRaises(UserError):
            entitlement.action_submit()

    def test_cancel_refused_once_something_was_paid(self):
        entitlement = self._approved_entitlement(cycle=self.cycle)
        self._pay(entitlement, 30.0)
        with self.assertRaises(UserError):
            entitlement.action_cancel()
        other = self._approved_entitlement(self.other_person, cycle=self.cycle)
        other.action_cancel()
        self.assertEqual(other.state, "cancelled")
        self.assertEqual(other.amount_awaited, 0.0)

    def test_amount_locked_after_approval(self):
        entitlement = self._approved_entitlement(cycle=self.cycle)
        with self.assertRaises(UserError):
            entitlement.initial_amount = 500.0

    # Payments and totals

    def test_two_paid_instalments_and_a_failed_payment(self):
        entitlement = self._approved_entitlement(cycle=self.cycle, amount=100.0)
        self.assertEqual(entitlement.amount_awaited, 100.0)
        self.assertFalse(entitlement.last_payment_status)
        self._pay(entitlement, 60.0)
        self.assertEqual(entitlement.state, "partially_paid")
        self.assertEqual(entitlement.amount_paid, 60.0)
        self.assertEqual(entitlement.amount_awaited, 40.0)
        self._pay(entitlement, 40.0, status="failed")
        self.assertEqual(entitlement.amount_paid, 60.0)
        self.assertEqual(entitlement.amount_awaited, 40.0)
        self.assertEqual(entitlement.last_payment_status, "failed")
        self.assertEqual(entitlement.state, "partially_paid")
        self._pay(entitlement, 40.0)
        self.assertEqual(entitlement.amount_paid, 100.0)
        self.assertEqual(entitlement.amount_awaited, 0.0)
        self.assertEqual(entitlement.last_payment_status, "paid")
        self.assertEqual(entitlement.state, "paid")
        # Stored values, as SQL sees them.
        self.env.flush_all()
        self.cr.execute(
            "SELECT amount_paid, amount_awaited, last_payment_status, state"
            " FROM g2p_entitlement WHERE id = %s",
            [entitlement.id],
        )
        self.assertEqual(self.cr.fetchone(), (100.0, 0.0, "paid", "paid"))

    def test_failed_payment_counts_nothing(self):
        entitlement = self._approved_entitlement(cycle=self.cycle)
        payment = self._pay(entitlement, 100.0, status="failed")
        self.assertEqual(payment.status, "failed")
        self.assertEqual(entitlement.amount_paid, 0.0)
        self.assertEqual(entitlement.amount_awaited, 100.0)
        self.assertEqual(entitlement.state, "approved")

    def test_cycle_totals(self):
        first = self._approved_entitlement(cycle=self.cycle, amount=100.0)
        second = self._approved_entitlement(self.other_person, cycle=self.cycle, amount=50.0)
        cancelled = self._approved_entitlement(self._individual("C", "X"), cycle=self.cycle, amount=70.0)
        cancelled.action_cancel()
        self._pay(first, 60.0)
        self._pay(first, 40.0)
        self._pay(second, 50.0, status="failed")
        self.cycle.invalidate_recordset()
        self.assertEqual(self.cycle.total_amount, 150.0)
        self.assertEqual(self.cycle.total_paid, 100.0)
        self.assertEqual(self.cycle.entitlement_count, 2)

    def test_total_paid_cannot_exceed_the_entitlement(self):
        entitlement = self._approved_entitlement(cycle=self.cycle, amount=100.0)
        self._pay(entitlement, 70.0)
        with self.assertRaises(ValidationError):
            self._pay(entitlement, 40.0)
        self.assertEqual(entitlement.amount_paid, 70.0)
        issued = self._pay(entitlement, 40.0, status="issued")
        with self.assertRaises(ValidationError):
            issued.action_mark_paid()
        self.assertEqual(issued.status, "issued")

    def test_payment_only_on_payable_entitlements(self):
        draft = self._draft()
        with self.assertRaises(UserError):
            self._pay(draft, 10.0)
        entitlement = self._approved_entitlement(self.other_person, cycle=self.cycle)
        self._pay(entitlement, 100.0)
        self.assertEqual(entitlement.state, "paid")
        with self.assertRaises(UserError):
            self._pay(entitlement, 1.0)

    @mute_logger("odoo.sql_db")
    def test_negative_amounts_refused(self):
        entitlement = self._approved_entitlement(cycle=self.cycle)
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._pay(entitlement, -5.0, status="issued")

    def test_payment_transitions(self):
        entitlement = self._approved_entitlement(cycle=self.cycle, amount=100.0)
        payment = self._pay(entitlement, 100.0, status="issued")
        self.assertTrue(payment.name.startswith("PAY-"))
        self.assertEqual(entitlement.amount_paid, 0.0)
        self.assertEqual(entitlement.last_payment_status, "issued")
        payment.action_mark_paid()
        self.assertEqual(payment.status, "paid")
        self.assertEqual(payment.amount_paid, 100.0)
        self.assertTrue(payment.payment_date)
        self.assertEqual(entitlement.state, "paid")
        for method in ("action_mark_paid", "action_mark_failed"):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(payment, method)()
        with self.assertRaises(UserError):
            payment.unlink()

    def test_mark_failed(self):
        entitlement = self._approved_entitlement(cycle=self.cycle)
        payment = self._pay(entitlement, 100.0, status="issued")
        payment.action_mark_failed()
        self.assertEqual(payment.status, "failed")
        self.assertEqual(entitlement.last_payment_status, "failed")
        self.assertEqual(entitlement.amount_awaited, 100.0)
        with self.assertRaises(UserError):
            payment.action_mark_paid()

    def test_record_payment_wizard(self):
        entitlement = self._approved_entitlement(cycle=self.cycle, amount=100.0)
        self._pay(entitlement, 30.0)
        action = entitlement.action_open_payment_wizard()
        Wizard = self.env[action["res_model"]].with_context(**action["context"])
        wizard = Wizard.create({})
        self.assertEqual(wizard.amount, 70.0)
        wizard.action_confirm()
        self.assertEqual(entitlement.state, "paid")
        self.assertEqual(len(entitlement.payment_ids), 2)
        with self.assertRaises(UserError):
            entitlement.action_open_payment_wizard()
