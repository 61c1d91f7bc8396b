# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    def setUp(self):
        super().setUp()
        if not self.env.ref("g2p_programs.demo_program_cash_transfer", raise_if_not_found=False):
            self.skipTest("demo data not loaded")
        self.amina = self.env.ref("g2p_registry.demo_registrant_amina")
        self.cash = self.env.ref("g2p_programs.demo_program_cash_transfer")
        self.medical = self.env.ref("g2p_programs.demo_program_medical")
        self.school = self.env.ref("g2p_programs.demo_program_school_stipend")

    def test_programs(self):
        self.assertTrue(self.medical.allow_multiple_applications)
        self.assertEqual(self.school.target_type, "individual")
        self.assertEqual(
            set(self.school.required_document_type_ids.ids),
            {
                self.env.ref("g2p_programs.document_type_birth_certificate").id,
                self.env.ref("g2p_programs.document_type_school_letter").id,
            },
        )
        food = self.env.ref("g2p_programs.demo_program_food_support")
        self.assertEqual(food.target_type, "group")

    def test_applications_in_every_state(self):
        states = set(self.env["g2p.program.application"].search([]).mapped("state"))
        self.assertGreaterEqual(
            states, {"submitted", "under_review", "approved", "rejected", "completed", "closed"}
        )

    def test_amina_story(self):
        cash = self.env.ref("g2p_programs.demo_application_amina_cash")
        self.assertEqual(cash.partner_id, self.amina)
        self.assertEqual(cash.state, "approved")
        self.assertEqual(cash.program_membership_id.state, "enrolled")
        self.assertEqual(cash.program_membership_id, self.env.ref("g2p_programs.demo_membership_amina_cash"))
        medical = self.env.ref("g2p_programs.demo_application_amina_medical")
        self.assertEqual(medical.state, "rejected")
        self.assertTrue(medical.rejection_reason)
        self.assertFalse(self.medical._g2p_apply_refusal_reason(self.amina))
        self.assertFalse(self.school._g2p_apply_refusal_reason(self.amina))
        self.assertFalse(
            self.env["g2p.program.application"].search(
                [("partner_id", "=", self.amina.id), ("program_id", "=", self.school.id)]
            )
        )

    def test_amina_entitlements(self):
        first = self.env.ref("g2p_programs.demo_entitlement_amina_cycle1")
        second = self.env.ref("g2p_programs.demo_entitlement_amina_cycle2")
        self.assertEqual(first.state, "paid")
        self.assertEqual(len(first.payment_ids.filtered(lambda p: p.status == "paid")), 2)
        self.assertEqual(first.amount_paid, first.initial_amount)
        self.assertTrue(first.code and second.code)
        self.assertEqual(second.last_payment_status, "failed")
        self.assertEqual(second.amount_paid, 0.0)
        self.assertEqual(second.amount_awaited, second.initial_amount)
        cycles = self.env["g2p.cycle"].search([("program_id", "=", self.cash.id)])
        self.assertEqual(len(cycles), 2)
        self.assertEqual(self.env.ref("g2p_programs.demo_cycle_cash_1").state, "ended")

    def test_history_is_recorded_for_demo_applications(self):
        medical = self.env.ref("g2p_programs.demo_application_amina_medical")
        self.assertEqual(
            medical.status_history_ids.mapped("state"), ["submitted", "under_review", "rejected"]
        )
