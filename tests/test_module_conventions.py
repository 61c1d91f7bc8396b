"""Every module of the suite follows the project's conventions (OCA layout, licences, docs)."""

import ast
import re
from pathlib import Path

from odoo.tests import BaseCase

ROOT = Path(__file__).resolve().parent.parent
MODULE_DIRS = sorted(
    p.parent for p in [*ROOT.glob("addons/*/__manifest__.py"), *ROOT.glob("g2p_*/__manifest__.py")]
)


def _manifest(module_dir):
    return ast.literal_eval((module_dir / "__manifest__.py").read_text())


class TestModuleConventions(BaseCase):
    def test_suite_has_the_foundation_modules(self):
        names = {p.name for p in MODULE_DIRS}
        self.assertTrue({"g2p_registry", "g2p_programs"} <= names, names)

    def test_manifests_have_version_license_and_explicit_depends(self):
        for module_dir in MODULE_DIRS:
            with self.subTest(module=module_dir.name):
                manifest = _manifest(module_dir)
                self.assertRegex(manifest.get("version", ""), r"^17\.0\.\d+\.\d+\.\d+$")
                self.assertIn(manifest.get("license"), {"LGPL-3", "AGPL-3"})
                self.assertTrue(manifest.get("depends"), "depends must be explicit")
                self.assertTrue(manifest.get("website"))

    def test_each_module_has_readme_and_translation_template(self):
        for module_dir in MODULE_DIRS:
            with self.subTest(module=module_dir.name):
                self.assertTrue((module_dir / "readme" / "DESCRIPTION.md").is_file())
                self.assertTrue((module_dir / "readme" / "USAGE.md").is_file())
                pot = module_dir / "i18n" / f"{module_dir.name}.pot"
                self.assertTrue(pot.is_file(), f"missing {pot}")
                self.assertIn("msgid", pot.read_text())

    def test_every_model_has_access_rules(self):
        model_re = re.compile(r"""^\s*_name\s*=\s*["']([\w.]+)["']""", re.M)
        for module_dir in MODULE_DIRS:
            csv = module_dir / "security" / "ir.model.access.csv"
            declared = set()
            for py in module_dir.glob("**/*.py"):
                if "tests" in py.parts:
                    continue
                text = py.read_text()
                # Abstract and transient models are declared with their own base classes.
                if "models.AbstractModel" in text:
                    continue
                declared |= set(model_re.findall(text))
            if not declared:
                continue
            with self.subTest(module=module_dir.name):
                self.assertTrue(csv.is_file(), f"{module_dir.name} declares models but has no ACL file")
                acl = csv.read_text()
                for model in declared:
                    self.assertIn(
                        "model_" + model.replace(".", "_"), acl, f"no ACL for {model} in {module_dir.name}"
                    )
