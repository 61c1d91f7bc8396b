# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError

from .common import G2PProgramsCase


class TestReviewQueue(G2PProgramsCase):
    """Filters of the review queue and bulk decisions with the single-record guards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proof = cls.env["g2p.document.type"].create({"name": "Queue Proof", "code": "QUEUE_PROOF"})
        cls.program.required_document_type_ids = [Command.set(cls.proof.ids)]
        cls.officer = cls._user("queue.officer", "g2p_registry.group_g2p_registry_officer")
        cls.manager = cls._user("queue.manager", "g2p_registry.group_g2p_program_manager")

    def _batch(self, count, program=None):
        partners = self.env["res.partner"].create(
            [{"is_registrant": True, "given_name": "Queue", "family_name": f"P{i}"} for i in range(count)]
        )
        return self.Application.create(
            [{"program_id": (program or self.program).id, "partner_id": p.id} for p in partners]
        )

    def _bulk(self, applications, action, message=None, user=None):
        wizard = (
            self.env["g2p.application.bulk.wizard"]
            .with_user(user or self.manager)
            .create(
                {"application_ids": [Command.set(applications.ids)], "action": action, "message": message}
            )
        )
        return wizard.action_confirm()

    def test_missing_documents_are_computed_and_searchable(self):
        without, with_proof = self._batch(2)
        with_proof._g2p_add_document(self.proof, "proof.pdf", b"%PDF-1.4\n%%EOF\n")
        other = self._apply(self.program_multi)
        self.assertEqual(without.missing_document_type_ids, self.proof)
        self.assertFalse(with_proof.missing_document_type_ids)
        missing = self.Application.search([("documents_missing", "=", True)])
        self.assertIn(without, missing)
        self.assertNotIn(with_proof, missing)
        self.assertNotIn(other, missing)
        self.assertIn(with_proof, self.Application.search([("documents_missing", "=", False)]))

    def test_bulk_review_moves_every_selected_application(self):
        applications = self._batch(3)
        result = self._bulk(applications, "review", user=self.officer)
        self.assertEqual(set(applications.mapped("state")), {"under_review"})
        self.assertIn("3", result["params"]["message"])

    def test_one_application_that_cannot_move_stops_the_batch(self):
        applications = self._batch(3)
        applications[1].action_review()
        with self._refused("Cannot review"):
            self._bulk(applications, "review")
        self.assertEqual(applications.mapped("state"), ["submitted", "under_review", "submitted"])

    def test_bulk_approval_keeps_the_manager_guard_and_enrols(self):
        applications = self._batch(2)
        with self.assertRaises(AccessError):
            self._bulk(applications, "approve", user=self.officer)
        self._bulk(applications, "approve")
        self.assertEqual(set(applications.mapped("state")), {"approved"})
        self.assertEqual(set(applications.program_membership_id.mapped("state")), {"enrolled"})

    def test_bulk_rejection_needs_a_reason(self):
        applications = self._batch(2)
        with self._refused("reason"):
            self._bulk(applications, "reject", message="  ")
        self._bulk(applications, "reject", message="Outside the target area")
        self.assertEqual(set(applications.mapped("rejection_reason")), {"Outside the target area"})

    def test_requesting_documents_messages_each_registrant(self):
        applications = self._batch(2)
        with self._refused("Write the message"):
            self._bulk(applications, "request_documents", message="")
        self._bulk(
            applications, "request_documents", message="Please send a proof of address.", user=self.officer
        )
        for application in applications:
            self.assertTrue(application.documents_requested_on)
            message = application.message_ids.filtered(lambda m: "proof of address" in (m.body or ""))
            self.assertEqual(message.partner_ids, application.partner_id)
        self.assertEqual(
            self.Application.search([("documents_requested_on", "!=", False)]) & applications, applications
        )
        approved = self._batch(1)
        approved.action_approve()
        with self._refused("Cannot request documents for"):
            self._bulk(approved, "request_documents", message="Too late")

    def test_bulk_review_queries_do_not_grow_with_the_selection(self):
        counts = []
        for size in (5, 40):
            applications = self._batch(size)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._bulk(applications, "review")
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertLessEqual(counts[1], counts[0], f"queries for 5 then 40 applications: {counts}")
