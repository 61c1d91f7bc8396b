# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A cycle's big operations as OCA queue_job jobs: chunked, restartable, with progress.

Generating the entitlements of a national cycle, approving them and issuing a payment
batch would take far longer than a web request may run. The buttons split the work
into chunks of ``g2p_programs.cycle_job_chunk_size`` records (Settings), enqueue one
job per chunk plus a closing job that runs once every chunk is done, and return at
once. The cycle shows the progress of that job graph; its other transitions are
refused (and their buttons hidden) while it runs. A failed chunk stays failed in the
job queue with its error on the cycle: once the cause is fixed, "Retry" requeues it
and the graph carries on (chunks are idempotent, see ``cycle_job_chunks``).

The buttons follow ``g2p.workflow.mixin``: ``action_x`` asks ``_check_can_x()`` (the
same check as the one-shot transition, which also refuses while jobs run) and then
starts the jobs; each chunk and the closing job ask the same ``_check_can_x()`` again
when they run, as the job itself (``_g2p_as_job``), and the closing job of the
approval does the transition with ``_do_approve()``. The job fields are workflow
fields of the cycle: only these methods change them.
"""

from collections import Counter, defaultdict

from odoo import _, api, fields, models
from odoo.addons.g2p_registry.tools import lock_rows
from odoo.addons.queue_job.delay import group
from odoo.exceptions import UserError

from .cycle import G2PCycle
from .cycle_job_chunks import APPROVABLE_STATES
from .entitlement import PAYABLE_STATES
from .workflow_mixin import in_transition

CHUNK_SIZE_PARAM = "g2p_programs.cycle_job_chunk_size"
# The cycle form lists this many of the latest entitlements, not all of them.
PREVIEW_SIZE = 20
DEFAULT_CHUNK_SIZE = 5000
JOB_FIELDS = ("g2p_job_operation", "g2p_job_graph_uuid")
# The right of a running job to pass the "nothing running" check: a private object in
# the context, which no request can carry (see workflow_mixin).
_RUNNING_JOB_KEY = "g2p_cycle_running_job"
_RUNNING_JOB = object()
JOB_OPERATIONS = [
    ("generate", "Generating entitlements…"),
    ("approve", "Approving entitlements…"),
    ("pay", "Issuing payments…"),
]
# What each operation needs: its "can I?" check, the chunk method, the rows to split.
OPERATIONS = {
    "generate": {
        "check": "_check_can_generate_entitlements",
        "chunk": "_g2p_chunk_generate",
        "table": "g2p_program_membership",
        "where": "program_id = %(program)s AND state = 'enrolled'",
    },
    "approve": {
        "check": "_check_can_approve",
        "chunk": "_g2p_chunk_approve",
        "table": "g2p_entitlement",
        "where": "cycle_id = %(cycle)s AND state IN %(approvable)s",
    },
    "pay": {
        "check": "_check_can_pay_in_background",
        "chunk": "_g2p_chunk_pay",
        "table": "g2p_entitlement",
        "where": "cycle_id = %(cycle)s AND state IN %(payable)s AND amount_awaited > 0",
    },
}


# The chunks' SQL lives in its own file to keep each under the size limit.
# pylint: disable=consider-merging-classes-inherited
class G2PCycleJobs(models.Model):
    _inherit = "g2p.cycle"
    # The job fields change only through the job buttons and the jobs.
    _g2p_workflow_fields = G2PCycle._g2p_workflow_fields + JOB_FIELDS
    _g2p_workflow_initial = {**G2PCycle._g2p_workflow_initial, **dict.fromkeys(JOB_FIELDS, False)}

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
    # Which job buttons the form shows (see g2p.workflow.mixin).
    can_pay_in_background = fields.Boolean(compute="_compute_can")
    can_g2p_job_retry = fields.Boolean(compute="_compute_can")
    can_g2p_job_stop = fields.Boolean(compute="_compute_can")

    @api.depends("g2p_job_operation")
    def _compute_can(self):
        # No transition while jobs run: every can_x also follows the job.
        return super()._compute_can()

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

    def _g2p_as_job(self):
        """The cycle as its own running job sees it: past the "nothing running" check."""
        return self.with_context(**{_RUNNING_JOB_KEY: _RUNNING_JOB})

    def _g2p_check_no_job(self):
        if self.env.context.get(_RUNNING_JOB_KEY) is _RUNNING_JOB:
            return
        running = self.filtered("g2p_job_operation")
        if running:
            raise UserError(
                _(
                    "The cycle %s is being processed in the background: wait until it finishes.",
                    running[0].name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_running_job(self):
        # Its jobs would fail on a missing cycle: stop them first.
        if not self._g2p_may_unlink_audit_records():
            self._g2p_check_no_job()

    # "Can I?": every transition, one-shot or in the background, waits for the jobs.

    def _check_can_generate_entitlements(self):
        self._g2p_check_no_job()
        return super()._check_can_generate_entitlements()

    def _check_can_to_approve(self):
        self._g2p_check_no_job()
        return super()._check_can_to_approve()

    def _check_can_approve(self):
        self._g2p_check_no_job()
        return super()._check_can_approve()

    def _check_can_distributed(self):
        self._g2p_check_no_job()
        return super()._check_can_distributed()

    def _check_can_end(self):
        self._g2p_check_no_job()
        return super()._check_can_end()

    def _check_can_cancel(self):
        self._g2p_check_no_job()
        return super()._check_can_cancel()

    def _check_can_reset_draft(self):
        self._g2p_check_no_job()
        return super()._check_can_reset_draft()

    def _check_can_pay_in_background(self):
        self._g2p_check_no_job()
        self._g2p_check_transition(("approved",), _("issue payments for"))
        self.env["g2p.payment"].check_access_rights("create")

    def _check_can_g2p_job_retry(self):
        self.check_access_rights("write")
        self.check_access_rule("write")
        for cycle in self:
            if not (cycle.g2p_job_operation and cycle.g2p_job_failed):
                raise UserError(_("The cycle %s has no failed background job to retry.", cycle.name))

    def _check_can_g2p_job_stop(self):
        self.check_access_rights("write")
        self.check_access_rule("write")
        for cycle in self:
            if not cycle.g2p_job_operation:
                raise UserError(_("The cycle %s is not being processed in the background.", cycle.name))

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

    def _g2p_start_jobs(self, operation, label):
        """Enqueue the chunks of ``operation`` and its closing job (checked by the caller)."""
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

    # The job buttons: "can I?", then start the jobs. Two presses at once: the second
    # waits for the first on the cycle's row, is retried once it commits and is refused.

    def action_generate_entitlements_in_background(self):
        lock_rows(self)
        self._check_can_generate_entitlements()
        return self._g2p_start_jobs("generate", _("generate entitlements for"))

    def action_approve_in_background(self):
        lock_rows(self)
        self._check_can_approve()
        return self._g2p_start_jobs("approve", _("approve"))

    def action_pay_in_background(self):
        lock_rows(self)
        self._check_can_pay_in_background()
        return self._g2p_start_jobs("pay", _("issue payments for"))

    def _g2p_job_chunk(self, operation, first_id, last_id):
        self.ensure_one()
        return getattr(self, OPERATIONS[operation]["chunk"])(first_id, last_id)

    def _g2p_job_finish(self, operation):
        """Close the operation once every chunk is done."""
        self.ensure_one()
        cycle = self._g2p_as_job()
        getattr(cycle, OPERATIONS[operation]["check"])()
        if operation == "approve":
            # Entitlements added while the chunks ran are approved here; the cycle
            # then takes the state the Approve button gives it.
            for first, last in cycle._g2p_job_ranges("approve"):
                cycle._g2p_chunk_approve(first, last)
            cycle._do_approve()
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
        self._check_can_g2p_job_retry()
        return self._do_g2p_job_retry()

    def _do_g2p_job_retry(self):
        Job = self.env["queue.job"].sudo()
        for cycle in self:
            Job.search([("graph_uuid", "=", cycle.g2p_job_graph_uuid), ("state", "=", "failed")]).requeue()
        return True

    def action_g2p_job_stop(self):
        """Give up the running operation: its pending chunks are cancelled.

        Chunks already done stay done (e.g. part of the entitlements generated); the
        operation can be started again and completes what is missing.
        """
        lock_rows(self)
        self._check_can_g2p_job_stop()
        return self._do_g2p_job_stop()

    def _do_g2p_job_stop(self):
        Job = self.env["queue.job"].sudo()
        for cycle in self:
            Job.search(
                [
                    ("graph_uuid", "=", cycle.g2p_job_graph_uuid),
                    ("state", "not in", ("done", "cancelled", "started")),
                ]
            ).button_cancelled()
            in_transition(cycle).write({"g2p_job_operation": False})
            cycle.message_post(body=_("Background processing stopped by %s.", self.env.user.name))
        return True
