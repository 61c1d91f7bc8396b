# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import G2PFormsMixin


@tagged("post_install", "-at_install")
class TestBuilderTour(G2PFormsMixin, HttpCase):
    """The backend form builder in headless Chromium: add a field, see it in the preview."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_forms()
        # A program manager builds forms (start_tour signs in with the login as password).
        new_test_user(
            cls.env,
            login="forms.builder.tour",
            password="forms.builder.tour",
            groups="base.group_user,g2p_registry.group_g2p_program_manager",
        )

    def test_administrator_adds_a_field_and_sees_it_in_the_live_preview(self):
        action = self.env.ref("g2p_portal_forms.action_g2p_portal_form")
        self.start_tour(
            f"/web#action={action.id}&model=g2p.portal.form&view_type=form&id={self.form.id}",
            "g2p_portal_forms_builder",
            login="forms.builder.tour",
            timeout=180,
        )
        field = self.form.field_ids.filtered(lambda f: f.name == "shoe_size")
        self.assertEqual(field.field_type, "number")
        self.assertEqual(field.min_value, "20")
        self.assertIn("shoe_size", self.form.current_version_id._g2p_form_schema().by_name)
