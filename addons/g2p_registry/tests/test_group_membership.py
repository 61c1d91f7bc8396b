# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import G2PRegistryCase


@tagged("post_install", "-at_install")
class TestGroupMembership(G2PRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.household = cls._household("Ba Household")
        cls.father = cls._individual("Oumar", "Ba")
        cls.mother = cls._individual("Mariama", "Ba")
        cls.child = cls._individual("Aliou", "Ba")

    def _member(self, individual, kinds, **vals):
        return self.Membership.create(
            dict(
                {
                    "group": self.household.id,
                    "individual": individual.id,
                    "kind": [(6, 0, kinds.ids)],
                },
                **vals,
            )
        )

    def test_head_kind_makes_the_member_head(self):
        head = self._member(self.father, self.kind_head)
        spouse = self._member(self.mother, self.kind_spouse)
        self.assertTrue(head.is_head)
        self.assertFalse(spouse.is_head)
        head.kind = [(6, 0, self.kind_spouse.ids)]
        self.assertFalse(head.is_head, "removing the head role clears is_head")
        head.kind = [(4, self.kind_head.id)]
        self.assertTrue(head.is_head)
        self.assertEqual(self.household.individual_membership_ids, head | spouse)
        self.assertEqual(self.father.group_membership_ids, head)

    def test_second_active_head_is_refused(self):
        self._member(self.father, self.kind_head)
        with self.assertRaises(ValidationError):
            self._member(self.mother, self.kind_head)
        spouse = self._member(self.mother, self.kind_spouse)
        with self.assertRaises(ValidationError):
            spouse.kind = [(4, self.kind_head.id)]

    def test_new_head_allowed_once_the_previous_head_left(self):
        head = self._member(self.father, self.kind_head)
        today = fields.Date.context_today(head)
        head.ended_date = today
        new_head = self._member(self.mother, self.kind_head)
        self.assertTrue(new_head.is_head)
        self.assertTrue(head.is_ended)
        with self.assertRaises(ValidationError):
            head.ended_date = today + timedelta(days=10)

    def test_other_households_keep_their_own_head(self):
        self._member(self.father, self.kind_head)
        other = self._household("Other Household")
        membership = self.Membership.create(
            {"group": other.id, "individual": self.mother.id, "kind": [(6, 0, self.kind_head.ids)]}
        )
        self.assertTrue(membership.is_head)

    def test_non_unique_kinds_can_repeat(self):
        self._member(self.mother, self.kind_child)
        self._member(self.child, self.kind_child)
        self.assertEqual(len(self.household.individual_membership_ids), 2)

    def test_individual_joins_a_group_only_once(self):
        self._member(self.child, self.kind_child)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._member(self.child, self.kind_child)
            self.env.flush_all()

    def test_only_individuals_join_only_groups(self):
        with self.assertRaises(ValidationError):
            self.Membership.create({"group": self.father.id, "individual": self.child.id})
        other = self._household("Other Household")
        with self.assertRaises(ValidationError):
            self.Membership.create({"group": self.household.id, "individual": other.id})
