# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two real transactions at once, each on its own cursor.

Everything these tests commit is removed again in ``finally`` blocks.
"""

import threading

from odoo import SUPERUSER_ID, api
from odoo.addons.g2p_registry.tests.common import wait_for_lock_waiter
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from ..models.workflow_mixin import audit_unlink_context


@tagged("post_install", "-at_install")
class TestConcurrentTransactions(TransactionCase):
    def setUp(self):
        super().setUp()
        self.created = {}

    # Helpers running in their own committed transactions

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _setup_committed(self, **programs):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            ids = {}
            for key, vals in programs.items():
                ids[key] = env["g2p.program"].create(dict(vals, publication_state="published")).id
            for key in ("alice", "bob"):
                ids[key] = env["res.partner"].create({"name": f"Concurrent {key}", "is_registrant": True}).id
        return ids

    def _enrol(self, env, program_id, partner_ids):
        env["g2p.program_membership"].create(
            [{"partner_id": partner_id, "program_id": program_id} for partner_id in partner_ids]
        ).action_enroll()

    def _cleanup(self, ids):
        with self.registry.cursor() as cr:
            # Settled payments and decided applications are audit records: asked for.
            env = self._env(cr)(context={"tracking_disable": True, **audit_unlink_context()})
            program_ids = [v for k, v in ids.items() if k.startswith("program")]
            partner_ids = [ids[k] for k in ("alice", "bob") if k in ids]
            env["g2p.payment"].search([("program_id", "in", program_ids)]).with_context(
                active_test=False
            ).filtered(lambda p: p.status != "paid").unlink()
            cr.execute("DELETE FROM g2p_entitlement WHERE program_id = ANY(%s)", [program_ids])
            env["g2p.cycle"].search([("program_id", "in", program_ids)]).unlink()
            env["g2p.program.application"].search([("program_id", "in", program_ids)]).unlink()
            env["g2p.program_membership"].search([("program_id", "in", program_ids)]).unlink()
            env["g2p.program"].browse(program_ids).unlink()
            env["res.partner"].browse(partner_ids).unlink()

    # Tests

    def test_application_ids_distinct_across_open_transactions(self):
        ids = self._setup_committed(program={"name": "Concurrent IDs"})
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        try:
            env1, env2 = self._env(cr1), self._env(cr2)
            app1 = env1["g2p.program.application"].create(
                {"program_id": ids["program"], "partner_id": ids["alice"]}
            )
            app2 = env2["g2p.program.application"].create(
                {"program_id": ids["program"], "partner_id": ids["bob"]}
            )
            names = {app1.name, app2.name}
            cr2.commit()
            cr1.commit()
            self.assertEqual(len(names), 2)
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT name FROM g2p_program_application WHERE program_id = %s",
                    [ids["program"]],
                )
                self.assertEqual({row[0] for row in cr.fetchall()}, names)
        finally:
            cr1.close()
            cr2.close()
            self._cleanup(ids)

    def test_entitlement_references_distinct_across_open_transactions(self):
        ids = self._setup_committed(program={"name": "Concurrent entitlements"})
        with self.registry.cursor() as cr:
            env = self._env(cr)
            cycle = env["g2p.cycle"].create({"name": "C", "program_id": ids["program"]})
            self._enrol(env, ids["program"], [ids["alice"], ids["bob"]])
            entitlements = env["g2p.entitlement"].create(
                [
                    {"cycle_id": cycle.id, "partner_id": ids[key], "initial_amount": 10.0}
                    for key in ("alice", "bob")
                ]
            )
            entitlements.action_submit()
            entitlement_ids = entitlements.ids
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        try:
            first = self._env(cr1)["g2p.entitlement"].browse(entitlement_ids[0])
            second = self._env(cr2)["g2p.entitlement"].browse(entitlement_ids[1])
            first.action_approve()
            second.action_approve()
            codes = {first.code, second.code}
            cr1.commit()
            cr2.commit()
            self.assertEqual(len(codes), 2)
            self.assertNotIn(False, codes)
            with self.registry.cursor() as cr:
                cr.execute("SELECT code FROM g2p_entitlement WHERE id = ANY(%s)", [entitlement_ids])
                self.assertEqual({row[0] for row in cr.fetchall()}, codes)
        finally:
            cr1.close()
            cr2.close()
            self._cleanup(ids)

    def _race(self, first_writer):
        """Run ``first_writer(env1)`` uncommitted, then a submit in a second
        transaction (in a thread, as Odoo's request retry loop runs it), then
        commit the first. Return (first id, second result id, open count)."""
        ids = self._setup_committed(
            program={"name": "Concurrent submit", "allow_multiple_applications": True}
        )
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        outcome = {}
        try:
            env1, env2 = self._env(cr1), self._env(cr2)
            # Take the second transaction's snapshot before the first commits.
            cr2.execute("SELECT 1")
            first = first_writer(env1, ids)

            def submit():
                def attempt():
                    Application = env2["g2p.program.application"]
                    program = env2["g2p.program"].browse(ids["program"])
                    partner = env2["res.partner"].browse(ids["alice"])
                    return Application._g2p_submit(program, partner, {"tab": 2}).id

                try:
                    outcome["id"] = retrying(attempt, env2)
                except Exception as exc:  # reported by the main thread
                    outcome["error"] = exc

            thread = threading.Thread(target=submit)
            thread.start()
            waited = wait_for_lock_waiter(self.registry)
            cr1.commit()
            thread.join(60)
            self.assertFalse(thread.is_alive())
            self.assertTrue(waited, "the second transaction never waited for the first")
            self.assertNotIn("error", outcome, outcome.get("error"))
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM g2p_program_application"
                    " WHERE program_id = %s AND partner_id = %s",
                    [ids["program"], ids["alice"]],
                )
                count = cr.fetchone()[0]
            return first, outcome["id"], count
        finally:
            cr1.close()
            cr2.close()
            self._cleanup(ids)

    def test_two_submits_at_once_give_one_application(self):
        def submit_first(env, ids):
            return (
                env["g2p.program.application"]
                ._g2p_submit(
                    env["g2p.program"].browse(ids["program"]),
                    env["res.partner"].browse(ids["alice"]),
                    {"tab": 1},
                )
                .id
            )

        first, second, count = self._race(submit_first)
        self.assertEqual(first, second)
        self.assertEqual(count, 1)

    def test_submit_racing_a_direct_insert_returns_the_winner(self):
        # The first writer bypasses _g2p_submit: only the partial unique index
        # stops the second insert, and the retry returns the winner.
        def create_directly(env, ids):
            return (
                env["g2p.program.application"]
                .create({"program_id": ids["program"], "partner_id": ids["alice"]})
                .id
            )

        first, second, count = self._race(create_directly)
        self.assertEqual(first, second)
        self.assertEqual(count, 1)

    def test_two_payments_racing_cannot_overpay(self):
        ids = self._setup_committed(program={"name": "Concurrent payments"})
        with self.registry.cursor() as cr:
            env = self._env(cr)
            cycle = env["g2p.cycle"].create({"name": "C", "program_id": ids["program"]})
            self._enrol(env, ids["program"], [ids["alice"]])
            entitlement = env["g2p.entitlement"].create(
                {"cycle_id": cycle.id, "partner_id": ids["alice"], "initial_amount": 100.0}
            )
            entitlement.action_submit()
            entitlement.action_approve()
            entitlement_id = entitlement.id
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        outcome = {}
        try:
            env1, env2 = self._env(cr1), self._env(cr2)
            # Both snapshots see nothing paid yet.
            cr2.execute("SELECT 1")
            vals = {"entitlement_id": entitlement_id, "amount_issued": 60.0, "status": "paid"}
            env1["g2p.payment"].create(dict(vals))
            # As at the end of a request: the first payment reaches the database.
            env1.flush_all()

            def pay():
                def attempt():
                    return env2["g2p.payment"].create(dict(vals)).id

                try:
                    outcome["id"] = retrying(attempt, env2)
                except Exception as exc:  # checked by the main thread
                    outcome["error"] = exc

            thread = threading.Thread(target=pay)
            thread.start()
            waited = wait_for_lock_waiter(self.registry)
            cr1.commit()
            thread.join(60)
            self.assertFalse(thread.is_alive())
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT coalesce(sum(amount_paid), 0) FROM g2p_payment"
                    " WHERE entitlement_id = %s AND status = 'paid'",
                    [entitlement_id],
                )
                self.assertEqual(cr.fetchone()[0], 60.0)
                cr.execute("SELECT amount_paid, state FROM g2p_entitlement WHERE id = %s", [entitlement_id])
                self.assertEqual(cr.fetchone(), (60.0, "partially_paid"))
            self.assertTrue(waited, "the second payment never waited for the first")
            self.assertIn("error", outcome)
            self.assertNotIn("id", outcome)
        finally:
            cr1.close()
            cr2.close()
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM g2p_payment WHERE entitlement_id = %s", [entitlement_id])
            self._cleanup(ids)

    def test_the_same_upload_sent_twice_at_once_gives_one_document(self):
        ids = self._setup_committed(program={"name": "Concurrent uploads"})
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        with self.registry.cursor() as cr:
            env = self._env(cr)
            ids["application"] = (
                env["g2p.program.application"]
                .create({"program_id": ids["program"], "partner_id": ids["alice"]})
                .id
            )
            ids["type"] = env.ref("g2p_programs.document_type_birth_certificate").id
        cr1 = self.registry.cursor()
        outcome = {}

        def second_upload():
            with self.registry.cursor() as cr2:
                env2 = self._env(cr2)

                def upload():
                    application = env2["g2p.program.application"].browse(ids["application"])
                    outcome["second"] = application._g2p_add_document(
                        env2["g2p.document.type"].browse(ids["type"]), "scan.pdf", pdf
                    ).id

                retrying(upload, env2)
                cr2.commit()

        try:
            env1 = self._env(cr1)
            first = (
                env1["g2p.program.application"]
                .browse(ids["application"])
                ._g2p_add_document(env1["g2p.document.type"].browse(ids["type"]), "scan.pdf", pdf)
            )
            env1.flush_all()
            thread = threading.Thread(target=second_upload)
            thread.start()
            self.assertTrue(
                wait_for_lock_waiter(self.registry), "the second upload was not queued behind the first"
            )
            cr1.commit()
            thread.join(60)
            self.assertEqual(outcome.get("second"), first.id)
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM g2p_program_application_document WHERE application_id = %s",
                    [ids["application"]],
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            cr1.close()
            with self.registry.cursor() as cr:
                self._env(cr)["g2p.program.application.document"].search(
                    [("application_id", "=", ids["application"])]
                ).unlink()
            self._cleanup(ids)
