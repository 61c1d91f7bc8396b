# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from pathlib import Path

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import G2PFormsMixin

CASES = (Path(__file__).parent / "condition_cases.json").read_text()


@tagged("post_install", "-at_install")
class TestBuilderJourney(G2PFormsMixin, HttpCase):
    """From an empty form to an application: build (with a refused configuration on the
    way), publish the program, and a registrant applies through the form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proof_type = cls.env["g2p.document.type"].create(
            {"name": "Journey Proof", "code": "JOURNEY_PROOF"}
        )
        cls.form = cls.env["g2p.portal.form"].create({"name": "Journey form"})
        cls.program = cls.env["g2p.program"].create(
            {
                "name": "Journey Program",
                "portal_form_id": cls.form.id,
                "required_document_type_ids": [Command.set(cls.proof_type.ids)],
            }
        )
        new_test_user(
            cls.env,
            login="journey.builder",
            password="journey.builder",
            groups="base.group_user,g2p_registry.group_g2p_program_manager",
        )
        cls.jo = cls._registrant("Jo", "Journey")
        cls.env["res.users"].with_context(no_reset_password=True).create(
            {
                "login": "jo.journey",
                "password": "jo.journey",
                "partner_id": cls.jo.id,
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )

    def test_build_publish_and_apply(self):
        forms = self.env.ref("g2p_portal_forms.action_g2p_portal_form")
        self.start_tour(
            f"/web#action={forms.id}&model=g2p.portal.form&view_type=form&id={self.form.id}",
            "g2p_portal_forms_builder_journey",
            login="journey.builder",
            timeout=240,
        )
        count = self.form.field_ids.filtered(lambda f: f.name == "children_count")
        self.assertEqual(count.visible_if_field_id.name, "has_children")
        self.assertEqual(count.visible_if_value, "yes")
        self.assertEqual([len(s["fields"]) for s in self.form.current_version_id.schema["steps"]], [2, 2])
        self.assertEqual(self.program.publication_state, "draft")
        self.start_tour(
            f"/web#model=g2p.program&view_type=form&id={self.program.id}",
            "g2p_portal_forms_publish_program",
            login="journey.builder",
            timeout=120,
        )
        self.assertEqual(self.program.publication_state, "published")
        self.start_tour(
            # debug=tests: the registrant layout then loads the tour runner.
            f"/my/programs/{self.program.id}/apply?debug=tests",
            "g2p_portal_forms_apply_journey",
            login="jo.journey",
            timeout=180,
        )
        application = self.env["g2p.program.application"].search([("partner_id", "=", self.jo.id)])
        self.assertEqual(len(application), 1)
        self.assertIs(application.answers["has_children"], True)
        self.assertEqual(application.answers["children_count"], 2)
        self.assertEqual(
            application.answers["i_confirm_my_answers_are_true"], "I confirm my answers are true"
        )
        self.assertEqual(application.document_ids.document_type_id, self.proof_type)

    def test_browser_conditions_follow_the_shared_cases(self):
        code = f"""
            (async () => {{
                for (let i = 0; i < 300 && !window.g2pFormConditions; i++) {{
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }}
                const {{conditionMatches}} = window.g2pFormConditions;
                const cases = {CASES};
                const wrong = cases.filter(([type, answer, expected, result]) =>
                    conditionMatches(type, answer, expected) !== result);
                if (wrong.length) {{
                    console.error("Conditions differ from the server: " + JSON.stringify(wrong));
                }} else {{
                    console.log("test successful");
                }}
            }})();
        """
        self.assertGreater(len(json.loads(CASES)), 30)
        self.browser_js(
            "/web/login",
            code,
            timeout=120,
        )
