#!/usr/bin/env python3
"""Brings the registrant-facing modules' French, Spanish and Arabic translations up to date
with the terms they have now, and lists the terms still to translate.

Usage (from the repository root, with the suite installed in DB, e.g. by setup/test --db DB):

    setup/translations_missing.py DB                      # merge, then list what is missing
    setup/translations_missing.py DB --todo /tmp/todo.json   # also write the missing terms
    setup/translations_missing.py DB --apply /tmp/todo.json  # fill translations from that file
    setup/translations_missing.py DB --check              # list only; exit 1 when any is missing

For each module and language this works like msgmerge: the terms are exported fresh from DB,
every existing translation is kept (a term whose wording only changed in its whitespace, e.g.
a re-indented template, keeps its translation; a term another module of the suite already
translates is reused), terms no longer used stay in the file as obsolete entries (Odoo ignores
them) so their translations are not lost, and i18n/<lang>.po is rewritten.

The --todo file lists, per module, each untranslated term with an empty "fr", "es" and "ar"
(only the languages that lack it); fill them in and pass the file to --apply. A translation
must keep the term's placeholders (%s, %(name)s, {name}) and markup tags exactly; one that
does not is refused with a message. Run setup/pot first when modules gained new terms: Odoo
loads only the translations of terms present in the module's .pot.
"""

import argparse
import io
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PY = ROOT / ".venv" / "bin" / "python"
if Path(sys.executable) != VENV_PY and VENV_PY.exists() and not os.environ.get("G2P_NO_REEXEC"):
    os.environ["G2P_NO_REEXEC"] = "1"
    os.execv(str(VENV_PY), [str(VENV_PY), __file__, *sys.argv[1:]])

import polib  # noqa: E402  (after the re-exec into the project's virtual environment)

# The modules a registrant sees pages, messages or selection values of, and their languages.
MODULES = (
    "g2p_self_service_portal",
    "g2p_portal_forms",
    "g2p_portal_auth_oidc",
    "g2p_programs",
    "g2p_registry",
)
LANGUAGES = {
    "fr": ("French", "nplurals=2; plural=(n > 1);"),
    "es": ("Spanish", "nplurals=2; plural=(n != 1);"),
    "ar": (
        "Arabic",
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
        ": n%100>=11 ? 4 : 5);",
    ),
}
_PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdfr]|%[sdf]|\{[\w.]*\}")
_TAG = re.compile(r"<[^>]+>")


def module_dir(module):
    for candidate in (ROOT / module, ROOT / "addons" / module):
        if (candidate / "__manifest__.py").exists():
            return candidate
    raise SystemExit(f"no module {module} in {ROOT}")


def normalized(text):
    return " ".join(text.split())


def markers(text):
    """What a translation must keep: placeholders and markup tags (a multiset)."""
    return Counter(_PLACEHOLDER.findall(text) + [normalized(t) for t in _TAG.findall(text)])


def marker_problem(msgid, msgstr):
    if not msgstr or markers(msgid) == markers(msgstr):
        return None
    lost = markers(msgid) - markers(msgstr)
    added = markers(msgstr) - markers(msgid)
    return f"placeholders/tags differ (missing {sorted(lost)}, extra {sorted(added)})"


def po_path(module, lang):
    return module_dir(module) / "i18n" / f"{lang}.po"


def read_po(path):
    return polib.pofile(str(path)) if path.exists() else None


def export_terms(db, modules):
    """The current terms of each module, as Odoo exports them (msgids of a .pot)."""
    import odoo
    from odoo.tools.translate import trans_export

    odoo_src = os.environ.get("ODOO_SRC") or str(Path.home() / ".cache/odoo/17.0")
    addons = [f"{odoo_src}/odoo/addons", str(ROOT / "addons"), str(ROOT)]
    odoo.tools.config.parse_config(
        ["-c", str(ROOT / "odoo.conf"), "--addons-path", ",".join(addons), "-d", db, "--log-level=warn"]
    )
    terms = {}
    with odoo.registry(db).cursor() as cr:
        cr.execute(
            "SELECT name FROM ir_module_module WHERE name IN %s AND (state != 'installed' OR NOT demo)",
            [tuple(modules)],
        )
        for (module,) in cr.fetchall():
            # Terms this database lacks would be set aside as obsolete: use a fresh install.
            print(f"warning: {module} is not installed with its demo data in {db}", file=sys.stderr)
        for module in modules:
            buffer = io.BytesIO()
            trans_export(False, [module], buffer, "po", cr)
            terms[module] = polib.pofile(buffer.getvalue().decode())
    return terms


def memory(lang, modules):
    """Every translation the suite has in a language: exact msgid and whitespace-normalized."""
    exact, loose = {}, {}
    for module in modules:
        po = read_po(po_path(module, lang))
        for entry in po or ():
            if entry.msgstr and not entry.fuzzy:
                exact.setdefault(entry.msgid, entry.msgstr)
                loose.setdefault(normalized(entry.msgid), entry.msgstr)
    return exact, loose


