# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from ..schema import FORM_ERROR, FormSchema, InvalidValue
from .common import PDF_BYTES, PNG_BYTES, G2PFormsCase


class TestSchemaValidation(G2PFormsCase):
    """Server-side validation against the stored schema, type by type and rule by rule."""

    def setUp(self):
        super().setUp()
        self.schema = self._schema()

    def _coerce(self, name, raw):
        return self.schema.coerce(self.schema.by_name[name], raw)

    def _invalid(self, name, raw):
        with self.assertRaises(InvalidValue, msg=f"{name}={raw!r} should be refused"):
            self._coerce(name, raw)

    def test_short_text_is_trimmed_and_respects_max_length_and_pattern(self):
        self.assertEqual(self._coerce("nickname", ["  Ada  "]), "Ada")
        self.assertEqual(self._coerce("given_name", ["  Ada   Byron "]), "Ada Byron")
        self._invalid("nickname", ["Ada1"])  # pattern [A-Za-z]+ on the whole value
        self._invalid("nickname", ["Abcdefghijk"])  # 11 > max length 10
        self.assertIsNone(self._coerce("nickname", ["   "]))
        self._invalid("family_name", ["x" * 1001])  # no limit set: 1000 characters still

    def test_long_text_keeps_lines_and_respects_max_length(self):
        self.assertEqual(self._coerce("story", ["line one\r\nline two "]), "line one\nline two")
        self._invalid("story", ["x" * 51])
        self.assertEqual(len(self._coerce("story", ["x" * 50])), 50)

    def test_number_is_coerced_and_bounded(self):
        self.assertEqual(self._coerce("children", ["3"]), 3)
        self.assertIsInstance(self._coerce("children", ["3"]), int)
        self.assertEqual(self._coerce("children", ["2,5"]), 2.5)
        self.assertEqual(self._coerce("children", ["0"]), 0)
        self.assertEqual(self._coerce("children", ["10"]), 10)
        for bad in (["abc"], ["11"], ["-1"], ["nan"], ["inf"], ["1e400"]):
            self._invalid("children", bad)

    def test_date_needs_iso_format_and_bounds(self):
        self.assertEqual(self._coerce("start_date", ["2024-02-29"]), "2024-02-29")
        for bad in (["29/02/2024"], ["2024-02-30"], ["20240101"], ["2019-12-31"], ["2031-01-01"]):
            self._invalid("start_date", bad)
        tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
        self._invalid("birthdate", [tomorrow])  # max "today"
        self.assertEqual(
            self._coerce("birthdate", [datetime.date.today().isoformat()]), datetime.date.today().isoformat()
        )

    def test_dates_before_1900_are_refused_clearly_whatever_the_form_allows(self):
        for name in ("birthdate", "start_date"):
            for bad in (["0999-12-31"], ["1899-12-31"], ["0001-01-01"]):
                with self.assertRaisesRegex(InvalidValue, "on or after 1900-01-01"):
                    self._coerce(name, bad)
        self.assertEqual(self._coerce("birthdate", ["1900-01-01"]), "1900-01-01")
        self.fields["birthdate"].max_value = False
        self.schema = FormSchema(self.env, self.form._g2p_build_schema())
        tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
        with self.assertRaisesRegex(InvalidValue, "cannot be in the future"):
            self._coerce("birthdate", [tomorrow])

    def test_email_must_look_like_an_address(self):
        self.assertEqual(self._coerce("contact_email", [" a.b@example.org "]), "a.b@example.org")
        for bad in (["a.example.org"], ["a@b"], ["a b@example.org"], ["@example.org"]):
            self._invalid("contact_email", bad)

    def test_phone_accepts_digits_spaces_and_plus_only(self):
        self.assertEqual(self._coerce("contact_phone", ["+221  77 123 45 67"]), "+221 77 123 45 67")
        for bad in (["call me"], ["12345"], ["+221 77 12A 45 67"], ["1" * 25]):
            self._invalid("contact_phone", bad)

    def test_single_choice_accepts_only_its_options(self):
        self.assertEqual(self._coerce("color", ["red"]), "red")
        self._invalid("color", ["green"])
        self.assertEqual(self._coerce("gender", ["female"]), "female")  # gender types as options
        self._invalid("gender", ["robot"])

    def test_multiple_choice_accepts_only_its_options_and_counts(self):
        self.assertEqual(self._coerce("foods", ["oil", "rice", "oil"]), ["rice", "oil"])
        self._invalid("foods", ["rice", "caviar"])
        self._invalid("foods", ["rice", "beans", "oil"])  # max 2
        self.assertIsNone(self._coerce("foods", []))

    def test_yes_no_is_coerced_to_boolean(self):
        self.assertIs(self._coerce("has_pet", ["yes"]), True)
        self.assertIs(self._coerce("has_pet", ["no"]), False)
        self.assertIsNone(self._coerce("has_pet", [""]))
        self._invalid("has_pet", ["maybe"])

    def test_missing_required_fields_are_reported_per_field(self):
        values, _uploads, errors = self.schema.validate_step(1, {"nickname": ["Ada"]}, {}, {})
        self.assertEqual(set(errors), {"children", "color", "has_pet"})
        self.assertEqual(values["nickname"], "Ada")

    def test_unknown_field_rejects_the_whole_step(self):
        data = self._details_step(is_registrant=["1"])
        values, _uploads, errors = self.schema.validate_step(1, data, {}, {})
        self.assertIn("is_registrant", errors[FORM_ERROR])
        self.assertEqual(values, {})

    def test_field_of_another_step_is_unknown_here(self):
        data = self._details_step(given_name=["Mallory"])
        _values, _uploads, errors = self.schema.validate_step(1, data, {}, {})
        self.assertIn("given_name", errors[FORM_ERROR])

    def test_unknown_file_is_rejected(self):
        _values, _uploads, errors = self.schema.validate_step(2, {}, {"avatar": ("a.png", PNG_BYTES)}, {})
        self.assertIn("avatar", errors[FORM_ERROR])

    def test_conditional_field_is_required_only_when_visible(self):
        _values, _uploads, errors = self.schema.validate_step(1, self._details_step(has_pet=["yes"]), {}, {})
        self.assertIn("pet_name", errors)
        values, _uploads, errors = self.schema.validate_step(
            1, self._details_step(has_pet=["no"], pet_name=["Rex"]), {}, {}
        )
        self.assertFalse(errors)
        self.assertIsNone(values["pet_name"], "the answer of a hidden field is dropped")

    def test_file_of_an_allowed_type_within_the_limit_is_accepted(self):
        values, uploads, errors = self.schema.validate_step(2, {}, {"proof": ("scan.png", PNG_BYTES)}, {})
        self.assertFalse(errors)
        self.assertEqual(uploads["proof"][2], "image/png")
        self.assertEqual(values["proof"]["name"], "scan.png")

    def test_oversized_file_is_refused(self):
        big = PDF_BYTES + b"0" * 20000  # limit is 0.01 MB
        _values, uploads, errors = self.schema.validate_step(2, {}, {"proof": ("big.pdf", big)}, {})
        self.assertIn("files can be at most", errors["proof"])
        self.assertFalse(uploads)

    def test_disguised_file_is_refused_by_its_content(self):
        _values, _uploads, errors = self.schema.validate_step(
            2, {}, {"proof": ("invoice.pdf", b"#!/bin/sh\necho this is not a pdf\n")}, {}
        )
        self.assertIn("not of a kind we accept", errors["proof"])

    def test_empty_file_is_refused(self):
        _values, _uploads, errors = self.schema.validate_step(2, {}, {"proof": ("empty.pdf", b"")}, {})
        self.assertIn("proof", errors)

    def test_program_limits_narrow_the_field_limits(self):
        field = self.schema.by_name["proof"]
        with self.assertRaises(InvalidValue):
            self.schema.check_upload(field, "scan.png", PNG_BYTES, None, ["application/pdf"])
        with self.assertRaises(InvalidValue):
            self.schema.check_upload(field, "doc.pdf", PDF_BYTES + b"0" * 600, 0.0005, None)
        self.assertEqual(
            self.schema.check_upload(field, "doc.pdf", PDF_BYTES, 5, ["application/pdf"]), "application/pdf"
        )

    def test_required_file_kept_from_the_draft_satisfies_the_step(self):
        kept = {"proof": {"attachment_id": 1, "name": "proof.pdf"}}
        values, _uploads, errors = self.schema.validate_step(2, {}, {}, kept)
        self.assertFalse(errors)
        self.assertEqual(values["proof"]["name"], "proof.pdf")

    def test_stored_answers_are_validated_again_before_submission(self):
        answers = {"given_name": "Ada", "children": 99, "color": "red", "has_pet": False, "hacked": 1}
        clean, errors, first_step = self.schema.validate_answers(answers)
        self.assertIn("hacked", errors[FORM_ERROR])
        self.assertIn("children", errors)
        self.assertIn("proof", errors)
        self.assertEqual(first_step, 0)
        self.assertEqual(clean["given_name"], "Ada")

    def test_errors_are_in_the_registrants_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        french = FormSchema(self.env(context=dict(self.env.context, lang="fr_FR")), self.schema.schema)
        _values, _uploads, errors = french.validate_step(
            1, self._details_step(children=["12"], color=[]), {}, {}
        )
        self.assertEqual(errors["color"], "Ce champ est obligatoire.")
        self.assertEqual(errors["children"], "Saisissez un nombre d'au plus 10.")
        _values, _uploads, errors = self.schema.validate_step(1, self._details_step(color=[]), {}, {})
        self.assertEqual(errors["color"], "This field is required.")
