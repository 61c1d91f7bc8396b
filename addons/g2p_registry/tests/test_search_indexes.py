# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from ..models.search_indexes import TRIGRAM_COLUMNS
from .common import G2PRegistryCase


@tagged("post_install", "-at_install")
class TestSearchIndexes(G2PRegistryCase):
    """Registrant searches are served by trigram indexes the module creates."""

    def test_trigram_indexes_exist(self):
        self.env.cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        self.assertTrue(self.env.cr.fetchone(), "pg_trgm was not created")
        for table, columns in TRIGRAM_COLUMNS.items():
            for column in columns:
                self.env.cr.execute(
                    "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s",
                    (table, f"{table}_{column}_g2p_trgm"),
                )
                row = self.env.cr.fetchone()
                self.assertTrue(row, f"{table}.{column}")
                self.assertIn("gin_trgm_ops", row[0])

    def test_phone_search_finds_either_phone(self):
        by_partner = self._individual("Pat", "Phone", phone="+232 76 555 0101")
        by_number = self._individual("Nia", "Number")
        self.env["g2p.phone.number"].create({"partner_id": by_number.id, "phone_no": "+232 77 555 0202"})
        other = self._individual("Oto", "Other", phone="+232 78 999 0303")
        found = self.Partner.search([("g2p_phone_search", "ilike", "555 0")])
        self.assertIn(by_partner, found)
        self.assertIn(by_number, found)
        self.assertNotIn(other, found)
        self.assertEqual(self.Partner.search([("g2p_phone_search", "ilike", "76 555 0101")]), by_partner)
        # Other operators keep the plain meaning.
        self.assertIn(by_number, self.Partner.search([("g2p_phone_search", "=like", "+232 77%")]))

    def test_search_view_uses_the_union(self):
        arch = self.env.ref("g2p_registry.view_individual_search").arch_db
        self.assertIn("g2p_phone_search", arch)
