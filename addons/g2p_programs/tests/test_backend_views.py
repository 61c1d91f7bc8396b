# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import G2PProgramsCase

MODELS = [
    "g2p.document.type",
    "g2p.program",
    "g2p.program_membership",
    "g2p.program.application",
    "g2p.program.application.document",
    "g2p.cycle",
    "g2p.entitlement",
    "g2p.payment",
]


class TestBackendViews(G2PProgramsCase):
    def test_views_load_for_each_group(self):
        for group in (
            "g2p_registry.group_g2p_registry_viewer",
            "g2p_registry.group_g2p_registry_officer",
            "g2p_registry.group_g2p_program_manager",
        ):
            user = self._user(group.split(".")[1] + "_views", group)
            for model in MODELS:
                if model == "g2p.program.application.document" and "viewer" in group:
                    continue
                with self.subTest(group=group, model=model):
                    views = (
                        self.env[model]
                        .with_user(user)
                        .get_views([(False, "tree"), (False, "form"), (False, "search")])
                    )
                    self.assertIn("form", views["views"])

    def test_manager_sees_transition_buttons_officer_does_not_see_approval(self):
        manager = self._user("views_manager", "g2p_registry.group_g2p_program_manager")
        officer = self._user("views_officer", "g2p_registry.group_g2p_registry_officer")
        arch_manager = self.Application.with_user(manager).get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        arch_officer = self.Application.with_user(officer).get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        for button in (
            "action_review",
            "action_approve",
            "action_open_reject_wizard",
            "action_complete",
            "action_close",
        ):
            self.assertIn(f'name="{button}"', arch_manager)
        self.assertIn('name="action_review"', arch_officer)
        self.assertNotIn('name="action_approve"', arch_officer)

    def test_viewer_application_form_hides_documents(self):
        viewer = self._user("views_viewer", "g2p_registry.group_g2p_registry_viewer")
        arch = self.Application.with_user(viewer).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn('name="document_ids"', arch)
        self.assertNotIn('name="action_open_documents"', arch)
        application = self._apply().with_user(viewer)
        self.assertEqual(application.read(["name", "state"])[0]["state"], "submitted")

    def test_menus_are_under_the_registry_root(self):
        root = self.env.ref("g2p_registry.menu_g2p_root")
        programs = self.env.ref("g2p_programs.menu_g2p_programs")
        self.assertEqual(programs.parent_id, root)
        names = set(programs.child_id.mapped("name"))
        self.assertLessEqual({"Programs", "Applications", "Cycles", "Entitlements", "Payments"}, names)
        doc_types = self.env.ref("g2p_programs.menu_g2p_document_type")
        self.assertEqual(doc_types.parent_id, self.env.ref("g2p_registry.menu_g2p_configuration"))
