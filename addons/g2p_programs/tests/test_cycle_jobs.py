# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cycle operations run as chunked, restartable jobs: results, retries, progress."""

from unittest.mock import patch

from .cycle_jobs_common import CycleJobsCase


class TestCycleJobs(CycleJobsCase):
    def test_chunked_generation_equals_the_one_shot(self):
        one_shot, chunked = self._cycle("One shot"), self._cycle("Chunked")
        one_shot.action_generate_entitlements()
        # 21 enrolled in chunks of 5: 5 chunks and the closing job.
        self.assertEqual(self._in_background(chunked, "action_generate_entitlements_in_background"), 6)
        expected = self._values(one_shot)
        self.assertEqual(set(expected), set(self.beneficiaries.ids))
        self.assertEqual(self._values(chunked), expected)
        self.assertFalse(chunked.g2p_job_operation)
        self.assertIn("21 entitlements", chunked.message_ids[0].body)

    def test_chunked_generation_per_member_of_households(self):
        program = self._program(
            "Food", target_type="group", entitlement_per_member=True, entitlement_amount=25.0
        )
        Member = self.env["g2p.group.membership"]
        big = self._household("Big")
        empty = self._household("Empty")
        for given in ("A", "B", "C"):
            Member.create({"group": big.id, "individual": self._individual(given, "Big").id})
        Member.create(
            {"group": big.id, "individual": self._individual("Gone", "Big").id, "ended_date": "2020-01-01"}
        )
        Member.create(
            {
                "group": empty.id,
                "individual": self._individual("Gone", "Empty").id,
                "ended_date": "2020-01-01",
            }
        )
        for household in (big, empty, self.household):
            self._enrolled(household, program)
        one_shot, chunked = self._cycle("One shot", program), self._cycle("Chunked", program)
        one_shot.action_generate_entitlements()
        self._in_background(chunked, "action_generate_entitlements_in_background")
        expected = self._values(one_shot)
        self.assertEqual(expected[big.id]["initial_amount"], 75.0)
        self.assertNotIn(empty.id, expected)
        self.assertEqual(self._values(chunked), expected)

    def test_a_chunk_run_twice_creates_nothing_the_second_time(self):
        cycle = self._cycle("Twice")
        first, last = cycle._g2p_job_ranges("generate")[0]
        self.assertEqual(cycle._g2p_chunk_generate(first, last), 5)
        self.assertEqual(cycle._g2p_chunk_generate(first, last), 0)
        self.assertEqual(cycle.entitlement_count, 5)

    def test_failed_chunk_retried_gives_no_duplicates(self):
        cycle = self._cycle("Retried")
        cycle.action_generate_entitlements_in_background()
        ranges = cycle._g2p_job_ranges("generate")
        self.assertEqual(len(ranges), 5)
        self.assertEqual((cycle.g2p_job_total, cycle.g2p_job_done, cycle.g2p_job_progress), (6, 0, 0.0))
        original = type(cycle)._g2p_chunk_generate
        calls = []

        def crash_after_insert(record, first, last):
            created = original(record, first, last)
            calls.append((first, last))
            if (first, last) == ranges[2] and calls.count((first, last)) == 1:
                # The rows are inserted, then the worker dies before committing.
                raise OSError("database connection lost")
            return created

        with patch.object(type(cycle), "_g2p_chunk_generate", crash_after_insert):
            self._run_like_the_runner(cycle)
            self.assertEqual(cycle.g2p_job_failed, 1)
            self.assertEqual(cycle.g2p_job_done, 4)
            self.assertAlmostEqual(cycle.g2p_job_progress, 400 / 6)
            self.assertIn("database connection lost", cycle.g2p_job_error)
            self.assertEqual(cycle.g2p_job_operation, "generate")
            self.assertEqual(cycle.entitlement_count, 16)
            with self._refused("being processed in the background"):
                cycle.action_to_approve()
            cycle.action_g2p_job_retry()
            self._run_like_the_runner(cycle)
        self.assertEqual(calls.count(ranges[2]), 2)
        self.assertFalse(cycle.g2p_job_operation)
        self.assertEqual(cycle.entitlement_count, 21)
        self.env.cr.execute(
            "SELECT count(*), count(DISTINCT partner_id) FROM g2p_entitlement WHERE cycle_id = %s",
            (cycle.id,),
        )
        self.assertEqual(self.env.cr.fetchone(), (21, 21))
        # Run again as a whole, everything already there: still one each.
        cycle.action_generate_entitlements_in_background()
        self._run_like_the_runner(cycle)
        self.assertEqual(cycle.entitlement_count, 21)

    def test_progress_while_jobs_run(self):
        cycle = self._cycle("Progress")
        cycle.action_generate_entitlements_in_background()
        self.assertEqual(cycle.g2p_job_operation, "generate")
        with self._refused("being processed in the background"):
            cycle.action_generate_entitlements_in_background()
        with self._refused("being processed in the background"):
            cycle.action_generate_entitlements()
        self._run_like_the_runner(cycle, limit=3)
        self.assertEqual((cycle.g2p_job_done, cycle.g2p_job_total, cycle.g2p_job_failed), (3, 6, 0))
        self.assertAlmostEqual(cycle.g2p_job_progress, 50.0)
        self._run_like_the_runner(cycle)
        self.assertFalse(cycle.g2p_job_operation)
        self.assertEqual((cycle.g2p_job_done, cycle.g2p_job_total), (0, 0))
        cycle.action_to_approve()
        self.assertEqual(cycle.state, "to_approve")

    def test_stop_cancels_what_is_left(self):
        cycle = self._cycle("Stopped")
        cycle.action_generate_entitlements_in_background()
        self._run_like_the_runner(cycle, limit=2)
        cycle.action_g2p_job_stop()
        self.assertFalse(cycle.g2p_job_operation)
        self.assertFalse(self._stored_jobs(cycle, ("pending", "enqueued", "wait_dependencies")))
        # Two chunks done (jobs of a group run in any order; the last chunk has 1).
        self.assertIn(cycle.entitlement_count, (2, 6, 10))
        # Started again, it completes what is missing.
        self._in_background(cycle, "action_generate_entitlements_in_background")
        self.assertEqual(cycle.entitlement_count, 21)

    def test_approve_in_chunks(self):
        one_shot, chunked = self._cycle("One shot"), self._cycle("Chunked")
        for cycle in (one_shot, chunked):
            cycle.action_generate_entitlements()
            cycle.action_to_approve()
        # One submitted by hand already: approved with the others.
        chunked.entitlement_ids[:1].action_submit()
        one_shot.action_approve()
        self.assertEqual(self._in_background(chunked, "action_approve_in_background"), 6)
        self.assertEqual(chunked.state, "approved")
        self.assertEqual(self._values(chunked), self._values(one_shot))
        codes = chunked.entitlement_ids.mapped("code")
        self.assertEqual(len(set(codes)), 21)
        prefix = one_shot.entitlement_ids[0].code[:-6]
        self.assertTrue(all(code.startswith(prefix) and len(code) == len(prefix) + 6 for code in codes))
        self.assertFalse(set(codes) & set(one_shot.entitlement_ids.mapped("code")))

    def test_approval_refused_for_someone_no_longer_enrolled(self):
        cycle = self._cycle("Exited")
        cycle.action_generate_entitlements()
        cycle.action_to_approve()
        first, last = cycle._g2p_job_ranges("approve")[0]
        leaver = self.Entitlement.search([("cycle_id", "=", cycle.id), ("id", "=", first)]).partner_id
        self.Membership.search([("partner_id", "=", leaver.id)]).action_pause()
        with self._refused("is not enrolled in the program"):
            cycle._g2p_chunk_approve(first, last)
        self.assertEqual(set(cycle.entitlement_ids.mapped("state")), {"draft"})

    def test_queries_per_chunk_do_not_grow_with_its_size(self):
        cycle = self._cycle("Queries")
        counts = {}
        for operation, prepare in (
            ("generate", None),
            ("approve", "action_to_approve"),
            ("pay", "action_approve_in_background"),
        ):
            if prepare == "action_approve_in_background":
                self._in_background(cycle, prepare)
            elif prepare:
                getattr(cycle, prepare)()
            ranges = cycle._g2p_job_ranges(operation)
            # The first chunk warms the caches (access rights, groups, sequences) up,
            # reading everything as the measured ones do.
            self.env.flush_all()
            self.env.invalidate_all()
            cycle._g2p_job_chunk(operation, *ranges[0])
            for (first, last), size in ((ranges[1], 5), ((ranges[2][0], ranges[-1][1]), 11)):
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                getattr(cycle, f"_g2p_chunk_{operation}")(first, last)
                counts[operation, size] = self.env.cr.sql_log_count - before
            self.assertEqual(counts[operation, 5], counts[operation, 11], operation)
            self.assertLessEqual(counts[operation, 5], 12, operation)

    def test_payment_batch(self):
        cycle = self._cycle("Paid")
        cycle.action_generate_entitlements()
        cycle.action_to_approve()
        self._in_background(cycle, "action_approve_in_background")
        entitlements = cycle.entitlement_ids
        self._pay(entitlements[0], 40.0)
        self._pay(entitlements[1], 100.0)
        self.assertEqual(self._in_background(cycle, "action_pay_in_background"), 5)
        self.env.invalidate_all()
        issued = self.Payment.search([("cycle_id", "=", cycle.id), ("status", "=", "issued")])
        self.assertEqual(len(issued), 20)
        self.assertEqual(issued.entitlement_id, entitlements - entitlements[1])
        partial = issued.filtered(lambda p: p.entitlement_id == entitlements[0])
        self.assertEqual(partial.amount_issued, 60.0)
        self.assertEqual(
            set(issued.mapped("partner_id").ids), set((entitlements - entitlements[1]).partner_id.ids)
        )
        self.assertTrue(all(p.name.startswith("PAY-") for p in issued))
        self.assertEqual(set((entitlements - entitlements[1]).mapped("last_payment_status")), {"issued"})
        # A second batch while those transfers are in flight issues nothing more.
        self._in_background(cycle, "action_pay_in_background")
        self.assertEqual(
            self.Payment.search_count([("cycle_id", "=", cycle.id), ("status", "=", "issued")]), 20
        )
        # The payments are ordinary records: settling them follows the usual rules.
        partial.action_mark_paid()
        self.assertEqual(entitlements[0].state, "paid")
        self.assertEqual(entitlements[0].amount_paid, 100.0)
        self.assertEqual(entitlements[0].amount_awaited, 0.0)
