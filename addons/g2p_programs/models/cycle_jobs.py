"""A cycle's big operations as OCA queue_job jobs: chunked, restartable, with progress.

Generating the entitlements of a national cycle, approving them and issuing a payment
batch would take far longer than a web request may run. The buttons split the work
into chunks of ``g2p_programs.cycle_job_chunk_size`` records (Settings), enqueue one
job per chunk plus a closing job that runs once every chunk is done, and return at
once. The cycle shows the progress of that job graph; its other buttons are refused
while it runs. A failed chunk stays failed in the job queue with its error on the
cycle: once the cause is fixed, "Retry" requeues it and the graph carries on (chunks
are idempotent, see ``cycle_job_chunks``).
"""

from collections import Counter, defaultdict

from odoo import _, api, fields, models
from odoo.addons.queue_job.delay import group
from odoo.exceptions import UserError

from .cycle_job_chunks import APPROVABLE_STATES
from .entitlement import PAYABLE_STATES
from .state_guard import check_workflow_write, in_transition

CHUNK_SIZE_PARAM = "g2p_programs.cycle_job_chunk_size"
# The cycle form lists this many of the latest entitlements, not all of them.
PREVIEW_SIZE = 20
DEFAULT_CHUNK_SIZE = 5000
JOB_FIELDS = ("g2p_job_operation", "g2p_job_graph_uuid")
JOB_OPERATIONS = [
    ("generate", "Generating entitlements…"),
    ("approve", "Approving entitlements…"),
    ("pay", "Issuing payments…"),
]
# What each operation needs: the cycle state, the chunk method, the rows to split.
OPERATIONS = {
    "generate": {
        "state": "draft",
        "chunk": "_g2p_chunk_generate",
        "table": "g2p_program_membership",
        "where": "program_id = %(program)s AND state = 'enrolled'",
    },
    "approve": {
        "state": "to_approve",
        "chunk": "_g2p_chunk_approve",
        "table": "g2p_entitlement",
        "where": "cycle_id = %(cycle)s AND state IN %(approvable)s",
    },
    "pay": {
        "state": "approved",
        "chunk": "_g2p_chunk_pay",
        "table": "g2p_entitlement",
        "where": "cycle_id = %(cycle)s AND state IN %(payable)s AND amount_awaited > 0",
    },
}


