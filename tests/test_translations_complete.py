"""Every registrant-facing term has a French, Spanish and Arabic translation.

For each registrant-facing module (portal, forms, ID sign-in, and the foundation modules
whose selection values and messages registrants see) and each language, every term the
module has now (exported from the test database as setup/pot does) must have a non-empty
translation in the module's i18n/<lang>.po, keeping the term's placeholders and markup.
setup/translations_missing.py DB merges new terms into the .po files and lists the gaps.
"""

import io
import re
from collections import Counter
from pathlib import Path

import polib

from odoo.tests import TransactionCase
from odoo.tools.translate import trans_export

ROOT = Path(__file__).resolve().parent.parent
MODULES = (
    "g2p_self_service_portal",
    "g2p_portal_forms",
    "g2p_portal_auth_oidc",
    "g2p_programs",
    "g2p_registry",
)
LANGUAGES = ("fr", "es", "ar")
_PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdfr]|%[sdf]|\{[\w.]*\}")
_TAG = re.compile(r"<[^>]+>")


def _markers(text):
    tags = [" ".join(tag.split()) for tag in _TAG.findall(text)]
    return Counter(_PLACEHOLDER.findall(text) + tags)


def _po_path(module, lang):
    for base in (ROOT / module, ROOT / "addons" / module):
        if (base / "__manifest__.py").exists():
            return base / "i18n" / f"{lang}.po"
    raise AssertionError(f"no module {module} in {ROOT}")


def _translations(po_text):
    """msgid -> msgstr of the current (not obsolete) entries that have a translation."""
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(po_text)
        if entry.msgid and entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }


def _missing(terms, po_text):
    translated = _translations(po_text)
    return [msgid for msgid in terms if msgid not in translated]


def _broken(terms, po_text):
    translated = _translations(po_text)
    return [
        msgid for msgid in terms if msgid in translated and _markers(msgid) != _markers(translated[msgid])
    ]


def _short(msgid):
    return " ".join(msgid.split())[:80]


class TestTranslationsComplete(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.terms = {}
        for module in MODULES:
            buffer = io.BytesIO()
            trans_export(False, [module], buffer, "po", cls.env.cr)
            cls.terms[module] = [e.msgid for e in polib.pofile(buffer.getvalue().decode()) if e.msgid]

    def _po_text(self, module, lang):
        path = _po_path(module, lang)
        self.assertTrue(path.exists(), f"{path.relative_to(ROOT)} is missing")
        return path.read_text(encoding="utf-8")

    def test_modules_are_installed_and_have_terms(self):
        installed = self.env["ir.module.module"].search(
            [("name", "in", MODULES), ("state", "=", "installed")]
        )
        self.assertEqual(sorted(installed.mapped("name")), sorted(MODULES))
        for module in MODULES:
            self.assertTrue(self.terms[module], f"{module} exports no term")

    def test_every_term_is_translated_in_french_spanish_and_arabic(self):
        problems = []
        for module in MODULES:
            for lang in LANGUAGES:
                missing = _missing(self.terms[module], self._po_text(module, lang))
                if missing:
                    problems.append(
                        f"{module} {lang}.po lacks {len(missing)} of {len(self.terms[module])} "
                        f"translations, first {[_short(m) for m in missing[:5]]}"
                    )
        self.assertFalse(
            problems,
            "untranslated terms (run setup/translations_missing.py DB --todo FILE):\n" + "\n".join(problems),
        )

    def test_translations_keep_placeholders_and_markup(self):
        problems = []
        for module in MODULES:
            for lang in LANGUAGES:
                for msgid in _broken(self.terms[module], self._po_text(module, lang)):
                    problems.append(f"{module} {lang}.po: {_short(msgid)!r}")
        self.assertFalse(problems, "translations changing placeholders or tags:\n" + "\n".join(problems))

    def test_a_term_without_translation_is_reported(self):
        """The check fails when a translation is removed, blanked or loses a placeholder."""
        module, lang = "g2p_portal_forms", "ar"
        po = polib.pofile(self._po_text(module, lang))
        translated = _translations(po.__unicode__())
        terms = [msgid for msgid in self.terms[module] if msgid in translated]
        self.assertEqual(_missing(terms, po.__unicode__()), [])
        with_placeholder = next(m for m in terms if "%(" in m)
        target = next(e for e in po if e.msgid == with_placeholder)
        target.msgstr = re.sub(r"%\([^)]+\)s", "", target.msgstr)
        self.assertEqual(_broken(terms, po.__unicode__()), [with_placeholder])
        target.msgstr = ""
        self.assertEqual(_missing(terms, po.__unicode__()), [with_placeholder])
        po.remove(target)
        self.assertEqual(_missing(terms, po.__unicode__()), [with_placeholder])
