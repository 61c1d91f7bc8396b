# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Conventions this module keeps: Odoo's own runner sees every test, files stay small."""

import ast
from pathlib import Path

from odoo.tests import BaseCase

MODULE = Path(__file__).resolve().parents[1]


class TestModuleStructure(BaseCase):
    def test_every_test_module_is_imported_for_odoo_test_runner(self):
        # odoo-bin --test-enable only runs the test modules that tests/__init__.py imports.
        tree = ast.parse((MODULE / "tests" / "__init__.py").read_text())
        imported = {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names
        }
        on_disk = {p.stem for p in (MODULE / "tests").glob("test_*.py")}
        self.assertTrue(on_disk)
        self.assertEqual(on_disk - imported, set())

    def test_python_files_stay_under_400_lines(self):
        long_files = {
            str(p.relative_to(MODULE)): n
            for p in MODULE.rglob("*.py")
            if (n := len(p.read_text().splitlines())) > 400
        }
        self.assertEqual(long_files, {})

    def test_provider_model_keeps_configuration_only(self):
        # The protocol lives in oidc/; the JWKS cache is not module state of the model.
        source = (MODULE / "models" / "auth_oauth_provider.py").read_text()
        for marker in ("_JWKS_CACHE", "client.token_request", "jose.validate_id_token", "ESIGNET_CLAIMS"):
            self.assertNotIn(marker, source)
