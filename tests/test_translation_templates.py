"""Each module's i18n/<module>.pot holds every translatable term the module has now."""

import io
from pathlib import Path

import polib

from odoo.tests import TransactionCase
from odoo.tools.translate import trans_export

ROOT = Path(__file__).resolve().parent.parent


def _msgids(pot_text):
    return {entry.msgid for entry in polib.pofile(pot_text) if entry.msgid}


class TestTranslationTemplates(TransactionCase):
    def test_committed_templates_contain_every_current_term(self):
        modules = self.env["ir.module.module"].search(
            [("state", "=", "installed"), ("name", "=like", "g2p\\_%")]
        )
        self.assertTrue(modules, "no module of the suite is installed")
        problems = []
        for module in modules:
            pot = next(ROOT.glob(f"*{module.name}/i18n/{module.name}.pot"), None) or next(
                ROOT.glob(f"addons/{module.name}/i18n/{module.name}.pot"), None
            )
            if pot is None:
                problems.append(f"{module.name} has no i18n/{module.name}.pot")
                continue
            buffer = io.BytesIO()
            trans_export(False, [module.name], buffer, "po", self.env.cr)
            missing = _msgids(buffer.getvalue().decode()) - _msgids(pot.read_text())
            if missing:
                problems.append(
                    f"{pot.relative_to(ROOT)} is out of date (run setup/pot); missing {sorted(missing)[:3]}"
                )
        self.assertFalse(problems)
