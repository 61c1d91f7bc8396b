# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import UserError

from .common import PDF_BYTES, PNG_BYTES, G2PFormsCase


class TestDrafts(G2PFormsCase):
    """Answers are saved at every step, resumed later and frozen once submitted."""

    def setUp(self):
        super().setUp()
        self.partner = self._registrant()
        self.Draft = self.env["g2p.portal.form.draft"]

    def test_step_answers_are_saved_and_resumed_on_the_next_visit(self):
        draft = self.Draft._g2p_for(self.program, self.partner)
        self.assertFalse(draft._g2p_save_step(0, self._person_step(), {}, move=1))
        self.assertEqual(draft.step_index, 1)
        self.Draft.invalidate_model()
        resumed = self.Draft._g2p_for(self.program, self.partner)
        self.assertEqual(resumed, draft)
        self.assertEqual(resumed.step_index, 1)
        self.assertEqual(resumed.answers["birthdate"], "1990-05-01")
        self.assertEqual(resumed._g2p_display_values()["email"], "ada@example.com")

    def test_one_open_draft_per_registrant_program_and_version(self):
        draft = self.Draft._g2p_for(self.program, self.partner)
        self.assertEqual(self.Draft._g2p_for(self.program, self.partner), draft)
        self.assertEqual(self.Draft.search_count([("partner_id", "=", self.partner.id)]), 1)
        other = self.Draft._g2p_for(self.program, self._registrant("Bea", "Other"))
        self.assertNotEqual(other, draft)
        self.assertNotEqual(other.submission_key, draft.submission_key)

    def test_valid_answers_are_kept_when_the_step_has_errors(self):
        draft = self.Draft._g2p_for(self.program, self.partner)
        errors = draft._g2p_save_step(1, self._details_step(children=["many"], color=["green"]), {}, move=1)
        self.assertEqual(set(errors), {"children", "color"})
        self.assertEqual(draft.step_index, 0, "a step with errors does not move on")
        self.assertEqual(draft.answers["nickname"], "Ada")
        self.assertEqual(draft.answers["foods"], ["rice", "oil"])
        self.assertNotIn("children", draft.answers)

    def test_going_back_saves_what_is_valid_and_moves_back(self):
        draft = self.Draft._g2p_for(self.program, self.partner)
        draft._g2p_save_step(0, self._person_step(), {}, move=1)
        errors = draft._g2p_save_step(1, {"nickname": ["Ada"]}, {}, move=-1)
        self.assertIn("children", errors)
        self.assertEqual(draft.step_index, 0)
        self.assertEqual(draft.answers["nickname"], "Ada")
        self.assertEqual(draft.answers["given_name"], "Ada")

    def test_clearing_an_answer_removes_it(self):
        draft = self.Draft._g2p_for(self.program, self.partner)
        draft._g2p_save_step(1, self._details_step(), {}, move=1)
        draft._g2p_save_step(1, self._details_step(nickname=[""]), {}, move=1)
        self.assertNotIn("nickname", draft.answers)

    def test_uploaded_file_is_kept_between_steps_and_replaced_by_a_new_one(self):
        draft = self.Draft._g2p_for(self.program, self.partner)
        self.assertFalse(draft._g2p_save_step(2, {}, {"proof": ("first.pdf", PDF_BYTES)}))
        first = draft.answers["proof"]["attachment_id"]
        self.assertFalse(draft._g2p_save_step(2, {}, {}), "the saved file satisfies the required field")
        self.assertEqual(draft.answers["proof"]["attachment_id"], first)
        draft._g2p_save_step(2, {}, {"proof": ("second.png", PNG_BYTES)})
        self.assertEqual(draft.answers["proof"]["name"], "second.png")
        self.assertFalse(self.env["ir.attachment"].browse(first).exists(), "the replaced file is deleted")

    def test_submitting_freezes_the_draft_and_files_become_documents(self):
        draft = self.Draft._g2p_for(self.program, self.partner)
        self.assertFalse(any(self._fill_draft(draft)))
        application = draft._g2p_submit()
        self.assertEqual(draft.state, "submitted")
        self.assertEqual(draft.application_id, application)
        self.assertEqual(application.form_version_id, self.form.current_version_id)
        self.assertEqual(application.answers["children"], 2)
        self.assertEqual(application.answers["foods"], ["rice", "oil"])
        self.assertNotIn("pet_name", application.answers, "hidden field not kept")
        document = application.document_ids
        self.assertEqual(len(document), 1)
        self.assertEqual(document.document_type_id, self.document_type)
        self.assertEqual(base64.b64decode(document.attachment_id.datas), PDF_BYTES)
        self.assertEqual(application.answers["proof"]["document_id"], document.id)
        self.assertFalse(
            self.env["ir.attachment"].search([("res_model", "=", draft._name), ("res_id", "=", draft.id)]),
            "draft copies of the files are removed",
        )
        with self.assertRaises(UserError):
            draft._g2p_save_step(1, self._details_step(children=["5"]), {})
        self.assertEqual(application.answers["children"], 2)

    def test_a_new_application_starts_a_new_draft_once_the_previous_is_finished(self):
        draft = self.Draft._g2p_for(self.program, self.partner)
        self._fill_draft(draft)
        application = draft._g2p_submit()
        application.action_reject("Missing information")
        again = self.Draft._g2p_for(self.program, self.partner)
        self.assertNotEqual(again, draft)
        self.assertEqual(again.state, "draft")
        self.assertFalse(again.answers)
        self._fill_draft(again)
        self.assertNotEqual(again._g2p_submit(), application)

    def test_submission_with_missing_answers_points_to_the_first_incomplete_step(self):
        from ..schema import FormValidationError

        draft = self.Draft._g2p_for(self.program, self.partner)
        draft._g2p_save_step(0, self._person_step(), {}, move=1)
        with self.assertRaises(FormValidationError) as caught:
            draft._g2p_submit()
        self.assertEqual(caught.exception.step_index, 1)
        self.assertIn("children", caught.exception.errors)
        self.assertEqual(draft.state, "draft")
        self.assertFalse(self.env["g2p.program.application"].search([("partner_id", "=", self.partner.id)]))

    def test_submitting_again_returns_the_same_application(self):
        draft = self.Draft._g2p_for(self.program, self.partner)
        self._fill_draft(draft)
        application = draft._g2p_submit()
        self.assertEqual(draft._g2p_submit(), application)
        # A second tab whose request still saw the draft open: same key, same application.
        self.env.cr.execute("UPDATE g2p_portal_form_draft SET state = 'draft' WHERE id = %s", [draft.id])
        draft.invalidate_recordset()
        self.assertEqual(draft._g2p_submit(), application)
        self.assertEqual(draft.state, "submitted")
        self.assertEqual(len(application.document_ids), 1, "documents are attached once")
        self.assertEqual(
            self.env["g2p.program.application"].search_count([("partner_id", "=", self.partner.id)]), 1
        )
