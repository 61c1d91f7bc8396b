# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import PDF_BYTES, G2PPortalDataMixin


@tagged("post_install", "-at_install")
class TestPortalSecurityRules(G2PPortalDataMixin, TransactionCase):
    """Record rules and ACLs give a registrant their own records and nothing else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant("Alice", "Rules", login="alice.rules@example.com")
        cls.bob = cls._registrant("Bob", "Rules", login="bob.rules@example.com")
        cls.alice_user = cls.alice.user_ids
        cls.program = cls._program("Rules Program")
        cls.family_program = cls._program("Rules Family Program", target_type="group")
        cls.ended = cls._program("Rules Ended Program")
        cls.apps = {}
        for partner in (cls.alice, cls.bob):
            app = cls._apply(cls.program, partner)
            app._g2p_add_document(cls.doc_type, "proof.pdf", PDF_BYTES)
            app.action_approve()
            ent = cls._entitlement(cls.program, partner, 50.0)
            cls._pay(ent, 20.0)
            cls.apps[partner] = app
        cls.bob_ended_app = cls._apply(cls.ended, cls.bob)
        cls.alice_ended_app = None
        cls.ended_for_alice = cls._program("Rules Ended With Alice")
        cls._apply(cls.ended_for_alice, cls.alice)
        cls.ended_for_alice.action_end()
        cls.ended.action_end()

    def _as_alice(self, model):
        return self.env[model].with_user(self.alice_user)

    def test_owned_models_show_only_own_records(self):
        for model in (
            "g2p.program.application",
            "g2p.program_membership",
            "g2p.entitlement",
            "g2p.payment",
            "g2p.program.application.document",
        ):
            records = self._as_alice(model).search([])
            self.assertTrue(records, model)
            self.assertEqual(records.partner_id, self.alice, model)

    def test_status_history_of_own_applications_only(self):
        history = self._as_alice("g2p.program.application.status").search([])
        self.assertTrue(history)
        self.assertEqual(history.application_id.partner_id, self.alice)

    def test_reading_someone_elses_application_raises(self):
        bob_app = self.apps[self.bob].with_user(self.alice_user)
        with self.assertRaises(AccessError):
            bob_app.read(["name"])

    def test_programs_active_or_own(self):
        programs = self._as_alice("g2p.program").search([])
        self.assertIn(self.program, programs)
        self.assertIn(self.family_program, programs)
        # An ended program stays visible to those who applied to it, not to others.
        self.assertIn(self.ended_for_alice, programs)
        self.assertNotIn(self.ended, programs)

    def test_portal_users_cannot_write_or_create(self):
        app = self.apps[self.alice].with_user(self.alice_user)
        with self.assertRaises(AccessError):
            app.write({"answers": {"income": 0}})
        with self.assertRaises(AccessError):
            self._as_alice("g2p.program.application").create(
                {"program_id": self.program.id, "partner_id": self.alice.id}
            )
        open_app = self._apply(self._program("Rules Open Program"), self.alice)
        document = open_app._g2p_add_document(self.doc_type, "proof.pdf", PDF_BYTES)
        with self.assertRaises(AccessError):
            document.with_user(self.alice_user).unlink()
        with self.assertRaises(AccessError):
            self._as_alice("g2p.entitlement").search([]).write({"valid_from": "2020-01-01"})

    def test_household_head_reads_household_records(self):
        household = self.env["res.partner"].create(
            {"name": "Rules Household", "is_registrant": True, "is_group": True}
        )
        head_kind = self.env["g2p.group.membership.kind"].search([("code", "=", "head")], limit=1)
        self.env["g2p.group.membership"].create(
            {"group": household.id, "individual": self.alice.id, "kind": [(6, 0, head_kind.ids)]}
        )
        app = self._apply(self.family_program, household)
        apps = self._as_alice("g2p.program.application").search([])
        self.assertIn(app, apps)
        self.assertEqual(self.alice.with_user(self.alice_user)._g2p_portal_partners(), self.alice | household)
        # Bob, who does not head it, sees nothing of it.
        bob_apps = self.env["g2p.program.application"].with_user(self.bob.user_ids).search([])
        self.assertNotIn(app, bob_apps)
