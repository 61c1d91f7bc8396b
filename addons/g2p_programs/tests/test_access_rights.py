# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import G2PProgramsCase


class TestAccessRights(G2PProgramsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.viewer = cls._user("g2p_viewer", "g2p_registry.group_g2p_registry_viewer")
        cls.officer = cls._user("g2p_officer", "g2p_registry.group_g2p_registry_officer")
        cls.manager = cls._user("g2p_manager", "g2p_registry.group_g2p_program_manager")
        cls.admin = cls._user("g2p_admin_user", "g2p_registry.group_g2p_admin")
        cls.employee = cls._user("plain_employee", "base.group_user")

    def test_viewer_reads_but_cannot_write(self):
        application = self._apply()
        self.assertEqual(application.with_user(self.viewer).name, application.name)
        self.assertEqual(self.program.with_user(self.viewer).name, "Test Cash")
        with self.assertRaises(AccessError):
            self.program.with_user(self.viewer).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            application.with_user(self.viewer).action_review()
        with self.assertRaises(AccessError):
            self.Application.with_user(self.viewer).create(
                {"program_id": self.program.id, "partner_id": self.other_person.id}
            )

    def test_viewer_cannot_read_documents(self):
        application = self._apply()
        document = application._g2p_add_document(False, "b.pdf", b"%PDF-1.4\n%%EOF\n")
        with self.assertRaises(AccessError):
            document.with_user(self.viewer).read(["name"])
        self.assertEqual(document.with_user(self.officer).name, "b.pdf")

    def test_employee_without_g2p_group_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.program.with_user(self.employee).read(["name"])
        with self.assertRaises(AccessError):
            self._apply().with_user(self.employee).read(["name"])

    def test_officer_reviews_and_rejects_but_cannot_approve(self):
        application = self._apply().with_user(self.officer)
        application.action_review()
        self.assertEqual(application.state, "under_review")
        self.assertEqual(application.status_history_ids[-1].user_id, self.officer)
        with self.assertRaises(AccessError):
            application.action_approve()
        application.action_reject("Incomplete household data")
        self.assertEqual(application.state, "rejected")

    def test_officer_submits_and_attaches_documents(self):
        application = self.Application.with_user(self.officer)._g2p_submit(
            self.program, self.person, {"income": 1}
        )
        document = application._g2p_add_document(
            self.env.ref("g2p_programs.document_type_birth_certificate"),
            "b.pdf",
            b"%PDF-1.4\n%%EOF\n",
        )
        self.assertEqual(document.uploaded_by_id, self.officer)

    def test_officer_cannot_manage_programs_or_entitlements(self):
        self._enrolled(self.person)
        entitlement = self.Entitlement.create(
            {
                "cycle_id": self.Cycle.create({"name": "C", "program_id": self.program.id}).id,
                "partner_id": self.person.id,
                "initial_amount": 10.0,
            }
        )
        entitlement.action_submit()
        with self.assertRaises(AccessError):
            entitlement.with_user(self.officer).action_approve()
        self.assertEqual(entitlement.state, "pending_validation")
        self.assertFalse(entitlement.code)
        with self.assertRaises(AccessError):
            self.Program.with_user(self.officer).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.program.with_user(self.officer).action_create_cycle()

    def test_manager_approves_applications_and_entitlements(self):
        application = self._apply().with_user(self.manager)
        application.action_approve()
        self.assertEqual(application.state, "approved")
        self.assertEqual(application.program_membership_id.state, "enrolled")
        program = self.program.with_user(self.manager)
        program.action_create_cycle()
        cycle = program.cycle_ids
        cycle.action_generate_entitlements()
        cycle.action_to_approve()
        cycle.action_approve()
        entitlement = cycle.entitlement_ids
        self.assertEqual(entitlement.state, "approved")
        self.assertEqual(entitlement.approved_by_id, self.manager)
        self.assertTrue(entitlement.code)
        entitlement.action_open_payment_wizard()
        self.env["g2p.payment.record.wizard"].with_user(self.manager).create(
            {"entitlement_id": entitlement.id, "amount": 100.0}
        ).action_confirm()
        self.assertEqual(entitlement.state, "paid")

    def test_only_admin_configures_and_unlinks(self):
        DocumentType = self.env["g2p.document.type"]
        with self.assertRaises(AccessError):
            DocumentType.with_user(self.manager).create({"name": "X", "code": "X"})
        doc_type = DocumentType.with_user(self.admin).create({"name": "X", "code": "X"})
        self.assertTrue(doc_type)
        application = self._apply(program=self.program_multi)
        with self.assertRaises(AccessError):
            application.with_user(self.manager).unlink()
        application.with_user(self.admin).unlink()
        self.assertFalse(application.exists())

    def test_status_history_is_read_only_for_officers(self):
        application = self._apply()
        row = application.status_history_ids
        with self.assertRaises(AccessError):
            row.with_user(self.officer).write({"note": "tampered"})
        with self.assertRaises(AccessError):
            self.env["g2p.program.application.status"].with_user(self.officer).create(
                {"application_id": application.id, "state": "approved"}
            )

    def test_other_company_records_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Agency"})
        program = self._program("Elsewhere", company_id=other_company.id)
        application = self._apply(program=program)
        Application = self.Application.with_user(self.manager)
        self.assertFalse(Application.search([("id", "=", application.id)]))
        self.assertFalse(self.Program.with_user(self.manager).search([("id", "=", program.id)]))
        with self.assertRaises(AccessError):
            application.with_user(self.manager).read(["name"])
        cycle = self.Cycle.create({"name": "Elsewhere 1", "program_id": program.id})
        entitlement = self._approved_entitlement(cycle=cycle)
        payment = self._pay(entitlement, 10.0)
        self.assertEqual(entitlement.company_id, other_company)
        self.assertEqual(payment.company_id, other_company)
        for record in (cycle, entitlement, payment):
            with self.subTest(model=record._name):
                self.assertFalse(record.with_user(self.manager).search([("id", "=", record.id)]))
        # Once given the company, the same manager sees them.
        self.manager.write({"company_ids": [(4, other_company.id)]})
        self.assertTrue(
            self.Entitlement.with_user(self.manager)
            .with_context(allowed_company_ids=[other_company.id])
            .search([("id", "=", entitlement.id)])
        )
