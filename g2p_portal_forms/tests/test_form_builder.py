# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user

from .common import G2PFormsCase


class TestFormBuilder(G2PFormsCase):
    """What administrators can build, and who can build it."""

    def _field(self, **vals):
        return self.env["g2p.portal.form.field"].create(
            dict({"form_id": self.form.id, "name": "extra", "label": "Extra", "field_type": "char"}, **vals)
        )

    def test_profile_field_needs_its_matching_type(self):
        with self.assertRaises(ValidationError):
            self._field(name="city_as_number", field_type="number", storage="profile", profile_field="city")
        with self.assertRaises(ValidationError):
            self._field(name="birth", field_type="char", storage="profile", profile_field="birthdate")
        field = self._field(name="city", storage="profile", profile_field="city")
        self.assertEqual(field._g2p_schema(["en_US"])["profile_field"], "city")

    def test_only_whitelisted_profile_fields_can_be_chosen(self):
        with self.assertRaises(ValueError):
            self._field(name="registrant_flag", storage="profile", profile_field="is_registrant")
        with self.assertRaises(ValidationError):
            self._field(name="nothing", storage="profile", profile_field=False)

    def test_a_profile_field_is_filled_by_one_form_field_only(self):
        with self.assertRaises(ValidationError):
            self._field(name="first_name", storage="profile", profile_field="given_name")

    def test_answers_storage_never_names_a_profile_field(self):
        field = self._field(name="note", storage="answers", profile_field="city")
        self.assertIsNone(field._g2p_schema(["en_US"])["profile_field"])

    def test_invalid_pattern_is_refused(self):
        with self.assertRaises(ValidationError):
            self._field(name="bad_pattern", pattern="[a-z")

    def test_bounds_must_fit_the_type(self):
        with self.assertRaises(ValidationError):
            self._field(name="n", field_type="number", min_value="ten")
        with self.assertRaises(ValidationError):
            self._field(name="d", field_type="date", max_value="31/12/2030")
        with self.assertRaises(ValidationError):
            self._field(name="t", field_type="char", min_value="3")
        self._field(name="d2", field_type="date", max_value="today")

    def test_condition_must_be_on_an_earlier_field(self):
        with self.assertRaises(ValidationError):
            self.fields["has_pet"].write(
                {"visible_if_field_id": self.fields["pet_name"].id, "visible_if_value": "Rex"}
            )
        with self.assertRaises(ValidationError):
            # given_name is on the first step, has_pet on the second.
            self.fields["given_name"].write(
                {"visible_if_field_id": self.fields["has_pet"].id, "visible_if_value": "yes"}
            )

    def test_key_format_is_enforced(self):
        for bad in ("Given", "1st", "csrf_token", "g2p_step", "with space", "is-registrant"):
            with self.subTest(key=bad), self.assertRaises(ValidationError), self.env.cr.savepoint():
                self._field(name=bad)

    def test_preview_renders_every_field_with_the_portal_template(self):
        html = str(self.form.preview_html)
        for name in self.fields:
            self.assertIn(f'id="g2p_field_{name}', html)
        self.assertIn("Favourite colour", html)
        self.assertIn('type="file"', html)
        self.assertIn("disabled", html)
        self.assertRegex(html, r"Step</span>\s*3/3\s*<span>— Documents</span>")

    def test_preview_follows_unsaved_edits(self):
        with Form(self.form) as form_edit:
            with form_edit.field_ids.new() as line:
                line.label = "Shoe size"
                line.field_type = "number"
            self.assertIn("Shoe size", str(form_edit.preview_html))
            self.assertIn("g2p_field_shoe_size", str(form_edit.preview_html))

    def test_program_has_one_mapped_form(self):
        self.assertEqual(self.program.portal_form_id, self.form)
        self.assertIn(self.program, self.form.program_ids)
        other = self.env["g2p.portal.form"].create({"name": "Other"})
        self.program.portal_form_id = other
        self.assertEqual(self.program.portal_form_id, other)
        self.assertNotIn(self.program, self.form.program_ids)

    def test_program_managers_build_forms_and_portal_users_read_nothing(self):
        manager = new_test_user(
            self.env, "forms_manager", groups="base.group_user,g2p_registry.group_g2p_program_manager"
        )
        officer = new_test_user(
            self.env, "forms_officer", groups="base.group_user,g2p_registry.group_g2p_registry_officer"
        )
        portal = new_test_user(self.env, "forms_portal", groups="base.group_portal")
        form = (
            self.env["g2p.portal.form"]
            .with_user(manager)
            .create(
                {"name": "Built by a manager", "field_ids": [Command.create({"name": "q", "label": "Q"})]}
            )
        )
        self.assertTrue(form.current_version_id, "the manager's form has a version")
        self.assertEqual(form.with_user(officer).name, "Built by a manager")
        with self.assertRaises(AccessError):
            form.with_user(officer).write({"name": "Changed by an officer"})
        for model in (
            "g2p.portal.form",
            "g2p.portal.form.field",
            "g2p.portal.form.version",
            "g2p.portal.form.draft",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(portal).search([])
        with self.assertRaises(AccessError):
            self.env["g2p.portal.form.draft"].with_user(manager).create(
                {
                    "partner_id": manager.partner_id.id,
                    "program_id": self.program.id,
                    "version_id": form.current_version_id.id,
                }
            )

    def test_copying_a_form_copies_steps_fields_choices_and_conditions(self):
        copy = self.form.copy()
        self.assertEqual(copy.name, "Test application (copy)")
        self.assertEqual(len(copy.step_ids), 3)
        self.assertEqual(set(copy.field_ids.mapped("name")), set(self.fields))
        self.assertEqual(copy.field_ids.step_id, copy.step_ids)
        pet = copy.field_ids.filtered(lambda f: f.name == "pet_name")
        self.assertEqual(pet.visible_if_field_id.form_id, copy)
        self.assertEqual(copy.version_count, 1)
        self.assertEqual(
            copy.current_version_id.schema["steps"], self.form.current_version_id.schema["steps"]
        )
        self.assertEqual(self.form.version_count, 1)
