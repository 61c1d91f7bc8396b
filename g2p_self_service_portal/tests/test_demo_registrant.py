# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import unittest

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoRegistrant(HttpCase):
    """The demo registrant signs in with a password and finds the demo story."""

    def setUp(self):
        super().setUp()
        self.user = self.env.ref(
            "g2p_self_service_portal.demo_user_registrant_amina", raise_if_not_found=False
        )
        if not self.user:
            raise unittest.SkipTest("demo data not loaded")

    def test_demo_users_are_linked_to_the_demo_registrants(self):
        self.assertEqual(self.user.partner_id, self.env.ref("g2p_registry.demo_registrant_amina"))
        self.assertTrue(self.user.has_group("base.group_portal"))
        kofi = self.env.ref("g2p_self_service_portal.demo_user_registrant_kofi")
        self.assertEqual(kofi.partner_id, self.env.ref("g2p_registry.demo_registrant_kofi"))

    def test_amina_sees_her_programs_benefits_and_can_apply(self):
        self.authenticate("registrant@example.com", "registrant")
        cash = self.env.ref("g2p_programs.demo_program_cash_transfer")
        school = self.env.ref("g2p_programs.demo_program_school_stipend")
        programs = self.url_open("/my/programs", timeout=60)
        self.assertEqual(programs.status_code, 200)
        self.assertIn(cash.name, programs.text)
        benefits = self.url_open("/my/benefits", timeout=60)
        self.assertEqual(benefits.status_code, 200)
        self.assertIn("g2p_entitlement_code", benefits.text)
        all_programs = self.url_open("/my/programs/all", timeout=60)
        self.assertIn(f'href="/my/programs/{school.id}/apply"', all_programs.text)
        applications = self.env["g2p.program.application"].search(
            [("partner_id", "=", self.user.partner_id.id)]
        )
        for application in applications:
            response = self.url_open(f"/my/applications/{application.id}", timeout=60)
            self.assertEqual(response.status_code, 200, application.name)

    def test_kofi_cannot_open_aminas_applications(self):
        self.authenticate("kofi@example.com", "registrant")
        applications = self.env["g2p.program.application"].search(
            [("partner_id", "=", self.user.partner_id.id)]
        )
        self.assertTrue(applications)
        for application in applications:
            response = self.url_open(f"/my/applications/{application.id}/receipt", timeout=60)
            self.assertEqual(response.status_code, 404, application.name)
