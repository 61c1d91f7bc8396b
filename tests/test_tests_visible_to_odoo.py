"""Odoo's own test runner (``odoo-bin --test-enable``, OCA CI) sees every module's tests.

It imports a module's ``tests`` package and runs what that package imports: a test file
missing from ``tests/__init__.py`` runs under pytest-odoo only.
"""

import ast
from pathlib import Path

from odoo.tests import BaseCase

ROOT = Path(__file__).resolve().parent.parent
MODULE_DIRS = sorted(
    p.parent for p in [*ROOT.glob("addons/*/__manifest__.py"), *ROOT.glob("g2p_*/__manifest__.py")]
)


def imported_test_modules(init_file):
    """Names of the sibling modules that ``tests/__init__.py`` imports (``from . import x``)."""
    names = set()
    for node in ast.walk(ast.parse(init_file.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and not node.module:
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            names.add(node.module.split(".")[0])
    return names


class TestTestsVisibleToOdoo(BaseCase):
    def test_every_test_file_of_every_module_is_imported_by_its_tests_package(self):
        problems = []
        for module_dir in MODULE_DIRS:
            tests_dir = module_dir / "tests"
            files = sorted(p.stem for p in tests_dir.glob("test_*.py"))
            if not files:
                continue
            init_file = tests_dir / "__init__.py"
            imported = imported_test_modules(init_file) if init_file.is_file() else set()
            problems += [f"{module_dir.name}/tests/{name}.py" for name in files if name not in imported]
        self.assertFalse(problems, "test files Odoo's runner does not see")

    def test_the_check_reads_imports_as_odoo_does(self):
        # A tests package importing nothing hides all its files (the case this guards).
        scratch = Path(self.id().replace(".", "_"))
        try:
            scratch.write_text("from . import test_a\nfrom .test_b import Case\n")
            self.assertEqual(imported_test_modules(scratch), {"test_a", "test_b"})
            scratch.write_text('"""Nothing imported."""\n')
            self.assertEqual(imported_test_modules(scratch), set())
        finally:
            scratch.unlink(missing_ok=True)
