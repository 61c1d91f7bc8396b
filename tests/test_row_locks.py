"""Row locks go through one named helper, ``g2p_registry.tools.lock_rows``."""

import re
from pathlib import Path

from odoo.tests import BaseCase

ROOT = Path(__file__).resolve().parent.parent
HELPER = ROOT / "addons" / "g2p_registry" / "tools" / "locks.py"
# A no-op update (SET x = x) or a locking read, written by hand.
AD_HOC_LOCK = re.compile(
    r"UPDATE\s+\w+\s+SET\s+(\w+)\s*=\s*\1\b|FOR\s+(NO\s+KEY\s+)?UPDATE|FOR\s+SHARE", re.I
)


def ad_hoc_locks(paths):
    return [
        f"{path.relative_to(ROOT)}:{number}"
        for path in paths
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if AD_HOC_LOCK.search(line)
    ]


class TestRowLocks(BaseCase):
    def test_no_ad_hoc_row_lock_outside_the_helper(self):
        modules = [*ROOT.glob("addons/*/__manifest__.py"), *ROOT.glob("g2p_*/__manifest__.py")]
        sources = [
            path
            for manifest in modules
            for path in manifest.parent.glob("**/*.py")
            if "tests" not in path.relative_to(manifest.parent).parts and path != HELPER
        ]
        self.assertTrue(sources)
        self.assertEqual(ad_hoc_locks(sources), [])

    def test_the_check_recognizes_hand_written_locks(self):
        scratch = Path(self.id().replace(".", "_") + ".py")
        try:
            scratch.write_text(
                'cr.execute("UPDATE res_partner SET id = id WHERE id = %s", [x])\n'
                'cr.execute("SELECT id FROM t WHERE id = 1 FOR UPDATE")\n'
                'cr.execute("UPDATE t SET a = b")\n'
            )
            self.assertEqual(len(ad_hoc_locks([scratch.resolve()])), 2)
        finally:
            scratch.unlink(missing_ok=True)
