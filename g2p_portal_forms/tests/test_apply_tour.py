# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import G2PFormsMixin


@tagged("post_install", "-at_install")
class TestApplyTour(G2PFormsMixin, HttpCase):
    """Browser journey through the multi-step form in headless Chromium."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_forms()
        cls.tess = cls._registrant("Tess", "Tour")
        cls.env["res.users"].with_context(no_reset_password=True).create(
            {
                "login": "tess.forms.tour",
                "password": "tess.forms.tour",  # start_tour signs in with the login as password
                "partner_id": cls.tess.id,
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )

    def test_registrant_applies_through_a_multi_step_form_with_a_file_an_error_and_a_correction(self):
        self.start_tour(
            f"/my/programs/{self.program.id}/apply?debug=tests",
            "g2p_portal_forms_apply",
            login="tess.forms.tour",
            timeout=180,
        )
        application = self.env["g2p.program.application"].search(
            [("partner_id", "=", self.tess.id), ("program_id", "=", self.program.id)]
        )
        self.assertEqual(len(application), 1)
        self.assertEqual(application.answers["children"], 2)
        self.assertIs(application.answers["has_pet"], True)
        self.assertEqual(application.answers["pet_name"], "Rex")
        self.assertEqual(application.document_ids.attachment_id.name, "tour-proof.pdf")
        self.assertEqual(str(self.tess.birthdate), "1990-05-01")
        draft = self.env["g2p.portal.form.draft"].search([("application_id", "=", application.id)])
        self.assertEqual(draft.state, "submitted")


@tagged("post_install", "-at_install")
class TestApplyTourOnAPhone(TestApplyTour):
    """The same journey on a 360 px wide phone screen (emulated by the test support)."""

    browser_size = "360x740"
    touch_enabled = True
