# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import G2PProgramsCase


class TestProgramDashboard(G2PProgramsCase):
    """The per-program dashboard: graph and pivot views whose figures are sums in SQL."""

    def test_dashboard_actions_open_graph_and_pivot_views_of_the_program(self):
        for method, model in (
            ("action_open_dashboard", "g2p.program.application"),
            ("action_open_beneficiary_dashboard", "g2p.program_membership"),
            ("action_open_entitlement_dashboard", "g2p.entitlement"),
        ):
            action = getattr(self.program, method)()
            self.assertEqual(action["res_model"], model)
            self.assertEqual(action["domain"], [("program_id", "=", self.program.id)])
            modes = [mode for _view, mode in action["views"]]
            self.assertIn("graph", modes)
            self.assertIn("pivot", modes)
            for view_id, mode in action["views"]:
                if mode in ("graph", "pivot"):
                    arch = self.env[model].get_views([(view_id, mode)])["views"][mode]["arch"]
                    self.assertIn(f"<{mode}", arch)

    def test_figures_by_status_and_payment(self):
        paid = self._approved_entitlement(self.person, amount=100.0)
        cycle = paid.cycle_id
        failed = self._approved_entitlement(self.other_person, amount=60.0, cycle=cycle)
        self._pay(paid, 100.0, status="paid")
        self._pay(failed, 60.0, status="failed")
        self._apply(self.program)
        groups = self.Entitlement._read_group(
            [("program_id", "=", self.program.id)],
            ["last_payment_status"],
            ["initial_amount:sum", "amount_paid:sum", "__count"],
        )
        by_status = {status: (initial, paid_sum, count) for status, initial, paid_sum, count in groups}
        self.assertEqual(by_status["paid"], (100.0, 100.0, 1))
        self.assertEqual(by_status["failed"][0], 60.0)
        self.assertEqual(by_status["failed"][1], 0.0)
        applications = dict(
            self.Application._read_group([("program_id", "=", self.program.id)], ["state"], ["__count"])
        )
        self.assertEqual(applications, {"submitted": 1})
        enrolled = self.Membership.search_count(
            [("program_id", "=", self.program.id), ("state", "=", "enrolled")]
        )
        self.assertEqual(enrolled, 2)