# The chunks' SQL lives in its own file to keep each under the size limit.
# pylint: disable=consider-merging-classes-inherited
class G2PCycleJobs(models.Model):
    _inherit = "g2p.cycle"

    g2p_job_operation = fields.Selection(
        JOB_OPERATIONS, string="Running", readonly=True, copy=False, index="btree_not_null"
    )
    g2p_job_graph_uuid = fields.Char(readonly=True, copy=False)
    g2p_job_total = fields.Integer(string="Jobs", compute="_compute_g2p_job_progress")
    g2p_job_done = fields.Integer(string="Jobs Done", compute="_compute_g2p_job_progress")
    g2p_job_failed = fields.Integer(string="Jobs Failed", compute="_compute_g2p_job_progress")
    g2p_job_progress = fields.Float(string="Progress", compute="_compute_g2p_job_progress")
    g2p_job_error = fields.Char(string="Last Error", compute="_compute_g2p_job_progress")
    # Reading entitlement_ids loads the ids of every entitlement of the cycle (10 s for
    # a million): the form shows the latest ones and the Entitlements button all.
    g2p_entitlement_preview_ids = fields.Many2many(
        "g2p.entitlement", string="Latest Entitlements", compute="_compute_g2p_entitlement_preview"
    )

    def write(self, vals):
        check_workflow_write(self, vals, JOB_FIELDS)
        return super().write(vals)

    @api.depends("g2p_job_graph_uuid", "g2p_job_operation")
    def _compute_g2p_job_progress(self):
        # The job queue is technical (no access for program managers): read only the
        # jobs of these cycles' graphs, in one grouped query.
        uuids = [uuid for uuid in self.mapped("g2p_job_graph_uuid") if uuid]
        Job = self.env["queue.job"].sudo()
        states = defaultdict(Counter)
        errors = {}
        if uuids:
            for uuid, state, count in Job._read_group(
                [("graph_uuid", "in", uuids)], ["graph_uuid", "state"], ["__count"]
            ):
                states[uuid][state] = count
            failed_uuids = [uuid for uuid in uuids if states[uuid]["failed"]]
            if failed_uuids:
                for uuid, message in Job._read_group(
                    [("graph_uuid", "in", failed_uuids), ("state", "=", "failed")],
                    ["graph_uuid"],
                    ["exc_message:max"],
                ):
                    errors[uuid] = message
        for cycle in self:
            counts = states[cycle.g2p_job_graph_uuid] if cycle.g2p_job_operation else Counter()
            total = sum(counts.values())
            cycle.g2p_job_total = total
            cycle.g2p_job_done = counts["done"]
            cycle.g2p_job_failed = counts["failed"]
            cycle.g2p_job_progress = 100.0 * counts["done"] / total if total else 0.0
            cycle.g2p_job_error = errors.get(cycle.g2p_job_graph_uuid) if cycle.g2p_job_operation else False

    def _compute_g2p_entitlement_preview(self):
        Entitlement = self.env["g2p.entitlement"]
        for cycle in self:
            cycle.g2p_entitlement_preview_ids = (
                Entitlement.search([("cycle_id", "=", cycle.id)], order="id desc", limit=PREVIEW_SIZE)
                if cycle.id
                else Entitlement
            )

    def _g2p_check_no_job(self):
        running = self.filtered("g2p_job_operation")
        if running:
            raise UserError(
                _(
                    "The cycle %s is being processed in the background: wait until it finishes.",
                    running[0].name,
                )
            )

    # The one-shot buttons are refused while background jobs work on the cycle.
    def action_generate_entitlements(self):
        self._g2p_check_no_job()
        return super().action_generate_entitlements()

    def action_to_approve(self):
        self._g2p_check_no_job()
        return super().action_to_approve()

    def action_approve(self):
        self._g2p_check_no_job()
        return super().action_approve()

    def action_distributed(self):
        self._g2p_check_no_job()
        return super().action_distributed()

    def action_end(self):
        self._g2p_check_no_job()
        return super().action_end()

    def action_cancel(self):
        self._g2p_check_no_job()
        return super().action_cancel()

    def action_reset_draft(self):
        self._g2p_check_no_job()
        return super().action_reset_draft()

    @api.model
    def _g2p_job_chunk_size(self):
        value = self.env["ir.config_parameter"].sudo().get_param(CHUNK_SIZE_PARAM)
        try:
            size = int(value or DEFAULT_CHUNK_SIZE)
        except ValueError:
            size = DEFAULT_CHUNK_SIZE
        return max(size, 1)

    def _g2p_job_ranges(self, operation):
        """[(first id, last id)] of consecutive chunks of the rows to process, one query."""
        spec = OPERATIONS[operation]
        self.env.flush_all()
        self.env.cr.execute(
            f"""
            SELECT min(id), max(id) FROM (
                SELECT id, (row_number() OVER (ORDER BY id) - 1) / %(size)s AS chunk
                FROM {spec["table"]} WHERE {spec["where"]}
            ) rows GROUP BY chunk ORDER BY chunk
            """,
            {
                "size": self._g2p_job_chunk_size(),
                "program": self.program_id.id,
                "cycle": self.id,
                "approvable": APPROVABLE_STATES,
                "payable": PAYABLE_STATES,
            },
        )
        return self.env.cr.fetchall()

    def _g2p_enqueue(self, operation, label):
        spec = OPERATIONS[operation]
        # Two presses at once: the second waits for the first and is then refused.
        self.env.cr.execute("SELECT id FROM g2p_cycle WHERE id IN %s FOR UPDATE", (tuple(self.ids),))
        self.invalidate_recordset(["g2p_job_operation", "state"])
        self._g2p_check_no_job()
        self._g2p_check_state((spec["state"],), label)
        self.check_access_rights("write")
        self.check_access_rule("write")
        for cycle in self:
            ranges = cycle._g2p_job_ranges(operation)
            chunks = [
                cycle.delayable(
                    description=_(
                        "%(cycle)s: %(operation)s, part %(part)s of %(parts)s",
                        cycle=cycle.name,
                        operation=label,
                        part=number,
                        parts=len(ranges),
                    )
                )._g2p_job_chunk(operation, first, last)
                for number, (first, last) in enumerate(ranges, start=1)
            ]
            finish = cycle.delayable(
                description=_("%(cycle)s: %(operation)s, finish", cycle=cycle.name, operation=label)
            )._g2p_job_finish(operation)
            if chunks:
                group(*chunks).on_done(finish).delay()
            else:
                finish.delay()
            in_transition(cycle).write(
                {"g2p_job_operation": operation, "g2p_job_graph_uuid": finish._generated_job.graph_uuid}
            )
        return True

    def action_generate_entitlements_in_background(self):
        return self._g2p_enqueue("generate", _("generate entitlements for"))

    def action_approve_in_background(self):
        return self._g2p_enqueue("approve", _("approve"))

    def action_pay_in_background(self):
        return self._g2p_enqueue("pay", _("issue payments for"))

    def _g2p_job_chunk(self, operation, first_id, last_id):
        self.ensure_one()
        return getattr(self, OPERATIONS[operation]["chunk"])(first_id, last_id)

    def _g2p_job_finish(self, operation):
        """Close the operation once every chunk is done."""
        self.ensure_one()
        if operation == "approve":
            # Entitlements added while the chunks ran are approved here; the cycle
            # then takes the state the Approve button gives it.
            leftovers = self._g2p_job_ranges("approve")
            for first, last in leftovers:
                self._g2p_chunk_approve(first, last)
            in_transition(self).write({"state": "approved"})
        in_transition(self).write({"g2p_job_operation": False})
        # Hundreds of thousands of rows were just added or changed: fresh planner
        # statistics for the next operation's chunks (autovacuum may lag behind).
        self.env.flush_all()
        self.env.cr.execute(
            "ANALYZE g2p_entitlement, g2p_payment" if operation == "pay" else "ANALYZE g2p_entitlement"
        )
        labels = dict(JOB_OPERATIONS)
        self.message_post(
            body=_(
                "%(operation)s done: %(count)s entitlements in the cycle, %(amount)s in total.",
                operation=labels[operation].rstrip("…"),
                count=self.entitlement_count,
                amount=self.total_amount,
            )
        )
        return True

    def action_g2p_job_retry(self):
        """Requeue the failed chunks of the running operation (after fixing their cause)."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        for cycle in self.filtered("g2p_job_operation"):
            failed = (
                self.env["queue.job"]
                .sudo()
                .search([("graph_uuid", "=", cycle.g2p_job_graph_uuid), ("state", "=", "failed")])
            )
            failed.requeue()
        return True

    def action_g2p_job_stop(self):
        """Give up the running operation: its pending chunks are cancelled.

        Chunks already done stay done (e.g. part of the entitlements generated); the
        operation can be started again and completes what is missing.
        """
        self.check_access_rights("write")
        self.check_access_rule("write")
        for cycle in self.filtered("g2p_job_operation"):
            jobs = (
                self.env["queue.job"]
                .sudo()
                .search(
                    [
                        ("graph_uuid", "=", cycle.g2p_job_graph_uuid),
                        ("state", "not in", ("done", "cancelled", "started")),
                    ]
                )
            )
            jobs.button_cancelled()
            in_transition(cycle).write({"g2p_job_operation": False})
            cycle.message_post(body=_("Background processing stopped by %s.", self.env.user.name))
        return True
