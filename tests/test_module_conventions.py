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

    # pytest runs these unittest cases without subTest support: problems are collected instead.
    def test_manifests_have_version_license_and_explicit_depends(self):
        problems = []
        for module_dir in MODULE_DIRS:
            manifest = _manifest(module_dir)
            if not re.fullmatch(r"17\.0\.\d+\.\d+\.\d+", manifest.get("version", "")):
                problems.append(f"{module_dir.name}: version {manifest.get('version')!r}")
            if manifest.get("license") not in {"LGPL-3", "AGPL-3"}:
                problems.append(f"{module_dir.name}: license {manifest.get('license')!r}")
            if not manifest.get("depends"):
                problems.append(f"{module_dir.name}: no explicit depends")
            if not manifest.get("website"):
                problems.append(f"{module_dir.name}: no website")
        self.assertFalse(problems)

    def test_each_module_has_readme_and_translation_template(self):
        problems = []
        for module_dir in MODULE_DIRS:
            for doc in ("DESCRIPTION.md", "USAGE.md"):
                if not (module_dir / "readme" / doc).is_file():
                    problems.append(f"{module_dir.name}: no readme/{doc}")
            pot = module_dir / "i18n" / f"{module_dir.name}.pot"
            if not pot.is_file() or "msgid" not in pot.read_text():
                problems.append(f"{module_dir.name}: no usable i18n/{pot.name}")
        self.assertFalse(problems)

    def test_every_model_has_access_rules(self):
        model_re = re.compile(r"""^\s*_name\s*=\s*["']([\w.]+)["']""", re.M)
        problems = []
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
            acl = csv.read_text() if csv.is_file() else ""
            problems += [
                f"{module_dir.name}: no ACL for {model}"
                for model in sorted(declared)
                if "model_" + model.replace(".", "_") + "," not in acl
            ]
        self.assertFalse(problems)

    def test_each_module_has_oca_readme_fragments_and_current_readme_rst(self):
        """README.rst is generated from readme/ (setup/readme_rst.py), as OCA does."""
        import importlib.util

        spec = importlib.util.spec_from_file_location("readme_rst", ROOT / "setup" / "readme_rst.py")
        readme_rst = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(readme_rst)
        problems = []
        for module_dir in MODULE_DIRS:
            for doc in ("CONTRIBUTORS.md", "HISTORY.md"):
                if not (module_dir / "readme" / doc).is_file():
                    problems.append(f"{module_dir.name}: no readme/{doc}")
            rst = module_dir / "README.rst"
            if not rst.is_file() or rst.read_text() != readme_rst.render(module_dir):
                problems.append(f"{module_dir.name}: README.rst missing or out of date")
        self.assertFalse(problems, "run setup/readme_rst.py")

    def test_python_files_carry_the_licence_header_and_stay_small(self):
        """OCA's copyright and licence header on every module file; no file over 400 lines."""
        header = "# Copyright 2026 G2P Self-Service Portal contributors\n# License LGPL-3.0 or later"
        problems = []
        for module_dir in MODULE_DIRS:
            for py in module_dir.glob("**/*.py"):
                text = py.read_text()
                if text.strip() and not text.lstrip("#!").startswith(header) and header not in text[:300]:
                    problems.append(f"{py.relative_to(ROOT)}: no licence header")
        for py in ROOT.glob("**/*.py"):
            if {".venv", "node_modules", ".state"} & set(py.relative_to(ROOT).parts):
                continue
            if (lines := py.read_text().count("\n")) > 400:
                problems.append(f"{py.relative_to(ROOT)}: {lines} lines")
        self.assertFalse(problems)
