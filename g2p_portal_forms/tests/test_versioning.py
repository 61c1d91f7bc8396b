# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command

from .common import G2PFormsCase


class TestVersioning(G2PFormsCase):
    """Editing a form with submissions makes a new version; applications keep theirs."""

    def _submit(self, partner):
        draft = self.env["g2p.portal.form.draft"]._g2p_for(self.program, partner)
        errors = self._fill_draft(draft)
        self.assertFalse(any(errors), errors)
        return draft._g2p_submit()

    def test_editing_without_submissions_updates_the_current_version(self):
        version = self.form.current_version_id
        self.fields["nickname"].label = "Pet name for you"
        self.assertEqual(self.form.current_version_id, version)
        self.assertEqual(self.form.version_count, 1)
        self.assertEqual(self._schema().by_name["nickname"]["label"]["en_US"], "Pet name for you")

    def test_saving_without_change_creates_no_version(self):
        self._submit(self._registrant())
        version = self.form.current_version_id
        self.form.write({"name": self.form.name})
        self.fields["nickname"].write({"required": False})
        self.assertEqual(self.form.current_version_id, version)

    def test_editing_after_a_submission_creates_a_new_version(self):
        application = self._submit(self._registrant())
        old = self.form.current_version_id
        self.assertEqual(application.form_version_id, old)
        self.fields["children"].label = "Children under 18"
        new = self.form.current_version_id
        self.assertNotEqual(new, old)
        self.assertEqual(new.number, old.number + 1)
        self.assertEqual(old.schema["steps"][1]["fields"][2]["label"]["en_US"], "Children")
        self.assertEqual(new.schema["steps"][1]["fields"][2]["label"]["en_US"], "Children under 18")
        # Further edits while the new version has no submission stay in it.
        self.form.write({"field_ids": [Command.create({"name": "late", "label": "Late question"})]})
        self.assertEqual(self.form.current_version_id, new)

    def test_old_application_keeps_its_labels_and_new_one_gets_the_new_ones(self):
        first = self._submit(self._registrant("Ada", "One"))
        self.fields["children"].label = "Children under 18"
        self.fields["color"].option_ids.filtered(lambda o: o.value == "blue").label = "Ocean blue"
        second = self._submit(self._registrant("Bea", "Two"))
        self.assertNotEqual(first.form_version_id, second.form_version_id)
        first_rows = dict(first._g2p_answer_rows("en_US"))
        second_rows = dict(second._g2p_answer_rows("en_US"))
        self.assertEqual(first_rows["Children"], "2")
        self.assertEqual(first_rows["Favourite colour"], "Blue")
        self.assertNotIn("Children under 18", first_rows)
        self.assertEqual(second_rows["Children under 18"], "2")
        self.assertEqual(second_rows["Favourite colour"], "Ocean blue")
        self.assertIn("Children", str(first.answers_html))
        self.assertNotIn("Children under 18", str(first.answers_html))
        self.assertIn("proof.pdf", str(first.answers_html))

    def test_removing_a_field_keeps_it_in_old_applications(self):
        application = self._submit(self._registrant())
        self.fields["nickname"].unlink()
        self.assertNotIn("nickname", self._schema().by_name)
        self.assertIn("Nickname", dict(application._g2p_answer_rows("en_US")))

    def test_draft_of_an_old_version_is_carried_over(self):
        partner = self._registrant()
        self._submit(self._registrant("Someone", "Else"))  # freezes version 1
        draft = self.env["g2p.portal.form.draft"]._g2p_for(self.program, partner)
        draft._g2p_save_step(0, self._person_step(), {}, move=1)
        self.fields["nickname"].unlink()  # version 2
        new_draft = self.env["g2p.portal.form.draft"]._g2p_for(self.program, partner)
        self.assertEqual(new_draft.version_id, self.form.current_version_id)
        self.assertNotEqual(new_draft, draft)
        self.assertEqual(new_draft.answers["given_name"], "Ada")
        self.assertFalse(draft.exists(), "the superseded draft is removed")

    def test_labels_follow_the_registrants_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.fields["children"].with_context(lang="fr_FR").label = "Enfants"
        schema = self._schema()
        from ..schema import tr

        self.assertEqual(tr(schema.by_name["children"]["label"], "fr_FR"), "Enfants")
        self.assertEqual(tr(schema.by_name["children"]["label"], "en_US"), "Children")
        html = str(self.form.with_context(lang="fr_FR").preview_html)
        self.assertIn("Enfants", html)
