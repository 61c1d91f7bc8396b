# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from .common import G2PProgramsCase

INSERT = "INSERT INTO g2p_entitlement (cycle_id, partner_id, initial_amount, state) VALUES (%s, %s, 10, %s)"


class TestGuardedInvariants(G2PProgramsCase):
    """Invariants whose guards a narrower rule or query would silently lose."""

    def test_one_live_entitlement_per_cycle_whatever_its_state(self):
        # The database refuses a second live entitlement next to one in any live state,
        # not only next to a draft (what a concurrent transaction would insert).
        cycle = self.Cycle.create({"name": "Index", "program_id": self.program.id})
        entitlement = self._approved_entitlement(cycle=cycle)
        for existing in ("approved", "pending_validation", "partially_paid", "paid", "expired"):
            self.cr.execute("UPDATE g2p_entitlement SET state = %s WHERE id = %s", [existing, entitlement.id])
            for inserted in ("draft", "pending_validation", "approved", "paid"):
                with self.subTest(existing=existing, inserted=inserted):
                    with self.assertRaises(IntegrityError), self.cr.savepoint():
                        self.cr.execute(INSERT, [cycle.id, self.person.id, inserted])
        # A cancelled one is no longer live.
        self.cr.execute("UPDATE g2p_entitlement SET state = 'cancelled' WHERE id = %s", [entitlement.id])
        self.cr.execute(INSERT, [cycle.id, self.person.id, "approved"])

    def test_amount_paid_counts_payments_received_only(self):
        entitlement = self._approved_entitlement(amount=100.0)
        # A transfer under way may carry the amount expected: it is not received yet.
        issued = self.Payment.create(
            {"entitlement_id": entitlement.id, "amount_issued": 60.0, "amount_paid": 60.0}
        )
        self.assertEqual(issued.status, "issued")
        self.assertEqual(entitlement.amount_paid, 0.0)
        self.assertEqual(entitlement.amount_awaited, 100.0)
        self.assertEqual(entitlement.state, "approved")
        self._pay(entitlement, 30.0)
        self.assertEqual(entitlement.amount_paid, 30.0)
        self.assertEqual(entitlement.state, "partially_paid")
        issued.action_mark_failed()
        self.assertEqual(entitlement.amount_paid, 30.0)
