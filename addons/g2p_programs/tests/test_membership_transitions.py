# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .common import G2PProgramsCase


class TestMembershipTransitions(G2PProgramsCase):
    def setUp(self):
        super().setUp()
        self.membership = self.Membership.create(
            {"partner_id": self.person.id, "program_id": self.program.id}
        )

    def test_enrol_pause_resume_exit(self):
        m = self.membership
        self.assertEqual(m.state, "draft")
        m.action_enroll()
        self.assertEqual(m.state, "enrolled")
        self.assertTrue(m.enrollment_date)
        m.action_pause()
        self.assertEqual(m.state, "paused")
        m.action_resume()
        self.assertEqual(m.state, "enrolled")
        m.action_exit()
        self.assertEqual(m.state, "exited")
        self.assertTrue(m.exit_date)
        m.action_enroll()
        self.assertEqual(m.state, "enrolled")
        self.assertFalse(m.exit_date)

    def test_guards(self):
        m = self.membership
        for method in ("action_pause", "action_resume", "action_exit"):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(m, method)()
        m.action_enroll()
        with self.assertRaises(UserError):
            m.action_enroll()
        with self.assertRaises(UserError):
            m.action_resume()
        m.action_duplicated()
        self.assertEqual(m.state, "duplicated")
        for method in ("action_enroll", "action_pause", "action_not_eligible", "action_duplicated"):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(m, method)()
        self.assertEqual(m.state, "duplicated")

    def test_not_eligible_then_enrol(self):
        self.membership.action_not_eligible()
        self.assertEqual(self.membership.state, "not_eligible")
        with self.assertRaises(UserError):
            self.membership.action_exit()
        self.membership.action_enroll()
        self.assertEqual(self.membership.state, "enrolled")

    @mute_logger("odoo.sql_db")
    def test_one_membership_per_registrant_and_program(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.Membership.create({"partner_id": self.person.id, "program_id": self.program.id})
