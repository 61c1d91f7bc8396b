# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The backend lists of a program's entitlements, memberships and applications read their
first page from an index on (program, list order), never by walking the primary key."""

from .common import G2PProgramsCase

LIST_INDEXES = {
    "g2p.entitlement": ("g2p_entitlement_program_recent", "(program_id, create_date DESC, id DESC)"),
    "g2p.program_membership": ("g2p_program_membership_program_list", "(program_id, id)"),
    "g2p.program.application": (
        "g2p_program_application_program_list",
        "(program_id, date_applied DESC, id DESC)",
    ),
}


class TestListIndexes(G2PProgramsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._user("g2p_list_manager", "g2p_registry.group_g2p_program_manager")
        cycle = cls.Cycle.create({"name": "Cycle", "program_id": cls.program.id})
        other_cycle = cls.Cycle.create({"name": "Other", "program_id": cls.program_multi.id})
        people = cls.env["res.partner"].create(
            [{"is_registrant": True, "given_name": f"P{i}", "family_name": "List"} for i in range(40)]
        )
        for target in (cycle, other_cycle):
            cls.Membership.create(
                [{"partner_id": p.id, "program_id": target.program_id.id} for p in people]
            ).action_enroll()
            cls.Entitlement.create(
                [{"cycle_id": target.id, "partner_id": p.id, "initial_amount": 10.0} for p in people]
            )

    def _plan(self, model):
        """EXPLAIN of the list's first page, as the web client asks for it, as a manager."""
        records = self.env[model].with_user(self.manager)
        query = records._search([("program_id", "=", self.program.id)], limit=80, order=records._order)
        self.env.cr.execute("ANALYZE " + records._table)
        # On a few rows a sequential scan and a sort are cheapest; forbid them to see
        # which index serves the program filter and the list's order together.
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("SET LOCAL enable_sort = off")
        sql = query.select()
        self.env.cr.execute(f"EXPLAIN {sql.code}", sql.params)
        return "\n".join(row[0] for row in self.env.cr.fetchall())

    def test_list_indexes_exist(self):
        for model, (name, columns) in LIST_INDEXES.items():
            with self.subTest(model=model):
                self.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
                row = self.env.cr.fetchone()
                self.assertTrue(row, f"index {name} missing")
                self.assertTrue(row[0].endswith(columns), row[0])

    def test_entitlement_order_is_not_the_primary_key(self):
        # The primary key serves "id desc": PostgreSQL would then walk it backwards,
        # filtering on the program (3 s for the biggest program at 1 M registrants).
        self.assertEqual(self.Entitlement._order, "create_date desc, id desc")

    def test_list_queries_use_the_program_indexes(self):
        for model, (name, _columns) in LIST_INDEXES.items():
            with self.subTest(model=model):
                plan = self._plan(model)
                self.assertIn(f"Index Scan using {name}", plan.replace("Backward ", ""))
                self.assertIn("Index Cond: (program_id =", plan)
                self.assertNotIn("_pkey", plan)
                self.assertNotIn("Sort", plan)
                self.assertNotIn("Seq Scan", plan)
