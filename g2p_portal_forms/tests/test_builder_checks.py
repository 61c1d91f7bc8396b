# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from pathlib import Path

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase

from ..schema import FormSchema, InvalidValue, condition_matches
from .common import G2PFormsMixin

CASES = json.loads((Path(__file__).parent / "condition_cases.json").read_text())


class TestBuilderChecks(G2PFormsMixin, TransactionCase):
    """The builder refuses forms that would break on the portal, naming the row."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_forms()

    def _refused(self, fragments, func, *args, exception=ValidationError, **kwargs):
        with self.assertRaises(exception) as caught:
            func(*args, **kwargs)
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))
        return str(caught.exception)

    def _row(self, name):
        return self.fields[name]._g2p_row()

    # -- conditions ----------------------------------------------------------------------------
    def test_server_conditions_follow_the_shared_cases(self):
        for ftype, answer, expected, result in CASES:
            with self.subTest(type=ftype, answer=answer, expected=expected):
                self.assertIs(condition_matches(ftype, answer, expected), result)

    def test_yes_written_as_Yes_shows_the_field_for_a_yes_answer(self):
        self.fields["pet_name"].visible_if_value = "Yes"
        schema = self._schema()
        pet = schema.by_name["pet_name"]
        self.assertTrue(schema.is_visible(pet, {"has_pet": True}))
        self.assertFalse(schema.is_visible(pet, {"has_pet": False}))
        self.assertEqual(self.fields["pet_name"].visible_if_answer, "yes")

    def test_condition_value_is_one_the_field_can_take(self):
        self._refused(
            [self._row("pet_name"), "Has answer", "yes or no"],
            self.fields["pet_name"].write,
            {"visible_if_value": "maybe"},
        )
        self._refused(
            [self._row("pet_name"), "has no choice green", "red, blue"],
            self.fields["pet_name"].write,
            {"visible_if_field_id": self.fields["color"].id, "visible_if_value": "green"},
        )
        self.fields["pet_name"].write(
            {"visible_if_field_id": self.fields["color"].id, "visible_if_value": "red"}
        )
        self.assertEqual(self.fields["pet_name"].visible_if_option_id.value, "red")

    def test_choosing_the_condition_from_the_list_sets_its_value(self):
        self.fields["pet_name"].write(
            {
                "visible_if_field_id": self.fields["color"].id,
                "visible_if_option_id": self.fields["color"]
                .option_ids.filtered(lambda o: o.value == "blue")
                .id,
            }
        )
        self.assertEqual(self.fields["pet_name"].visible_if_value, "blue")
        self.fields["pet_name"].write(
            {"visible_if_field_id": self.fields["has_pet"].id, "visible_if_answer": "no"}
        )
        self.assertEqual(self.fields["pet_name"].visible_if_value, "no")

    def test_condition_on_a_later_field_names_the_row(self):
        self._refused(
            [self._row("has_pet"), "Visible if", "before"],
            self.fields["has_pet"].write,
            {"visible_if_field_id": self.fields["pet_name"].id, "visible_if_value": "Rex"},
        )

    def test_a_file_cannot_control_a_condition(self):
        self._refused(
            ["Visible if", "cannot test"],
            self._add,
            self.step_docs,
            "after_proof",
            "After proof",
            "char",
            visible_if_field_id=self.fields["proof"].id,
            visible_if_value="x",
        )

    # -- declaration ---------------------------------------------------------------------------
    def test_declaration_must_be_ticked_and_keeps_its_text(self):
        self._add(self.step_docs, "truth", "I confirm that my answers are true", "declaration")
        schema = self._schema()
        field = schema.by_name["truth"]
        self.assertTrue(field["required"])
        self.assertEqual(schema.coerce(field, ["yes"]), "I confirm that my answers are true")
        with self.assertRaises(InvalidValue):
            schema.coerce(field, ["no"])
        self.assertIsNone(schema.coerce(field, []))
        values, _uploads, errors = schema.validate_step(2, {}, {}, {"proof": {"attachment_id": 1}})
        self.assertEqual(list(errors), ["truth"])
        values, _uploads, errors = schema.validate_step(
            2, {"truth": ["yes"]}, {}, {"proof": {"attachment_id": 1}}
        )
        self.assertEqual(errors, {})
        self.assertEqual(values["truth"], "I confirm that my answers are true")

    def test_hidden_declaration_is_not_required(self):
        self._add(
            self.step_details,
            "pet_oath",
            "I look after my pet",
            "declaration",
            visible_if_field_id=self.fields["has_pet"].id,
            visible_if_value="yes",
        )
        schema = self._schema()
        data = self._details_step(has_pet=["no"])
        _values, _uploads, errors = schema.validate_step(1, data, {}, {})
        self.assertEqual(errors, {})
        _values, _uploads, errors = schema.validate_step(
            1, self._details_step(has_pet=["yes"], pet_name=["Rex"]), {}, {}
        )
        self.assertEqual(list(errors), ["pet_oath"])

    # -- steps, choices, files -----------------------------------------------------------------
    def test_steps_and_fields_added_in_one_edit_find_each_other(self):
        form = self.env["g2p.portal.form"].create(
            {
                "name": "One edit",
                "step_ids": [
                    Command.create({"sequence": 1, "title": "First"}),
                    Command.create({"sequence": 2, "title": "Second"}),
                ],
                "field_ids": [
                    Command.create({"name": "a", "label": "A", "step_number": 1, "sequence": 1}),
                    Command.create({"name": "b", "label": "B", "step_number": 2, "sequence": 2}),
                ],
            }
        )
        first, second = form.step_ids.sorted("sequence")
        self.assertEqual(form.field_ids.filtered(lambda f: f.name == "b").step_id, second)
        self.assertEqual(form.field_ids.filtered(lambda f: f.name == "a").step_id, first)
        self.assertEqual([len(s["fields"]) for s in form.current_version_id.schema["steps"]], [1, 1])
        self.assertEqual(second.step_number, 2)

    def test_a_step_number_beyond_the_steps_names_the_row(self):
        self._refused(
            ["Fields, row", "column Step", "no step 7"],
            self.env["g2p.portal.form"].create,
            {
                "name": "Too far",
                "step_ids": [Command.create({"title": "Only"})],
                "field_ids": [Command.create({"name": "a", "label": "A", "step_number": 7})],
            },
        )

    def test_a_field_placed_on_a_step_gets_its_number(self):
        self.assertEqual(self.fields["proof"].step_number, 3)
        self.assertEqual(self.fields["color"].step_number, 2)

    def test_a_choice_value_comes_from_its_label(self):
        field = self._add(
            self.step_details,
            "region",
            "Region",
            "selection",
            option_ids=[Command.create({"label": "North West"}), Command.create({"label": "Côte d'Ivoire"})],
        )
        self.assertEqual(field.option_ids.mapped("value"), ["north_west", "côte_d_ivoire"])

    def test_two_choices_with_one_value_name_the_row(self):
        self._refused(
            ["Choices row", "column Value", "same"],
            self._add,
            self.step_details,
            "twin",
            "Twin",
            "selection",
            option_ids=[Command.create({"label": "Same"}), Command.create({"label": "same"})],
        )

    def test_file_kinds_give_the_mime_types_and_free_text_is_refused(self):
        kinds = self.env.ref("g2p_portal_forms.file_kind_pdf") | self.env.ref(
            "g2p_portal_forms.file_kind_png"
        )
        field = self._add(self.step_docs, "photo", "Photo", "file", file_kind_ids=[Command.set(kinds.ids)])
        self.assertEqual(field.allowed_mimetypes, "application/pdf,image/png")
        self.assertEqual(self._schema().by_name["photo"]["mimetypes"], ["application/pdf", "image/png"])
        self._refused(
            ["column Accepted files", "pdf", "not a known kind"],
            field.write,
            {"allowed_mimetypes": "pdf, png"},
        )

    # -- the whole form before publishing ------------------------------------------------------
    def test_publishing_lists_every_problem_at_once(self):
        certificate = self.env["g2p.document.type"].create(
            {"name": "Medical Certificate", "code": "TEST_MED"}
        )
        empty = self.env["g2p.portal.form.step"].create(
            {"form_id": self.form.id, "title": "Empty", "sequence": 9}
        )
        self._add(empty, "nothing_to_choose", "Nothing to choose", "selection")
        self.program.write({"required_document_type_ids": [Command.link(certificate.id)]})
        self.program.sudo().with_context(g2p_transition=True).write({"publication_state": "draft"})
        message = self._refused(
            ["Medical Certificate", "no file field", "no choice", self.program.name],
            self.program.action_publish,
            exception=UserError,
        )
        self.assertIn(self.fields["nothing_to_choose"]._g2p_row(), message)
        self.assertEqual(self.program.publication_state, "draft")
        # Asking for the certificate in the form fixes that problem.
        self.fields["proof"].document_type_id = certificate
        self.assertNotIn("Medical Certificate", "\n".join(self.form._g2p_form_problems()))

    def test_check_form_reports_success_when_nothing_is_wrong(self):
        self.assertEqual(self.form._g2p_form_problems(programs=self.program), [])
        self.assertEqual(self.form.action_check_form()["params"]["type"], "success")

    def test_a_required_field_behind_an_impossible_chain_is_reported(self):
        # The controller of pet_age can never be shown, because its own condition is broken.
        self._add(self.step_details, "pet_age", "Pet age", "number", required=True)
        self.env.cr.execute(
            "UPDATE g2p_portal_form_field SET visible_if_field_id=%s, visible_if_value='zzz' WHERE id=%s",
            (self.fields["color"].id, self.fields["pet_name"].id),
        )
        self.fields["pet_name"].invalidate_recordset()
        self.fields["pet_age"].with_context(g2p_portal_form_no_sync=True).write(
            {"visible_if_field_id": self.fields["pet_name"].id, "visible_if_value": "Rex"}
        )
        problems = "\n".join(self.form._g2p_form_problems())
        self.assertIn(self.fields["pet_age"]._g2p_row(), problems)
        self.assertIn("can never be met", problems)

    def test_a_schema_version_with_declaration_displays_the_text(self):
        self._add(self.step_docs, "truth", "I confirm", "declaration")
        schema = FormSchema(self.env, self.form.current_version_id.schema)
        self.assertEqual(schema.by_name["truth"]["type"], "declaration")

    def test_demo_programs_pass_the_publishing_check(self):
        for xmlid in ("demo_program_cash_transfer", "demo_program_medical", "demo_program_school_stipend"):
            program = self.env.ref(f"g2p_programs.{xmlid}")
            with self.subTest(program=program.name):
                self.assertEqual(program.portal_form_id._g2p_form_problems(programs=program), [])
