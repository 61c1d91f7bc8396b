# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import G2PRegistryCase


@tagged("post_install", "-at_install")
class TestVerifiedFields(G2PRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._individual("Seynabou", "Diop")
        cls.other = cls._individual("Modou", "Diop")

    def test_mark_verified_creates_rows_for_this_partner_only(self):
        self.person._g2p_mark_verified(["given_name", "birthdate"], "eSignet")
        self.assertEqual(self.person._g2p_verified_field_names(), {"given_name", "birthdate"})
        self.assertEqual(self.other._g2p_verified_field_names(), set())
        self.assertEqual(set(self.person.verified_field_ids.mapped("source")), {"eSignet"})

    def test_marking_twice_refreshes_instead_of_duplicating(self):
        first = self.person._g2p_mark_verified(["birthdate"], "eSignet")
        first.verified_at = "2020-01-01 00:00:00"
        second = self.person._g2p_mark_verified(["birthdate", "gender"], "Biometric check")
        self.assertEqual(len(self.person.verified_field_ids), 2)
        birthdate_row = self.person.verified_field_ids.filtered(lambda r: r.field_name == "birthdate")
        self.assertEqual(birthdate_row, first)
        self.assertIn(first, second)
        self.assertEqual(birthdate_row.source, "Biometric check")
        self.assertGreater(str(birthdate_row.verified_at), "2020-01-01 00:00:00")

    def test_mark_verified_handles_several_partners_at_once(self):
        (self.person | self.other)._g2p_mark_verified({"family_name"}, "eSignet")
        self.assertEqual(self.person._g2p_verified_field_names(), {"family_name"})
        self.assertEqual(self.other._g2p_verified_field_names(), {"family_name"})

    def test_viewer_cannot_mark_fields_verified(self):
        viewer = new_test_user(
            self.env, login="vf_viewer", groups="base.group_user,g2p_registry.group_g2p_registry_viewer"
        )
        with self.assertRaises(AccessError):
            self.person.with_user(viewer)._g2p_mark_verified(["birthdate"], "Self")
        self.person._g2p_mark_verified(["birthdate"], "eSignet")
        self.assertEqual(self.person.with_user(viewer)._g2p_verified_field_names(), {"birthdate"})
