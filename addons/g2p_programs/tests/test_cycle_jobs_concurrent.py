# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two presses of a cycle's job button at once, each in its own real transaction.

Everything the test commits is removed again in the ``finally`` block.
"""

import threading

from odoo import SUPERUSER_ID, api
from odoo.addons.g2p_registry.tests.common import wait_for_lock_waiter
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from ..models.workflow_mixin import audit_unlink_context


@tagged("post_install", "-at_install")
class TestCycleJobsConcurrent(TransactionCase):
    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _setup_committed(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            program = env["g2p.program"].create({"name": "Concurrent jobs"})
            partners = env["res.partner"].create(
                [{"name": f"Concurrent jobs {n}", "is_registrant": True} for n in range(3)]
            )
            env["g2p.program_membership"].create(
                [{"partner_id": partner.id, "program_id": program.id} for partner in partners]
            ).action_enroll()
            cycle = env["g2p.cycle"].create({"name": "Pressed twice", "program_id": program.id})
            return {"program": program.id, "partners": partners.ids, "cycle": cycle.id}

    def _jobs(self, cr, cycle_id):
        cr.execute(
            "SELECT graph_uuid, method_name FROM queue_job WHERE model_name = 'g2p.cycle' AND func_string LIKE %s",
            [f"g2p.cycle({cycle_id},).%"],
        )
        return cr.fetchall()

    def _cleanup(self, ids):
        with self.registry.cursor() as cr:
            env = self._env(cr)(context={"tracking_disable": True, **audit_unlink_context()})
            cr.execute(
                "DELETE FROM queue_job WHERE model_name = 'g2p.cycle' AND func_string LIKE %s",
                [f"g2p.cycle({ids['cycle']},).%"],
            )
            cr.execute("DELETE FROM g2p_entitlement WHERE cycle_id = %s", [ids["cycle"]])
            env["g2p.cycle"].browse(ids["cycle"]).unlink()
            env["g2p.program_membership"].search([("program_id", "=", ids["program"])]).unlink()
            env["g2p.program"].browse(ids["program"]).unlink()
            env["res.partner"].browse(ids["partners"]).unlink()

    def test_two_presses_of_generate_at_once_start_one_operation(self):
        ids = self._setup_committed()
        cr1 = self.registry.cursor()
        cr2 = self.registry.cursor()
        outcome = {}
        try:
            env1, env2 = self._env(cr1), self._env(cr2)
            # The second transaction's snapshot is taken before the first commits:
            # it too sees a cycle with nothing running.
            cr2.execute("SELECT 1")
            env1["g2p.cycle"].browse(ids["cycle"]).action_generate_entitlements_in_background()
            env1.flush_all()

            def press():
                def attempt():
                    return env2["g2p.cycle"].browse(ids["cycle"]).action_generate_entitlements_in_background()

                try:
                    outcome["result"] = retrying(attempt, env2)
                except Exception as exc:  # checked by the main thread
                    outcome["error"] = exc

            thread = threading.Thread(target=press)
            thread.start()
            waited = wait_for_lock_waiter(self.registry)
            cr1.commit()
            thread.join(60)
            cr2.rollback()
            self.assertFalse(thread.is_alive())
            self.assertTrue(waited, "the second press never waited for the first")
            self.assertNotIn("result", outcome)
            self.assertIsInstance(outcome.get("error"), UserError)
            self.assertIn("being processed in the background", str(outcome["error"]))
            with self.registry.cursor() as cr:
                jobs = self._jobs(cr, ids["cycle"])
                cr.execute(
                    "SELECT g2p_job_operation, g2p_job_graph_uuid FROM g2p_cycle WHERE id = %s",
                    [ids["cycle"]],
                )
                operation, graph = cr.fetchone()
            # One operation: one chunk (3 memberships) and its closing job, in one graph.
            self.assertEqual(operation, "generate")
            self.assertEqual(sorted(method for _graph, method in jobs), ["_g2p_job_chunk", "_g2p_job_finish"])
            self.assertEqual({job_graph for job_graph, _method in jobs}, {graph})
        finally:
            cr1.close()
            cr2.close()
            self._cleanup(ids)
