# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command, fields
from odoo.osv import expression
from odoo.tests import TransactionCase, tagged

from .common import G2PPortalDataMixin

SCOPE = "user._g2p_portal_partner_ids()"


@tagged("post_install", "-at_install")
class TestPortalScope(G2PPortalDataMixin, TransactionCase):
    """The registrant scope of the portal rules: defined once, cheap, and kept current."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant("Alice", "Scope", login="alice.scope@example.com")
        cls.user = cls.alice.user_ids
        cls.household = cls.env["res.partner"].create(
            {"name": "Scope Household", "is_registrant": True, "is_group": True}
        )
        cls.head = cls.env.ref("g2p_registry.group_membership_kind_head")
        cls.family = cls._program("Scope Family Program", target_type="group")
        cls.family_app = cls._apply(cls.family, cls.household)

    def _portal_rules(self):
        return (
            self.env["ir.model.data"]
            .search([("module", "=", "g2p_self_service_portal"), ("model", "=", "ir.rule")])
            .mapped(lambda d: self.env["ir.rule"].browse(d.res_id))
        )

    def test_every_rule_uses_the_one_scope(self):
        rules = self._portal_rules()
        self.assertGreaterEqual(len(rules), 8)
        for rule in rules:
            with self.subTest(rule=rule.name):
                domain = rule.domain_force
                self.assertNotIn("individual_membership_ids", domain)
                self.assertNotIn("membership_ids", domain.replace("individual_membership_ids", ""))
                if rule.model_id.model == "g2p.program":
                    self.assertIn("g2p_portal_mine", domain)
                elif rule.model_id.model != "g2p.reg.id":
                    self.assertIn(SCOPE, domain)

    def test_program_rule_names_no_relation(self):
        # Odoo checks rules in Python when fields are read: a one2many in the domain
        # would load every membership of every program shown.
        domain = self.env["ir.rule"].with_user(self.user)._compute_domain("g2p.program", "read")
        Program = self.env["g2p.program"]
        names = {leaf[0] for leaf in domain if expression.is_leaf(leaf) and isinstance(leaf[0], str)}
        self.assertTrue({"state", "g2p_portal_mine"} <= names, names)
        for name in names:
            self.assertNotIn(".", name)
            self.assertNotIn(Program._fields[name].type, ("one2many", "many2many"), name)
        # The registrant's own rules name no relation either: only partner ids.
        for model in ("g2p.program_membership", "g2p.entitlement", "g2p.payment"):
            rule_domain = self.env["ir.rule"].with_user(self.user)._compute_domain(model, "read")
            self.assertIn(("partner_id", "in", [self.alice.id]), rule_domain)

    def test_scope_follows_headship(self):
        # Filled before Alice heads the household: the new headship must still show.
        self.assertEqual(self.user._g2p_portal_partner_ids(), [self.alice.id])
        Application = self.env["g2p.program.application"].with_user(self.user)
        self.assertFalse(Application.search([("id", "=", self.family_app.id)]))
        membership = self.env["g2p.group.membership"].create(
            {"group": self.household.id, "individual": self.alice.id, "kind": [Command.set(self.head.ids)]}
        )
        self.assertEqual(self.user._g2p_portal_partner_ids(), [self.alice.id, self.household.id])
        self.assertEqual(Application.search([("id", "=", self.family_app.id)]), self.family_app)
        self.assertIn(
            self.family, self.env["g2p.program"].with_user(self.user).search([("g2p_portal_mine", "=", True)])
        )
        # A headship ended today no longer counts.
        membership.ended_date = fields.Date.today()
        self.assertEqual(self.user._g2p_portal_partner_ids(), [self.alice.id])
        self.assertFalse(Application.search([("id", "=", self.family_app.id)]))

    def test_scope_is_per_day(self):
        membership = self.env["g2p.group.membership"].create(
            {
                "group": self.household.id,
                "individual": self.alice.id,
                "kind": [Command.set(self.head.ids)],
                "ended_date": fields.Date.today() + datetime.timedelta(days=1),
            }
        )
        self.assertIn(self.household.id, self.user._g2p_portal_partner_ids())
        Users = self.env["res.users"]
        tomorrow = fields.Date.today() + datetime.timedelta(days=1)
        self.assertEqual(list(Users._g2p_portal_partner_ids_on(self.alice.id, tomorrow)), [self.alice.id])
        self.assertTrue(membership.is_head)
