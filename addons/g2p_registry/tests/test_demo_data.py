# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import tagged

from .common import G2PRegistryCase


@tagged("post_install", "-at_install")
class TestDemoData(G2PRegistryCase):
    def test_contract_xml_ids_resolve_to_registrants(self):
        for xmlid, name, is_group in (
            ("demo_registrant_amina", "Amina Diallo", False),
            ("demo_registrant_kofi", "Kofi Mensah", False),
            ("demo_registrant_fatou", "Fatou Diallo", False),
            ("demo_registrant_grace", "Grace Mensah", False),
            ("demo_registrant_joseph", "Joseph Okafor", False),
            ("demo_household_diallo", "Diallo Household", True),
            ("demo_household_mensah", "Mensah Household", True),
        ):
            with self.subTest(xmlid=xmlid):
                partner = self.env.ref(f"g2p_registry.{xmlid}")
                self.assertEqual(partner.name, name)
                self.assertTrue(partner.is_registrant)
                self.assertEqual(partner.is_group, is_group)

    def test_amina_matches_the_contract(self):
        amina = self.env.ref("g2p_registry.demo_registrant_amina")
        self.assertEqual(amina.name, "Amina Diallo")
        self.assertEqual(amina.gender, "female")
        self.assertEqual(amina.birthdate, date(1988, 4, 12))
        self.assertEqual(amina.email, "amina.diallo@example.com")
        self.assertIn("+221 77 123 45 67", amina.phone_number_ids.mapped("phone_no"))
        national = amina.reg_ids.filtered(lambda r: r.id_type == self.national_id)
        self.assertEqual(national.value, "1234567890")
        head = amina.group_membership_ids.filtered("is_head")
        self.assertEqual(head.group, self.env.ref("g2p_registry.demo_household_diallo"))

    def test_households_have_one_head_each(self):
        expected = {
            "demo_household_diallo": "demo_registrant_amina",
            "demo_household_mensah": "demo_registrant_kofi",
        }
        for household_xmlid, head_xmlid in expected.items():
            household = self.env.ref(f"g2p_registry.{household_xmlid}")
            heads = household.individual_membership_ids.filtered("is_head")
            self.assertEqual(heads.individual, self.env.ref(f"g2p_registry.{head_xmlid}"))
        grace = self.env.ref("g2p_registry.demo_registrant_grace")
        self.assertEqual(grace.group_membership_ids.kind, self.kind_spouse)
        fatou = self.env.ref("g2p_registry.demo_registrant_fatou")
        self.assertEqual(fatou.group_membership_ids.kind, self.kind_child)
        self.assertEqual(fatou.birthdate, date(2014, 2, 3))

    def test_other_demo_ids(self):
        values = {
            xmlid: set(self.env.ref(f"g2p_registry.{xmlid}").reg_ids.mapped("value"))
            for xmlid in ("demo_registrant_kofi", "demo_registrant_grace", "demo_registrant_joseph")
        }
        self.assertIn("2345678901", values["demo_registrant_kofi"])
        self.assertIn("3456789012", values["demo_registrant_grace"])
        self.assertTrue({"4567890123", "123-45-6789"} <= values["demo_registrant_joseph"])
        joseph = self.env.ref("g2p_registry.demo_registrant_joseph")
        self.assertFalse(joseph.group_membership_ids)
        self.assertEqual(joseph.birthdate, date(1965, 1, 20))
        kofi = self.env.ref("g2p_registry.demo_registrant_kofi")
        self.assertEqual((kofi.gender, kofi.birthdate), ("male", date(1979, 9, 30)))
