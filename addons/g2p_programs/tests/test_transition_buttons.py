# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import G2PProgramsCase

# The button a ``can_x`` field shows, where it is not simply ``action_x``.
BUTTONS = {"can_reject": "action_open_reject_wizard", "can_record_payment": "action_open_payment_wizard"}


class _Done(Exception):
    """Rolls back a transition that was only tried."""


class TestTransitionButtons(G2PProgramsCase):
    """The backend shows a transition button exactly when pressing it would work."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = [
            cls._user("buttons_viewer", "g2p_registry.group_g2p_registry_viewer"),
            cls._user("buttons_officer", "g2p_registry.group_g2p_registry_officer"),
            cls._user("buttons_manager", "g2p_registry.group_g2p_program_manager"),
        ]

    def _works(self, record, method):
        try:
            with self.env.cr.savepoint():
                getattr(record, method)()
                raise _Done
        except _Done:
            return True
        except (UserError, AccessError):
            return False
        finally:
            self.env.invalidate_all()

    def _mismatches(self, records):
        problems = []
        for user in self.users:
            for record in records:
                record = record.with_user(user)
                for name, field in record._fields.items():
                    if not (name.startswith("can_") and field.compute == "_compute_can"):
                        continue
                    shown = record[name]
                    method = BUTTONS.get(name, "action_" + name[4:])
                    if shown != self._works(record, method):
                        problems.append((user.login, record._name, record.id, name, shown))
        return problems

    def test_buttons_follow_what_each_transition_allows(self):
        applications = self._apply() | self._apply(program=self.program_multi)
        applications[1].action_review()
        ended = self._program("Ended Program")
        late = self._apply(program=ended, partner=self.other_person)
        ended.action_end()
        entitlement = self._approved_entitlement()
        self._enrolled(self.other_person)
        draft = self.Entitlement.create(
            {"cycle_id": entitlement.cycle_id.id, "partner_id": self.other_person.id, "initial_amount": 5.0}
        )
        in_flight = self._approved_entitlement(
            partner=self._individual("In", "Flight"), cycle=entitlement.cycle_id
        )
        issued = self._pay(in_flight, 10.0, status="issued")
        cycle = self.Cycle.create({"name": "Buttons", "program_id": self.program.id})
        memberships = self.Membership.search([("program_id", "=", self.program.id)])
        memberships[:1].action_pause()
        problems = self._mismatches(
            [
                *applications,
                late,
                entitlement,
                draft,
                in_flight,
                issued,
                cycle,
                entitlement.cycle_id,
                *memberships,
                self.program,
                ended,
            ]
        )
        self.assertEqual(problems, [])

    def test_refusals_the_state_alone_does_not_show_hide_the_button(self):
        # Approving needs a program manager; an open program; cancelling needs no payment in flight.
        officer, manager = self.users[1], self.users[2]
        application = self._apply()
        self.assertFalse(application.with_user(officer).can_approve)
        self.assertTrue(application.with_user(manager).can_approve)
        entitlement = self._approved_entitlement()
        self._pay(entitlement, 10.0, status="issued")
        self.assertFalse(entitlement.with_user(manager).can_cancel)
        self.assertFalse(entitlement.with_user(manager).can_expire)
        self.assertTrue(entitlement.with_user(manager).can_record_payment)
