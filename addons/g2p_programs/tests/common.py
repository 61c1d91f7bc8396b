# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user


class G2PProgramsCase(TransactionCase):
    @contextmanager
    def _refused(self, reason):
        # assertRaises (unlike assertRaisesRegex) rolls the refused change back.
        with self.assertRaises(UserError) as caught:
            yield
        self.assertIn(reason, str(caught.exception))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Program = cls.env["g2p.program"]
        cls.Application = cls.env["g2p.program.application"]
        cls.Membership = cls.env["g2p.program_membership"]
        cls.Cycle = cls.env["g2p.cycle"]
        cls.Entitlement = cls.env["g2p.entitlement"]
        cls.Payment = cls.env["g2p.payment"]
        cls.program = cls._program("Test Cash")
        cls.program_multi = cls._program("Test Medical", allow_multiple_applications=True)
        cls.program_group = cls._program("Test Food", target_type="group")
        cls.person = cls._individual("Ada", "Lovelace")
        cls.other_person = cls._individual("Alan", "Turing")
        cls.household = cls._household("Lovelace Household")

    @classmethod
    def _program(cls, name, **vals):
        return cls.env["g2p.program"].create(
            dict({"name": name, "entitlement_amount": 100.0, "publication_state": "published"}, **vals)
        )

    @classmethod
    def _individual(cls, given, family, **vals):
        return cls.env["res.partner"].create(
            dict(
                {"is_registrant": True, "given_name": given, "family_name": family},
                **vals,
            )
        )

    @classmethod
    def _household(cls, name, **vals):
        return cls.env["res.partner"].create(
            dict({"is_registrant": True, "is_group": True, "name": name}, **vals)
        )

    @classmethod
    def _user(cls, login, group_xmlid):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,{group_xmlid}",
            email=f"{login}@example.com",
        )

    def _apply(self, program=None, partner=None, **vals):
        return self.Application.create(
            dict(
                {
                    "program_id": (program or self.program).id,
                    "partner_id": (partner or self.person).id,
                },
                **vals,
            )
        )

    def _enrolled(self, partner, program=None):
        """The registrant's membership in the program, enrolled (created if missing)."""
        program = program or self.program
        membership = self.Membership.search(
            [("partner_id", "=", partner.id), ("program_id", "=", program.id)]
        ) or self.Membership.create({"partner_id": partner.id, "program_id": program.id})
        if membership.state != "enrolled":
            membership.action_enroll()
        return membership

    def _approved_entitlement(self, partner=None, amount=100.0, cycle=None):
        cycle = cycle or self.Cycle.create({"name": "Cycle", "program_id": self.program.id})
        self._enrolled(partner or self.person, cycle.program_id)
        entitlement = self.Entitlement.create(
            {
                "cycle_id": cycle.id,
                "partner_id": (partner or self.person).id,
                "initial_amount": amount,
            }
        )
        entitlement.action_submit()
        entitlement.action_approve()
        return entitlement

    def _pay(self, entitlement, amount, status="paid"):
        return self.Payment.create(
            {
                "entitlement_id": entitlement.id,
                "amount_issued": amount,
                "amount_paid": amount if status == "paid" else 0.0,
                "status": status,
            }
        )
