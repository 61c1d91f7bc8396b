# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.tools import mute_logger

from ..models.program import OPEN_APPLICATION_STATES
from .common import G2PProgramsCase


class TestApplicationUniqueness(G2PProgramsCase):
    def test_application_id_comes_from_the_sequence(self):
        sequence = self.env.ref("g2p_programs.seq_g2p_program_application")
        expected = sequence.get_next_char(sequence.number_next_actual)
        application = self._apply()
        self.assertEqual(application.name, expected)
        self.assertRegex(application.name, r"^APP-\d{4}-\d{6}$")

    def test_application_id_ignores_a_given_name(self):
        application = self._apply(name="MY-OWN-ID")
        self.assertNotEqual(application.name, "MY-OWN-ID")
        self.assertTrue(application.name.startswith("APP-"))

    def test_application_ids_are_distinct_and_increasing(self):
        people = [self._individual(f"P{i}", "Q") for i in range(5)]
        names = [self._apply(partner=person).name for person in people]
        self.assertEqual(len(set(names)), 5)
        numbers = [int(re.search(r"(\d+)$", name).group(1)) for name in names]
        self.assertEqual(numbers, sorted(numbers))

    @mute_logger("odoo.sql_db")
    def test_application_id_is_unique_in_the_database(self):
        first = self._apply()
        second = self._apply(partner=self.other_person)
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.cr.execute(
                "UPDATE g2p_program_application SET name = %s WHERE id = %s",
                [first.name, second.id],
            )

    def test_open_index_covers_exactly_the_open_states(self):
        self.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'g2p_program_application_one_open'"
        )
        definition = self.cr.fetchone()[0]
        for state, _label in self.Application._fields["state"].selection:
            with self.subTest(state=state):
                if state in OPEN_APPLICATION_STATES:
                    self.assertIn(f"'{state}'", definition)
                else:
                    self.assertNotIn(f"'{state}'", definition)

    @mute_logger("odoo.sql_db")
    def test_one_open_application_enforced_by_orm_create(self):
        # The multiple-applications program lets the Python guard through:
        # only the database stands in the way of a second open application.
        self._apply(program=self.program_multi)
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._apply(program=self.program_multi)

    @mute_logger("odoo.sql_db")
    def test_one_open_application_enforced_by_sql_insert(self):
        first = self._apply()
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.cr.execute(
                """
                INSERT INTO g2p_program_application
                    (name, program_id, partner_id, state, date_applied)
                VALUES ('APP-RAW-1', %s, %s, 'under_review', now())
                """,
                [first.program_id.id, first.partner_id.id],
            )

    def test_finished_applications_do_not_count_as_open(self):
        first = self._apply(program=self.program_multi)
        first.action_reject("No")
        second = self._apply(program=self.program_multi)
        second.action_close()
        third = self._apply(program=self.program_multi)
        self.assertEqual(third.state, "submitted")
        # A finished one may not be reopened behind the index's back either.
        with self.assertRaises(IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.cr.execute(
                "UPDATE g2p_program_application SET state = 'submitted' WHERE id = %s",
                [first.id],
            )

    @mute_logger("odoo.sql_db")
    def test_submission_key_is_unique(self):
        self._apply(submission_key="same")
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._apply(partner=self.other_person, submission_key="same")

    def test_submit_returns_the_winner_when_the_insert_conflicts(self):
        # Simulate the race: the other writer's open application is invisible
        # to the lookups made before inserting, so the insert hits the unique
        # index; the winner is then read back instead of raising.
        winner = self._apply(program=self.program_multi)
        Application = type(self.Application)
        original = Application._g2p_find_submission
        calls = []

        def find_nothing_first(model, program, partner, key):
            calls.append(key)
            if len(calls) == 1:
                return model.browse()
            return original(model, program, partner, key)

        with (
            patch.object(Application, "_g2p_find_submission", find_nothing_first),
            patch.object(type(self.Program), "_g2p_apply_refusal_reason", return_value=False),
            mute_logger("odoo.sql_db"),
        ):
            result = self.Application._g2p_submit(self.program_multi, self.person)
        self.assertEqual(result, winner)
        self.assertEqual(len(calls), 2)
        self.assertEqual(
            self.Application.search_count(
                [
                    ("partner_id", "=", self.person.id),
                    ("program_id", "=", self.program_multi.id),
                ]
            ),
            1,
        )
