# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from .common import G2PRegistryCase


@tagged("post_install", "-at_install")
class TestBackendViews(G2PRegistryCase):
    def _action_views(self, xmlid, user):
        action = self.env.ref(xmlid)
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
        views.append((action.search_view_id.id, "search"))
        return self.env[action.res_model].with_user(user).get_views(views)

    def test_registry_actions_render_their_own_views_for_every_group(self):
        for group in ("viewer", "officer", "admin"):
            xmlid = "g2p_admin" if group == "admin" else f"g2p_registry_{group}"
            user = new_test_user(
                self.env, login=f"views_{group}", groups=f"base.group_user,g2p_registry.group_{xmlid}"
            )
            for action, form in (
                ("g2p_registry.action_individuals", "g2p_registry.view_individual_form"),
                ("g2p_registry.action_groups", "g2p_registry.view_group_form"),
            ):
                with self.subTest(group=group, action=action):
                    result = self._action_views(action, user)
                    self.assertEqual(result["views"]["form"]["id"], self.env.ref(form).id)
                    arch = result["views"]["form"]["arch"]
                    for field in ("reg_ids", "phone_number_ids", "verified_field_ids"):
                        self.assertIn(f'name="{field}"', arch)
                    models = result["models"]
                    self.assertIn("g2p.reg.id", models)
                    self.assertIn("g2p.group.membership", models)

    def test_verify_button_is_shown_to_officers_only(self):
        form = self.env.ref("g2p_registry.g2p_reg_id_view_form")
        viewer = new_test_user(
            self.env,
            login="views_btn_viewer",
            groups="base.group_user,g2p_registry.group_g2p_registry_viewer",
        )
        officer = new_test_user(
            self.env,
            login="views_btn_officer",
            groups="base.group_user,g2p_registry.group_g2p_registry_officer",
        )
        viewer_arch = self.RegId.with_user(viewer).get_view(form.id)["arch"]
        officer_arch = self.RegId.with_user(officer).get_view(form.id)["arch"]
        self.assertNotIn("action_mark_verified", viewer_arch)
        self.assertIn("action_mark_verified", officer_arch)

    def test_configuration_menu_is_for_administrators(self):
        menu = self.env.ref("g2p_registry.menu_g2p_configuration")
        officer = new_test_user(
            self.env, login="menu_officer", groups="base.group_user,g2p_registry.group_g2p_registry_officer"
        )
        admin = new_test_user(
            self.env, login="menu_admin", groups="base.group_user,g2p_registry.group_g2p_admin"
        )
        officer_menus = self.env["ir.ui.menu"].with_user(officer)._visible_menu_ids()
        admin_menus = self.env["ir.ui.menu"].with_user(admin)._visible_menu_ids()
        self.assertNotIn(menu.id, officer_menus)
        self.assertIn(menu.id, admin_menus)
        self.assertIn(self.env.ref("g2p_registry.menu_g2p_individuals").id, officer_menus)
        plain = new_test_user(self.env, login="menu_plain", groups="base.group_user")
        self.assertNotIn(
            self.env.ref("g2p_registry.menu_g2p_root").id,
            self.env["ir.ui.menu"].with_user(plain)._visible_menu_ids(),
        )
