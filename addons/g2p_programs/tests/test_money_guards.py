# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..models.workflow_mixin import audit_unlink, in_transition
from .common import G2PProgramsCase


class TestMoneyGuards(G2PProgramsCase):
    """Money moves only to the right person, once, while the entitlement is payable."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._user("money_manager", "g2p_registry.group_g2p_program_manager")

    def setUp(self):
        super().setUp()
        self.cycle = self.Cycle.create({"name": "C1", "program_id": self.program.id})

    def _draft(self, partner=None, amount=100.0, cycle=None):
        self._enrolled(partner or self.person, (cycle or self.cycle).program_id)
        return self.Entitlement.create(
            {
                "cycle_id": (cycle or self.cycle).id,
                "partner_id": (partner or self.person).id,
                "initial_amount": amount,
            }
        )

    # Payments in flight when the entitlement stops being payable

    def test_cancel_and_expire_wait_for_payments_in_flight(self):
        entitlement = self._approved_entitlement(cycle=self.cycle)
        payment = self._pay(entitlement, 60.0, status="issued")
        for method in ("action_cancel", "action_expire"):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(entitlement.with_user(self.manager), method)()
        self.assertEqual(entitlement.state, "approved")
        payment.action_mark_failed()
        entitlement.with_user(self.manager).action_cancel()
        self.assertEqual(entitlement.state, "cancelled")

    def test_issued_payment_cannot_be_paid_once_the_entitlement_is_not_payable(self):
        entitlement = self._approved_entitlement(cycle=self.cycle)
        payment = self._pay(entitlement, 100.0, status="issued")
        # However the entitlement got there, a payment in flight cannot pay it.
        in_transition(entitlement).write({"state": "cancelled"})
        with self.assertRaises(UserError):
            payment.with_user(self.manager).action_mark_paid()
        self.assertEqual(payment.status, "issued")
        self.assertEqual(entitlement.amount_paid, 0.0)
        self.assertEqual(entitlement.state, "cancelled")
        # Reporting the failure of the transfer stays possible.
        payment.with_user(self.manager).action_mark_failed()
        self.assertEqual(payment.status, "failed")

    # Settled money cannot be rewritten

    def test_settled_payment_amounts_and_date_cannot_be_rewritten(self):
        entitlement = self._approved_entitlement(cycle=self.cycle, amount=100.0)
        paid = self._pay(entitlement, 60.0)
        failed = self._pay(entitlement, 40.0, status="failed")
        for payment, vals in (
            (paid, {"amount_paid": 100.0}),
            (paid, {"amount_paid": 0.0}),
            (paid, {"amount_issued": 10.0}),
            (paid, {"payment_date": "2001-01-01"}),
            (failed, {"amount_paid": 40.0}),
        ):
            with self.subTest(payment=payment.status, vals=vals), self.assertRaises(UserError):
                payment.with_user(self.manager).write(vals)
        self.assertEqual(entitlement.amount_paid, 60.0)
        self.assertEqual(entitlement.state, "partially_paid")
        self.assertEqual(paid.amount_paid, 60.0)
        # An issued payment may still be corrected before it is settled.
        issued = self._pay(entitlement, 30.0, status="issued")
        issued.with_user(self.manager).write({"amount_issued": 40.0})
        self.assertEqual(issued.amount_issued, 40.0)

    def test_approved_entitlement_keeps_its_beneficiary_and_cycle(self):
        entitlement = self._approved_entitlement(cycle=self.cycle)
        self._pay(entitlement, 50.0)
        other_cycle = self.Cycle.create({"name": "C2", "program_id": self.program.id})
        for vals in ({"partner_id": self.other_person.id}, {"cycle_id": other_cycle.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                entitlement.with_user(self.manager).write(vals)
        self.assertEqual(entitlement.partner_id, self.person)
        self.assertEqual(entitlement.payment_ids.partner_id, self.person)
        # A draft is still corrected freely.
        draft = self._draft(self.other_person)
        newcomer = self._individual("New", "One")
        self._enrolled(newcomer)
        draft.with_user(self.manager).write({"partner_id": newcomer.id})
        self.assertNotEqual(draft.partner_id, self.other_person)

    # One entitlement per beneficiary and cycle

    def test_one_live_entitlement_per_beneficiary_and_cycle(self):
        first = self._draft()
        with self.assertRaises(UserError):
            self._draft()
        other = self._draft(self.other_person)
        with self.assertRaises(UserError):
            other.write({"partner_id": self.person.id})
        first.action_cancel()
        second = self._draft()
        self.assertEqual(second.state, "draft")

    @mute_logger("odoo.sql_db")
    def test_database_refuses_a_second_live_entitlement(self):
        # What a concurrent transaction would insert after the ORM check passed.
        self._draft()
        insert = (
            "INSERT INTO g2p_entitlement (cycle_id, partner_id, initial_amount, state)"
            " VALUES (%s, %s, 10, %s)"
        )
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.cr.execute(insert, [self.cycle.id, self.person.id, "draft"])
        self.cr.execute(insert, [self.cycle.id, self.person.id, "cancelled"])

    def test_generating_after_a_manual_entitlement_adds_no_duplicate(self):
        self._enrolled(self.person)
        self._draft()
        created = self.cycle.action_generate_entitlements()
        self.assertFalse(created)
        self.assertEqual(len(self.cycle.entitlement_ids), 1)

    # Closed cycles

    def test_no_entitlement_added_or_approved_in_a_closed_cycle(self):
        pending = self._draft()
        pending.action_submit()
        self.cycle.action_to_approve()
        self.cycle.action_approve()
        late = self._draft(self.other_person)
        late.action_submit()
        self.cycle.action_end()
        with self.assertRaises(UserError):
            late.action_approve()
        self.assertFalse(late.code)
        with self.assertRaises(UserError):
            self._draft(self._individual("Late", "Comer"))
        cancelled = self.Cycle.create({"name": "C3", "program_id": self.program.id})
        cancelled.action_cancel()
        with self.assertRaises(UserError):
            self._draft(cycle=cancelled)

    # Currency

    def test_program_currency_is_locked_once_entitlements_exist(self):
        other_currency = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("id", "!=", self.program.currency_id.id)], limit=1)
        )
        empty_program = self._program("No money yet")
        empty_program.write({"currency_id": other_currency.id})
        self.assertEqual(empty_program.currency_id, other_currency)
        entitlement = self._approved_entitlement(cycle=self.cycle)
        self._pay(entitlement, 100.0)
        currency = self.program.currency_id
        with self.assertRaises(UserError):
            self.program.with_user(self.manager).write({"currency_id": other_currency.id})
        self.assertEqual(entitlement.currency_id, currency)
        self.assertEqual(entitlement.payment_ids.currency_id, currency)

    # Expiry

    def test_daily_expiry_of_unpaid_entitlements_past_validity(self):
        today = fields.Date.context_today(self.Entitlement)
        past = today - timedelta(days=1)
        people = [self._individual(f"P{i}", "Expiry") for i in range(5)]
        overdue = self._approved_entitlement(people[0], cycle=self.cycle)
        still_valid = self._approved_entitlement(people[1], cycle=self.cycle)
        part_paid = self._approved_entitlement(people[2], cycle=self.cycle)
        in_flight = self._approved_entitlement(people[3], cycle=self.cycle)
        pending = self._draft(people[4])
        pending.action_submit()
        (overdue | part_paid | in_flight | pending).write({"valid_until": past})
        still_valid.write({"valid_until": today})
        self._pay(part_paid, 10.0)
        self._pay(in_flight, 10.0, status="issued")
        cron = self.env.ref("g2p_programs.ir_cron_g2p_entitlement_expire")
        self.assertEqual(cron.model_id.model, "g2p.entitlement")
        self.Entitlement._g2p_cron_expire()
        self.assertEqual(overdue.state, "expired")
        self.assertEqual(overdue.amount_awaited, 0.0)
        self.assertEqual(still_valid.state, "approved")
        self.assertEqual(part_paid.state, "partially_paid")
        self.assertEqual(in_flight.state, "approved")
        self.assertEqual(pending.state, "pending_validation")

    def test_cycle_with_approved_entitlements_cannot_be_cancelled(self):
        entitlement = self._approved_entitlement(cycle=self.cycle)
        self._pay(entitlement, 30.0)
        with self.assertRaises(UserError):
            self.cycle.with_user(self.manager).action_cancel()
        self.assertEqual(self.cycle.state, "draft")
        self.assertEqual(entitlement.state, "partially_paid")

    # Stored copies of linked fields

    def test_copied_fields_cannot_be_rewritten(self):
        officer = self._user("money_officer", "g2p_registry.group_g2p_registry_officer")
        other_currency = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("id", "!=", self.program.currency_id.id)], limit=1)
        )
        other_company = self.env["res.company"].create({"name": "Elsewhere"})
        entitlement = self._approved_entitlement(self.other_person, cycle=self.cycle)
        payment = self._pay(entitlement, 10.0)
        application = self._apply()
        for records, user, vals in (
            (entitlement, self.manager, {"currency_id": other_currency.id}),
            (entitlement, self.manager, {"program_id": self.program_multi.id}),
            (payment, self.manager, {"partner_id": self.person.id}),
            (payment, self.manager, {"currency_id": other_currency.id}),
            (self.cycle, self.manager, {"company_id": other_company.id}),
            (application, officer, {"company_id": other_company.id}),
        ):
            with self.subTest(model=records._name, vals=vals), self.assertRaises(UserError):
                records.with_user(user).write(vals)
        self.env.invalidate_all()
        self.assertEqual(entitlement.currency_id, self.program.currency_id)
        self.assertEqual(payment.partner_id, self.other_person)
        self.assertEqual(payment.currency_id, self.program.currency_id)
        self.assertEqual(application.company_id, self.program.company_id)

    def test_application_date_is_not_rewritten(self):
        officer = self._user("date_officer", "g2p_registry.group_g2p_registry_officer")
        application = self._apply()
        applied = application.date_applied
        with self.assertRaises(UserError):
            application.with_user(officer).write({"date_applied": "2000-01-01 00:00:00"})
        self.assertEqual(application.date_applied, applied)

    def test_started_membership_keeps_its_registrant_and_program(self):
        membership = self._enrolled(self.person)
        for vals in ({"partner_id": self.other_person.id}, {"program_id": self.program_multi.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                membership.with_user(self.manager).write(vals)
        self.assertEqual(membership.partner_id, self.person)
        draft = self.Membership.create({"partner_id": self.other_person.id, "program_id": self.program.id})
        draft.with_user(self.manager).write({"program_id": self.program_multi.id})
        self.assertEqual(draft.program_id, self.program_multi)

    def test_failed_payment_records_nothing_paid(self):
        entitlement = self._approved_entitlement(cycle=self.cycle, amount=100.0)
        failed = self.Payment.with_user(self.manager).create(
            {"entitlement_id": entitlement.id, "amount_issued": 40.0, "amount_paid": 40.0, "status": "failed"}
        )
        self.assertEqual(failed.amount_paid, 0.0)
        totals = self.Payment._read_group([("entitlement_id", "=", entitlement.id)], [], ["amount_paid:sum"])
        self.assertEqual(totals[0][0], 0.0)
        self.assertEqual(entitlement.amount_awaited, 100.0)

    def test_household_without_members_gets_no_entitlement_that_blocks_approval(self):
        program = self._program(
            "Food", target_type="group", entitlement_per_member=True, entitlement_amount=25.0
        )
        empty = self._household("Empty House")
        fed = self._household("Fed House")
        self.env["g2p.group.membership"].create({"group": fed.id, "individual": self.person.id})
        self._enrolled(empty, program)
        self._enrolled(fed, program)
        cycle = self.Cycle.create({"name": "F1", "program_id": program.id})
        created = cycle.action_generate_entitlements()
        self.assertEqual(created.partner_id, fed)
        cycle.action_to_approve()
        cycle.action_approve()
        self.assertEqual(created.state, "approved")

    def test_status_history_is_append_only_even_for_administrators(self):
        admin = self._user("history_admin", "g2p_registry.group_g2p_admin")
        application = self._apply(program=self.program_multi)
        application.action_review()
        rows = application.status_history_ids
        History = self.env["g2p.program.application.status"].with_user(admin)
        with self.assertRaises(AccessError):
            rows[0].with_user(admin).write({"note": "tampered", "user_id": admin.id})
        with self.assertRaises(AccessError):
            History.create({"application_id": application.id, "state": "approved"})
        with self.assertRaises(AccessError):
            rows[-1].with_user(admin).unlink()
        self.assertEqual(len(application.status_history_ids), 2)
        # Deleting the application would take its history along: refused too.
        with self.assertRaises(UserError):
            application.with_user(admin).unlink()
        self.assertEqual(len(rows.exists()), 2)
        # Only superuser code asking for it explicitly may still remove it, history included.
        audit_unlink(application).unlink()
        self.assertFalse(rows.exists())

    def test_only_registrants_are_enrolled_or_entitled(self):
        contact = self.env["res.partner"].create({"name": "Supplier Ltd", "is_company": True})
        with self.assertRaises(ValidationError):
            self.Membership.with_user(self.manager).create(
                {"partner_id": contact.id, "program_id": self.program.id}
            )
        with self.assertRaises(ValidationError):
            self.Entitlement.with_user(self.manager).create(
                {"cycle_id": self.cycle.id, "partner_id": contact.id, "initial_amount": 10.0}
            )
        entitlement = self._draft()
        with self.assertRaises(ValidationError):
            entitlement.with_user(self.manager).write({"partner_id": contact.id})

    def test_membership_follows_the_program_target(self):
        with self.assertRaises(ValidationError):
            self.Membership.create({"partner_id": self.household.id, "program_id": self.program.id})
        with self.assertRaises(ValidationError):
            self.Membership.create({"partner_id": self.person.id, "program_id": self.program_group.id})
        membership = self.Membership.create(
            {"partner_id": self.household.id, "program_id": self.program_group.id}
        )
        self.assertEqual(membership.state, "draft")
