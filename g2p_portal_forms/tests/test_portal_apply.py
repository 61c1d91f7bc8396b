# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import CSRF_RE, PASSWORD, PDF_BYTES, G2PFormsMixin


@tagged("post_install", "-at_install")
class TestPortalApply(G2PFormsMixin, HttpCase):
    """The apply route with a mapped form, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_forms()
        cls.alice = cls._registrant(
            "Alice", "Forms", login="alice.forms@example.com", email="alice@example.com"
        )
        cls.bob = cls._registrant("Bob", "Forms", login="bob.forms@example.com")
        cls.plain_program = cls.env["g2p.program"].create(
            {"name": "Plain Program Without Form", "publication_state": "published"}
        )
        cls.url = f"/my/programs/{cls.program.id}/apply"

    def setUp(self):
        super().setUp()
        self.authenticate("alice.forms@example.com", PASSWORD)

    def _get(self, url=None):
        return self.url_open(url or self.url, timeout=60)

    def _post(self, step, action, data=None, files=None, allow_redirects=False):
        page = self._get()
        payload = dict(
            data or {}, csrf_token=CSRF_RE.search(page.text).group(1), g2p_step=str(step), g2p_action=action
        )
        submission_key = self._draft().submission_key
        if action == "submit":
            payload.setdefault("submission_key", submission_key)
        return self.url_open(self.url, data=payload, files=files, timeout=60, allow_redirects=allow_redirects)

    def _draft(self):
        return self.env["g2p.portal.form.draft"].search(
            [("partner_id", "=", self.alice.id), ("program_id", "=", self.program.id)], limit=1
        )

    def _applications(self):
        return self.env["g2p.program.application"].search(
            [("partner_id", "=", self.alice.id), ("program_id", "=", self.program.id)]
        )

    def _walk_to_last_step(self):
        self.assertEqual(self._post(0, "next", self._person_step()).status_code, 303)
        self.assertEqual(self._post(1, "next", self._details_step()).status_code, 303)

    def test_apply_page_renders_the_first_step_with_progress_and_prefill(self):
        response = self._get()
        self.assertEqual(response.status_code, 200)
        self.assertIn("Step 1 of 3", response.text)
        self.assertIn("progress-bar", response.text)
        self.assertIn("Welcome to the test form.", response.text)
        self.assertRegex(
            response.text,
            r'id="g2p_field_given_name"[^>]*value="Alice"|value="Alice"[^>]*id="g2p_field_given_name"',
        )
        self.assertIn('value="alice@example.com"', response.text)
        self.assertNotIn("g2p_field_children", response.text, "other steps are not rendered")

    def test_errors_are_shown_next_to_fields_with_what_was_typed(self):
        response = self._post(1, "next", self._details_step(children=["lots"], nickname=["Zed"], color=[]))
        self.assertEqual(response.status_code, 200)
        self.assertIn('id="g2p_field_children_error"', response.text)
        self.assertIn('id="g2p_field_color_error"', response.text)
        self.assertIn('value="lots"', response.text, "the invalid text stays in its field")
        self.assertIn('value="Zed"', response.text, "the valid text stays too")
        self.assertIn("Step 2 of 3", response.text)
        self.assertEqual(self._draft().answers["nickname"], "Zed")

    def test_moving_back_and_forth_keeps_answers(self):
        self._walk_to_last_step()
        self.assertEqual(self._post(2, "back").status_code, 303)
        page = self._get()
        self.assertIn("Step 2 of 3", page.text)
        self.assertIn('value="Ada"', page.text)  # nickname
        self.assertRegex(page.text, r'value="blue"[^>]*checked|checked[^>]*value="blue"')
        self.assertEqual(self._post(1, "back").status_code, 303)
        self.assertIn('value="Lovelace"', self._get().text)

    def test_full_journey_submits_once_with_the_document(self):
        self._walk_to_last_step()
        page = self._get()
        self.assertIn("Step 3 of 3", page.text)
        payload = {
            "csrf_token": CSRF_RE.search(page.text).group(1),
            "g2p_step": "2",
            "g2p_action": "submit",
            "submission_key": self._draft().submission_key,
        }
        files = {"proof": ("proof.pdf", PDF_BYTES, "application/pdf")}
        response = self.url_open(self.url, data=payload, files=files, timeout=60, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        application = self._applications()
        self.assertEqual(len(application), 1)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/applications/{application.id}?submitted=1")
        )
        self.assertEqual(application.form_version_id, self.form.current_version_id)
        self.assertEqual(application.document_ids.attachment_id.name, "proof.pdf")
        self.assertEqual(self.alice.given_name, "Ada")
        # A refresh of the submit (same key, same file) gives the same application.
        again = self.url_open(self.url, data=payload, files=files, timeout=60, allow_redirects=False)
        self.assertIn(f"/my/applications/{application.id}", again.headers.get("Location", ""))
        self.assertEqual(len(self._applications()), 1)
        self.assertEqual(len(application.document_ids), 1)
        # The answers display with the version's labels.
        detail = self._get(f"/my/applications/{application.id}")
        self.assertIn("Favourite colour", detail.text)
        self.assertIn("Blue", detail.text)

    def test_crafted_post_with_partner_fields_changes_nothing(self):
        before = self.alice.read(["name", "given_name", "is_registrant", "user_ids", "email"])[0]
        crafted = dict(
            self._person_step(),
            is_registrant=["0"],
            name=["Mallory"],
            user_ids=[str(self.env.ref("base.user_admin").id)],
            given_name=["Eve"],
        )
        response = self._post(0, "next", crafted)
        self.assertEqual(response.status_code, 200)
        self.assertIn("is_registrant", response.text)
        self.assertIn("o_g2p_form_errors", response.text)
        self.assertFalse(self._draft().answers, "nothing of a rejected step is saved")
        # Even on the final step, with every answer valid.
        self._walk_to_last_step()
        response = self._post(
            2,
            "submit",
            {"is_registrant": "0", "name": "Mallory"},
            files={"proof": ("proof.pdf", PDF_BYTES, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._applications())
        self.alice.invalidate_recordset()
        after = self.alice.read(["name", "given_name", "is_registrant", "user_ids", "email"])[0]
        self.assertEqual(after, before)

    def test_oversized_upload_is_refused_by_the_server(self):
        self._walk_to_last_step()
        big = PDF_BYTES + b"0" * 50000
        response = self._post(2, "submit", files={"proof": ("big.pdf", big, "application/pdf")})
        self.assertEqual(response.status_code, 200)
        self.assertIn('id="g2p_field_proof_error"', response.text)
        self.assertIn("files can be at most", response.text)
        self.assertFalse(self._applications())

    def test_verified_field_is_shown_read_only(self):
        self.alice._g2p_mark_verified(["given_name"], "test-provider")
        response = self._get()
        self.assertRegex(response.text, r'<input[^>]*id="g2p_field_given_name"[^>]*disabled')
        self.assertIn("Verified", response.text)

    def test_program_without_form_keeps_the_plain_confirmation(self):
        response = self._get(f"/my/programs/{self.plain_program.id}/apply")
        self.assertEqual(response.status_code, 200)
        self.assertIn("g2p_apply_form", response.text)
        self.assertNotIn("o_g2p_form", response.text)

    def test_drafts_are_per_registrant(self):
        bob_draft = self.env["g2p.portal.form.draft"]._g2p_for(self.program, self.bob)
        bob_draft._g2p_save_step(1, self._details_step(nickname=["Bobby"]), {}, move=0)
        self._post(1, "next", self._details_step(nickname=["Alicia"]))
        self.assertEqual(bob_draft.answers["nickname"], "Bobby")
        self.assertEqual(self._draft().answers["nickname"], "Alicia")
        self.assertNotIn("Bobby", self._get().text)

    def test_archived_form_falls_back_to_the_plain_confirmation(self):
        self.form.active = False
        response = self._get()
        self.assertIn("g2p_apply_form", response.text)
        self.assertNotIn("o_g2p_form", response.text)

    def test_page_and_errors_follow_the_registrants_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["g2p_portal_forms"], ["fr_FR"], overwrite=True)
        website = self.env["website"].browse(1)
        website.language_ids |= self.env.ref("base.lang_fr")
        self.fields["children"].with_context(lang="fr_FR").label = "Enfants"
        french_url = f"/fr{self.url}"
        page = self.url_open(french_url, timeout=60)
        self.assertIn("Étape 1 sur 3", page.text)
        self.assertIn("Suivant", page.text)
        payload = dict(
            self._details_step(children=["beaucoup"]),
            g2p_step="1",
            g2p_action="next",
            csrf_token=CSRF_RE.search(page.text).group(1),
        )
        response = self.url_open(french_url, data=payload, timeout=60, allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Saisissez un nombre.", response.text)
        self.assertIn("Enfants", response.text)
        self.assertIn('value="beaucoup"', response.text)
