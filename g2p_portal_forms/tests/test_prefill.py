# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import PDF_BYTES, G2PFormsCase


class TestPrefillAndProfile(G2PFormsCase):
    """Prefill from the profile; verified values read-only; only mapped fields written."""

    def setUp(self):
        super().setUp()
        self.partner = self._registrant(
            "Amina",
            "Diallo",
            birthdate="1988-04-12",
            email="amina@example.com",
            gender="female",
            city="Dakar",
        )
        self.draft = self.env["g2p.portal.form.draft"]._g2p_for(self.program, self.partner)

    def test_mapped_fields_are_prefilled_from_the_profile(self):
        values = self.draft._g2p_display_values()
        self.assertEqual(values["given_name"], "Amina")
        self.assertEqual(values["family_name"], "Diallo")
        self.assertEqual(values["birthdate"], "1988-04-12")
        self.assertEqual(values["email"], "amina@example.com")
        self.assertEqual(values["gender"], "female")
        self.assertNotIn("phone", values, "empty profile values prefill nothing")

    def test_defaults_prefill_answers_and_drafts_win_over_profile(self):
        self.assertEqual(self.draft._g2p_display_values()["pet_name"], "Rex")
        self.draft._g2p_save_step(0, dict(self._person_step(), given_name=["Aminata"]), {}, move=1)
        self.assertEqual(self.draft._g2p_display_values()["given_name"], "Aminata")

    def test_verified_fields_are_locked_and_shown_from_the_profile(self):
        self.partner._g2p_mark_verified(["given_name", "birthdate"], "test-provider")
        self.assertEqual(self.draft._g2p_locked(), {"given_name", "birthdate"})
        # A crafted post of a verified field is ignored, not saved.
        errors = self.draft._g2p_save_step(0, dict(self._person_step(), given_name=["Mallory"]), {}, move=1)
        self.assertFalse(errors)
        self.assertNotIn("given_name", self.draft.answers)
        self.assertEqual(self.draft._g2p_display_values()["given_name"], "Amina")

    def test_verified_fields_are_never_overwritten_on_submit(self):
        self.draft._g2p_save_step(0, dict(self._person_step(), given_name=["Mallory"]), {}, move=1)
        self.partner._g2p_mark_verified(["given_name"], "test-provider")
        self.draft._g2p_save_step(1, self._details_step(), {}, move=1)
        self.draft._g2p_save_step(2, {}, {"proof": ("p.pdf", PDF_BYTES)})
        application = self.draft._g2p_submit()
        self.assertEqual(self.partner.given_name, "Amina")
        self.assertEqual(
            application.answers["given_name"], "Amina", "the verified value is what was submitted"
        )
        self.assertEqual(self.partner.family_name, "Lovelace", "mapped, unverified fields are written")

    def test_submit_writes_only_the_mapped_profile_fields(self):
        before = self.partner.read(
            ["name", "is_registrant", "city", "street", "zip", "user_ids", "addl_name"]
        )[0]
        self._fill_draft(self.draft)
        self.draft._g2p_submit()
        self.assertEqual(self.partner.given_name, "Ada")
        self.assertEqual(self.partner.phone, "+221 77 000 00 00")
        self.assertEqual(str(self.partner.birthdate), "1990-05-01")
        after = self.partner.read(
            ["name", "is_registrant", "city", "street", "zip", "user_ids", "addl_name"]
        )[0]
        for key in ("is_registrant", "city", "street", "zip", "user_ids", "addl_name"):
            self.assertEqual(after[key], before[key], key)
        self.assertNotEqual(self.partner.email, "c@example.com", "answers-only fields stay in the answers")

    def test_a_verified_value_the_form_would_refuse_does_not_block_submission(self):
        self.partner.phone = "12"  # too short for a phone field, but verified by the provider
        self.partner._g2p_mark_verified(["phone"], "test-provider")
        self._fill_draft(self.draft)
        application = self.draft._g2p_submit()
        self.assertEqual(application.answers["phone"], "12")
        self.assertEqual(self.partner.phone, "12")

    def test_a_verified_full_name_locks_the_name_parts(self):
        # An ID provider verifies "name" (the full name); the form maps its parts. Writing a
        # part recomposes the name, so the parts are locked as on the profile page.
        self.partner._g2p_mark_verified(["name"], "test-provider")
        self.assertTrue({"given_name", "family_name"} <= self.draft._g2p_locked())
        self._fill_draft(self.draft)
        application = self.draft._g2p_submit()
        self.assertEqual(self.partner.name, "Amina Diallo")
        self.assertEqual(self.partner.given_name, "Amina")
        self.assertEqual(application.answers["given_name"], "Amina")
        self.assertEqual(application.answers["family_name"], "Diallo")
