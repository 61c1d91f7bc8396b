# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import G2PProgramsCase


class TestQueryCounts(G2PProgramsCase):
    """Totals come from grouped SQL: the number of queries does not grow with the data."""

    def _cycle_with(self, size):
        cycle = self.Cycle.create({"name": f"Q{size}", "program_id": self.program.id})
        entitlements = self.Entitlement
        for index in range(size):
            partner = self._individual(f"Q{size}", f"N{index}")
            entitlement = self._approved_entitlement(partner, amount=10.0, cycle=cycle)
            self._pay(entitlement, 4.0)
            self._pay(entitlement, 6.0, status="failed")
            entitlements |= entitlement
        self.env.flush_all()
        return cycle, entitlements

    def _count(self, func):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        return self.cr.sql_log_count - before

    def _recompute(self, entitlements):
        names = ("amount_paid", "last_payment_status", "amount_awaited")
        for name in names:
            self.env.add_to_compute(entitlements._fields[name], entitlements)
        entitlements.flush_recordset(list(names))

    def test_entitlement_amounts_constant_queries(self):
        _small_cycle, small = self._cycle_with(2)
        _large_cycle, large = self._cycle_with(12)
        small_count = self._count(lambda: self._recompute(small))
        large_count = self._count(lambda: self._recompute(large))
        self.assertEqual(small_count, large_count)
        self.assertEqual(set(large.mapped("amount_paid")), {4.0})
        self.assertEqual(set(large.mapped("last_payment_status")), {"failed"})

    def test_cycle_and_program_totals_constant_queries(self):
        small_cycle, _small = self._cycle_with(2)
        large_cycle, _large = self._cycle_with(12)
        small_count = self._count(lambda: small_cycle.total_paid)
        large_count = self._count(lambda: large_cycle.total_paid)
        self.assertEqual(small_count, large_count)
        self.assertEqual(large_cycle.total_paid, 48.0)
        self.assertEqual(large_cycle.total_amount, 120.0)
        programs = self.program | self.program_multi | self.program_group
        one = self._count(lambda: self.program.application_count)
        three = self._count(lambda: programs.mapped("application_count"))
        self.assertEqual(one, three)
