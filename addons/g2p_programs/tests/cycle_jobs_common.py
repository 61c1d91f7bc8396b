# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import traceback

from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import JobMixin

from .common import G2PProgramsCase

# Set by the database or the transaction, not by what the operation decides.
NOT_COMPARED = {
    "id",
    "cycle_id",
    "code",
    "create_date",
    "write_date",
    "display_name",
    "message_main_attachment_id",
}


class _Done(Exception):
    """Rolls back a button press that was only tried."""


class CycleJobsCase(G2PProgramsCase, JobMixin):
    """Cycles with background jobs run in chunks of five, and helpers to run them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("g2p_programs.cycle_job_chunk_size", "5")
        partners = cls.env["res.partner"].create(
            [{"is_registrant": True, "given_name": f"P{n}", "family_name": "Jobs"} for n in range(23)]
        )
        memberships = cls.Membership.create(
            [{"partner_id": partner.id, "program_id": cls.program.id} for partner in partners]
        )
        memberships.action_enroll()
        # Not enrolled: no entitlement for them.
        paused = memberships[:2]
        paused.action_pause()
        cls.beneficiaries = (memberships - paused).partner_id

    def _cycle(self, name, program=None):
        return self.Cycle.create(
            {
                "name": name,
                "program_id": (program or self.program).id,
                "start_date": "2026-01-01",
                "end_date": "2026-01-31",
            }
        )

    def _values(self, cycle):
        """Every stored field of the cycle's entitlements, per beneficiary."""
        names = [
            name
            for name, field in self.Entitlement._fields.items()
            if field.store and name not in NOT_COMPARED and field.type not in ("one2many", "many2many")
        ]
        self.env.flush_all()
        self.env.invalidate_all()
        rows = self.Entitlement.search([("cycle_id", "=", cycle.id)]).read(names)
        return {row["partner_id"][0]: {k: v for k, v in row.items() if k != "id"} for row in rows}

    def _in_background(self, cycle, method):
        with self.trap_jobs() as trap:
            getattr(cycle, method)()
            jobs = len(trap.enqueued_jobs)
            trap.perform_enqueued_jobs()
        return jobs

    def _stored_jobs(self, cycle, states=("pending", "enqueued")):
        return self.env["queue.job"].search(
            [("graph_uuid", "=", cycle.g2p_job_graph_uuid), ("state", "in", states)], order="id"
        )

    def _run_like_the_runner(self, cycle, limit=None):
        """Run the cycle's stored jobs as the job runner does, failures recorded on the job."""
        ran = 0
        while limit is None or ran < limit:
            records = self._stored_jobs(cycle)
            if not records:
                break
            job = Job.load(self.env, records[0].uuid)
            job.set_started()
            job.store()
            try:
                with self.env.cr.savepoint():
                    job.perform()
            except Exception as error:  # the runner records any failure on the job
                job.set_failed(
                    exc_info=traceback.format_exc(), exc_name=type(error).__name__, exc_message=str(error)
                )
                job.store()
            else:
                job.set_done()
                job.store()
                self.env.flush_all()
                job.enqueue_waiting()
            ran += 1
            cycle.invalidate_recordset()
        return ran
