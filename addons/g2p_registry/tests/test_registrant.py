# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import Form, tagged

from .common import G2PRegistryCase


@tagged("post_install", "-at_install")
class TestRegistrant(G2PRegistryCase):
    def test_name_is_composed_from_parts_on_create(self):
        person = self._individual("Awa", "Ndiaye", addl_name="Binta", name="ignored")
        self.assertEqual(person.name, "Awa Binta Ndiaye")

    def test_context_defaults_of_registry_actions_are_honoured(self):
        person = self.Partner.with_context(default_is_registrant=True).create(
            {"given_name": "Awa", "family_name": "Ndiaye"}
        )
        self.assertTrue(person.is_registrant)
        self.assertEqual(person.name, "Awa Ndiaye")
        self.assertTrue(person.registration_date)
        household = self.Partner.with_context(default_is_registrant=True, default_is_group=True).create(
            {"name": "Ndiaye Family", "given_name": "Awa"}
        )
        self.assertEqual(household.name, "Ndiaye Family")

    def test_name_skips_missing_parts(self):
        person = self._individual("Awa", False)
        self.assertEqual(person.name, "Awa")

    def test_name_is_recomposed_when_a_part_changes(self):
        person = self._individual("Awa", "Ndiaye")
        person.write({"family_name": "Sow"})
        self.assertEqual(person.name, "Awa Sow")
        person.write({"addl_name": "  Binta "})
        self.assertEqual(person.name, "Awa Binta Sow")

    def test_name_of_households_and_contacts_is_not_composed(self):
        household = self._household("Sow Family", given_name="Awa", family_name="Sow")
        self.assertEqual(household.name, "Sow Family")
        contact = self.Partner.create({"name": "Supplier", "given_name": "Jo", "family_name": "Doe"})
        self.assertEqual(contact.name, "Supplier")
        self.assertFalse(contact.registration_date)

    def test_name_follows_parts_in_the_form(self):
        form = Form(
            self.Partner.with_context(default_is_registrant=True),
            view="g2p_registry.view_individual_form",
        )
        form.given_name = "Moussa"
        form.family_name = "Kane"
        self.assertEqual(form.name, "Moussa Kane")
        person = form.save()
        self.assertEqual(person.name, "Moussa Kane")

    def test_age_counts_full_years(self):
        today = fields.Date.context_today(self.Partner)
        person = self._individual(birthdate=today - relativedelta(years=30))
        self.assertEqual(person.age, 30)
        person.birthdate = today - relativedelta(years=30) + relativedelta(days=1)
        self.assertEqual(person.age, 29)

    def test_age_is_zero_without_or_with_future_birthdate(self):
        person = self._individual()
        self.assertEqual(person.age, 0)
        person.birthdate = fields.Date.context_today(person) + relativedelta(days=3)
        self.assertEqual(person.age, 0)

    def test_registration_date_defaults_to_today_for_registrants(self):
        person = self._individual()
        self.assertEqual(person.registration_date, fields.Date.context_today(person))
        earlier = self._individual(registration_date=date(2020, 5, 1))
        self.assertEqual(earlier.registration_date, date(2020, 5, 1))

    def test_gender_choices_come_from_active_gender_types(self):
        values = [code for code, _label in self.Partner._fields["gender"]._description_selection(self.env)]
        self.assertEqual(values[:3], ["male", "female", "other"])
        self.env["g2p.gender.type"].create({"name": "Non-binary", "code": "non_binary"})
        person = self._individual(gender="non_binary")
        self.assertEqual(person.gender, "non_binary")
        self.env.ref("g2p_registry.gender_type_other").active = False
        values = [code for code, _label in self.Partner._fields["gender"]._description_selection(self.env)]
        self.assertNotIn("other", values)
        self.assertIn("non_binary", values)

    def test_gender_outside_the_types_is_refused(self):
        with self.assertRaises(ValueError):
            self._individual(gender="unknown")