def merge(module, lang, template, own, suite):
    """Rewrites <module>/i18n/<lang>.po from the fresh template; returns the untranslated msgids."""
    path = po_path(module, lang)
    old = read_po(path)
    own_exact, own_loose = own
    suite_exact, suite_loose = suite
    po = polib.POFile(wrapwidth=78)
    po.header = f"Translation of the G2P Self-Service Portal.\n* {module}"
    po.metadata = {
        "Project-Id-Version": "Odoo Server 17.0",
        "Report-Msgid-Bugs-To": "",
        "Last-Translator": "",
        "Language-Team": LANGUAGES[lang][0],
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "",
        "Plural-Forms": LANGUAGES[lang][1],
    }
    missing = []
    current = set()
    for source in template:
        if not source.msgid:
            continue
        current.add(source.msgid)
        msgstr = (
            own_exact.get(source.msgid)
            or own_loose.get(normalized(source.msgid))
            or suite_exact.get(source.msgid)
            or suite_loose.get(normalized(source.msgid))
            or ""
        )
        if marker_problem(source.msgid, msgstr):
            msgstr = ""
        entry = polib.POEntry(
            msgid=source.msgid,
            msgstr=msgstr,
            comment=source.comment,
            occurrences=source.occurrences,
            flags=[f for f in source.flags if f != "fuzzy"],
        )
        po.append(entry)
        if not msgstr:
            missing.append(source.msgid)
    for entry in old or ():
        if entry.msgid and entry.msgid not in current and entry.msgstr:
            po.append(polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr, obsolete=True))
    path.parent.mkdir(exist_ok=True)
    po.save(str(path))
    return missing


def apply(todo_file, modules):
    """Writes the translations filled in a --todo file into the modules' .po files."""
    todo = json.loads(Path(todo_file).read_text())
    problems = []
    for module, items in todo.items():
        if module not in modules:
            continue
        for lang in LANGUAGES:
            path = po_path(module, lang)
            po = read_po(path)
            if po is None:
                continue
            by_id = {e.msgid: e for e in po}
            by_loose = {normalized(e.msgid): e for e in po}
            changed = False
            for item in items:
                text = (item.get(lang) or "").strip("\n")
                if not text:
                    continue
                entry = by_id.get(item["msgid"]) or by_loose.get(normalized(item["msgid"]))
                if entry is None:
                    # A term this database does not have yet (e.g. from a branch not merged):
                    # kept as an obsolete entry, which the next merge reuses when it appears.
                    entry = polib.POEntry(msgid=item["msgid"], obsolete=True)
                    po.append(entry)
                    by_id[entry.msgid] = by_loose[normalized(entry.msgid)] = entry
                problem = marker_problem(entry.msgid, text)
                if problem:
                    problems.append(f"{module} {lang} {entry.msgid!r}: {problem}")
                    continue
                entry.msgstr = text
                changed = True
            if changed:
                po.save(str(path))
    return problems


def merge_all(modules, templates):
    """Merges every module's .po of every language; yields (lang, module, translated, missing)."""
    results = []
    for lang in LANGUAGES:
        suite = memory(lang, MODULES)
        for module in modules:
            missing = merge(module, lang, templates[module], memory(lang, [module]), suite)
            translated = len([e for e in templates[module] if e.msgid]) - len(missing)
            results.append((lang, module, translated, missing))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="a database where the suite is installed")
    parser.add_argument("--modules", default=",".join(MODULES))
    parser.add_argument("--todo", help="write the untranslated terms to this JSON file")
    parser.add_argument("--apply", help="fill translations from this (filled --todo) JSON file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a term is missing")
    parser.add_argument("--show", type=int, default=5, help="missing terms shown per file")
    args = parser.parse_args()
    modules = [m for m in args.modules.split(",") if m]
    os.chdir(ROOT)

    templates = export_terms(args.db, modules)
    if args.apply:
        merge_all(modules, templates)  # the new terms first, so that they can be filled
        for problem in apply(args.apply, modules):
            print(f"refused: {problem}", file=sys.stderr)
    todo, total = {}, 0
    for lang, module, translated, missing in merge_all(modules, templates):
        print(f"{module:<26} {lang}: {translated} translated, {len(missing)} missing")
        for msgid in missing[: args.show]:
            print(f"    {normalized(msgid)[:100]!r}")
        for msgid in missing:
            item = next((i for i in todo.setdefault(module, []) if i["msgid"] == msgid), None)
            if item is None:
                item = {"msgid": msgid}
                todo[module].append(item)
            item[lang] = ""
        total += len(missing)
    if args.todo:
        Path(args.todo).write_text(json.dumps(todo, ensure_ascii=False, indent=1) + "\n")
        print(f"wrote {sum(len(v) for v in todo.values())} terms to translate into {args.todo}")
    print(f"{total} translations missing")
    if args.check and total:
        sys.exit(1)


if __name__ == "__main__":
    main()
