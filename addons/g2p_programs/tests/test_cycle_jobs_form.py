# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cycle form while jobs run: the buttons offered, the entitlements previewed."""

from unittest.mock import patch

from odoo.addons.queue_job.job import Job
from odoo.exceptions import AccessError, UserError

from .cycle_jobs_common import CycleJobsCase, _Done


class TestCycleJobsForm(CycleJobsCase):
    def test_form_lists_the_latest_entitlements_in_fixed_queries(self):
        cycle = self._cycle("Preview")
        spec = {"g2p_entitlement_preview_ids": {"fields": {"code": {}, "state": {}}}, "entitlement_count": {}}
        counts = []
        for _round in range(2):
            cycle._g2p_chunk_generate(*cycle._g2p_job_ranges("generate")[len(counts)])
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            values = cycle.web_read(spec)[0]
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(values["entitlement_count"], 10)
        with patch("odoo.addons.g2p_programs.models.cycle_jobs.PREVIEW_SIZE", 4):
            cycle.invalidate_recordset()
            latest = cycle.g2p_entitlement_preview_ids
        self.assertEqual(latest, self.Entitlement.search([("cycle_id", "=", cycle.id)], order="id desc")[:4])

    def test_chunk_size_from_settings(self):
        settings = self.env["res.config.settings"].create({"g2p_cycle_job_chunk_size": 10})
        settings.execute()
        cycle = self._cycle("Ten")
        with self.trap_jobs() as trap:
            cycle.action_generate_entitlements_in_background()
            trap.assert_jobs_count(3, only=cycle._g2p_job_chunk)
            trap.assert_jobs_count(1, only=cycle._g2p_job_finish)
            ranges = cycle._g2p_job_ranges("generate")
            for first, last in ranges:
                trap.assert_enqueued_job(cycle._g2p_job_chunk, args=("generate", first, last))

    def test_manager_form_offers_background_buttons(self):
        manager = self._user("jobs_manager", "g2p_registry.group_g2p_program_manager")
        arch = self.Cycle.with_user(manager).get_views([(False, "form")])["views"]["form"]["arch"]
        for button in ("action_generate_entitlements_in_background", "action_approve_in_background"):
            self.assertIn(f'name="{button}"', arch)
        self.assertNotIn('name="action_generate_entitlements"', arch)
        self.assertIn('widget="progressbar"', arch)
        # The form lists the latest entitlements only, whatever the cycle's size.
        self.assertNotIn('name="entitlement_ids"', arch)
        self.assertIn('name="g2p_entitlement_preview_ids"', arch)
        cycle = self._cycle("As manager").with_user(manager)
        cycle.action_generate_entitlements_in_background()
        self.assertEqual(cycle.g2p_job_total, 6)
        with self._refused("change only through the workflow buttons"):
            cycle.write({"g2p_job_operation": False})

    def _buttons(self, cycle):
        """{can_x field: (shown, pressing action_x works)} for the cycle as it is now."""
        result = {}
        for name, field in cycle._fields.items():
            if not (name.startswith("can_") and field.compute == "_compute_can"):
                continue
            cycle.invalidate_recordset()
            shown = cycle[name]
            try:
                with self.env.cr.savepoint():
                    getattr(cycle, "action_" + name[4:])()
                    raise _Done
            except _Done:
                works = True
            except (UserError, AccessError):
                works = False
            finally:
                self.env.invalidate_all()
            result[name] = (shown, works)
        return result

    def _shown(self, cycle):
        buttons = self._buttons(cycle)
        self.assertEqual([name for name, (shown, works) in buttons.items() if shown != works], [])
        return {name for name, (shown, _works) in buttons.items() if shown}

    def test_buttons_follow_the_jobs(self):
        manager = self._user("jobs_buttons", "g2p_registry.group_g2p_program_manager")
        viewer = self._user("jobs_viewer", "g2p_registry.group_g2p_registry_viewer")
        cycle = self._cycle("Buttons").with_user(manager)
        self.assertEqual(self._shown(cycle), {"can_generate_entitlements", "can_to_approve", "can_cancel"})
        cycle.action_generate_entitlements_in_background()
        # While the jobs run, only Stop: no transition, one-shot or in the background.
        self.assertEqual(self._shown(cycle), {"can_g2p_job_stop"})
        self.assertEqual(self._shown(cycle.with_user(viewer)), set())
        job = Job.load(self.env, self._stored_jobs(cycle)[0].uuid)
        job.set_failed(exc_info="", exc_name="OSError", exc_message="disk full")
        job.store()
        self.assertEqual(self._shown(cycle), {"can_g2p_job_stop", "can_g2p_job_retry"})
        cycle.action_g2p_job_retry()
        self._run_like_the_runner(cycle)
        self.assertEqual(self._shown(cycle), {"can_to_approve", "can_cancel", "can_generate_entitlements"})
        cycle.action_to_approve()
        cycle.action_approve_in_background()
        self.assertEqual(self._shown(cycle), {"can_g2p_job_stop"})
        self._run_like_the_runner(cycle)
        self.assertEqual(cycle.state, "approved")
        self.assertEqual(self._shown(cycle), {"can_pay_in_background", "can_distributed", "can_end"})
        # A cycle being processed is not deleted under its jobs.
        draft = self._cycle("Deleted")
        draft.action_generate_entitlements_in_background()
        with self._refused("being processed in the background"):
            draft.unlink()
        draft.action_g2p_job_stop()
        draft.unlink()
