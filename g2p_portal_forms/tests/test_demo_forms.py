# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import CSRF_RE, PDF_BYTES

DEMO_PROGRAMS = (
    "g2p_programs.demo_program_cash_transfer",
    "g2p_programs.demo_program_medical",
    "g2p_programs.demo_program_school_stipend",
    "g2p_programs.demo_program_food_support",
)


@tagged("post_install", "-at_install")
class TestDemoForms(HttpCase):
    """The demo programs apply through their forms (as with setup/run)."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("g2p_portal_forms.demo_form_school_stipend", raise_if_not_found=False):
            self.skipTest("demo data not installed")

    def test_each_demo_program_has_a_mapped_form_and_one_is_multi_step_with_files(self):
        multi_step_with_file = False
        for xmlid in DEMO_PROGRAMS:
            program = self.env.ref(xmlid)
            version = program.portal_form_id.current_version_id
            self.assertTrue(version, f"{xmlid} has no mapped form")
            steps = version.schema["steps"]
            has_file = any(f["type"] == "file" for step in steps for f in step["fields"])
            multi_step_with_file |= len(steps) > 1 and has_file
        self.assertTrue(multi_step_with_file)

    def test_demo_registrant_applies_to_school_stipend_with_both_documents(self):
        program = self.env.ref("g2p_programs.demo_program_school_stipend")
        amina = self.env.ref("g2p_registry.demo_registrant_amina")
        url = f"/my/programs/{program.id}/apply"
        self.authenticate("registrant@example.com", "registrant")

        def post(step, action, data, files=None):
            page = self.url_open(url, timeout=60)
            self.assertEqual(page.status_code, 200)
            payload = dict(
                data, csrf_token=CSRF_RE.search(page.text).group(1), g2p_step=str(step), g2p_action=action
            )
            return self.url_open(url, data=payload, files=files, timeout=60, allow_redirects=False)

        first = self.url_open(url, timeout=60)
        self.assertIn("Step 1 of 2", first.text)
        response = post(
            0,
            "next",
            {
                "child_name": "Fatou Diallo",
                "child_birthdate": "2014-02-03",
                "school_name": "Ecole de Dakar",
                "grade": "6",
                "distance_km": "2,5",
            },
        )
        self.assertEqual(response.status_code, 303)
        response = post(
            1,
            "submit",
            {},
            files={
                "birth_certificate": ("birth.pdf", PDF_BYTES, "application/pdf"),
                "school_letter": ("letter.pdf", PDF_BYTES, "application/pdf"),
            },
        )
        self.assertEqual(response.status_code, 303, response.text[:2000])
        application = self.env["g2p.program.application"].search(
            [("partner_id", "=", amina.id), ("program_id", "=", program.id)]
        )
        self.assertEqual(len(application), 1)
        self.assertEqual(application.answers["distance_km"], 2.5)
        self.assertEqual(
            set(application.document_ids.document_type_id.mapped("code")),
            set(program.required_document_type_ids.mapped("code")),
        )

    def test_demo_household_head_sees_the_household_form(self):
        program = self.env.ref("g2p_programs.demo_program_food_support")
        # The demo household already applied: let it apply again.
        program.allow_multiple_applications = True
        household = self.env.ref("g2p_registry.demo_household_mensah")
        open_ones = program.application_ids.filtered(
            lambda a: a.partner_id == household and a.state in ("submitted", "under_review", "approved")
        )
        open_ones.action_close()
        self.authenticate("kofi@example.com", "registrant")
        response = self.url_open(f"/my/programs/{program.id}/apply", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Household Food Support application", response.text)
        self.assertIn("g2p_field_food_needs", response.text)
