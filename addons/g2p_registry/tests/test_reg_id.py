# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import G2PRegistryCase


@tagged("post_install", "-at_install")
class TestRegId(G2PRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._individual("Ibrahima", "Fall")
        cls.other_person = cls._individual("Khady", "Fall")

    def test_value_matching_the_pattern_is_accepted(self):
        reg_id = self.RegId.create(
            {"partner_id": self.person.id, "id_type": self.national_id.id, "value": " 9876543210 "}
        )
        self.assertEqual(reg_id.value, "9876543210", "surrounding spaces are stripped")
        self.assertEqual(reg_id.status, "valid")
        self.assertFalse(reg_id.is_verified)

    def test_value_must_fully_match_the_pattern(self):
        for bad in ("12345", "98765432101", "98765abcde", "x9876543210"):
            with self.subTest(value=bad), self.assertRaises(ValidationError):
                self.RegId.create(
                    {"partner_id": self.person.id, "id_type": self.national_id.id, "value": bad}
                )

    def test_changing_the_value_is_validated_too(self):
        reg_id = self.RegId.create(
            {"partner_id": self.person.id, "id_type": self.national_id.id, "value": "9876543210"}
        )
        with self.assertRaises(ValidationError):
            reg_id.value = "98765"

    def test_type_without_pattern_accepts_any_value(self):
        reg_id = self.RegId.create(
            {"partner_id": self.person.id, "id_type": self.voter_id.id, "value": "SN/V-12 a"}
        )
        self.assertEqual(reg_id.value, "SN/V-12 a")

    def test_invalid_pattern_is_refused_on_id_type(self):
        with self.assertRaises(ValidationError):
            self.env["g2p.id.type"].create({"name": "Broken", "code": "BROKEN", "id_validation": "(\\d"})

    def test_same_type_and_value_is_refused_by_the_database(self):
        self.RegId.create(
            {"partner_id": self.person.id, "id_type": self.national_id.id, "value": "9876543210"}
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.RegId.create(
                {
                    "partner_id": self.other_person.id,
                    "id_type": self.national_id.id,
                    "value": "9876543210",
                }
            )
            self.env.flush_all()

    def test_same_value_under_another_type_is_allowed(self):
        self.RegId.create({"partner_id": self.person.id, "id_type": self.ssn.id, "value": "9876543210"})
        other = self.RegId.create(
            {"partner_id": self.other_person.id, "id_type": self.voter_id.id, "value": "9876543210"}
        )
        self.env.flush_all()
        self.assertEqual(self.RegId.search_count([("value", "=", "9876543210")]), 2, other.display_name)

    def test_mark_verified_records_who_when_and_how(self):
        reg_id = self.RegId.create(
            {"partner_id": self.person.id, "id_type": self.national_id.id, "value": "9876543210"}
        )
        reg_id._g2p_mark_verified("id_provider", "eSignet")
        self.assertTrue(reg_id.is_verified)
        self.assertEqual(reg_id.verification_method, "id_provider")
        self.assertEqual(reg_id.verification_source, "eSignet")
        self.assertEqual(reg_id.verified_by_id, self.env.user)
        self.assertTrue(reg_id.verified_at)
        reg_id.action_clear_verification()
        self.assertFalse(reg_id.is_verified)
        self.assertFalse(reg_id.verified_at)
        self.assertFalse(reg_id.verification_method)

    def test_deleting_the_registrant_deletes_its_ids(self):
        reg_id = self.RegId.create(
            {"partner_id": self.person.id, "id_type": self.national_id.id, "value": "9876543210"}
        )
        self.person.unlink()
        self.assertFalse(reg_id.exists())
