# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import PASSWORD, G2PFormsMixin


@tagged("post_install", "-at_install")
class TestApplyPageQueryCount(G2PFormsMixin, HttpCase):
    """The apply page issues the same number of queries for a 1-field and a 60-field form:
    it reads the stored schema, never the form's field records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        small = cls.env["g2p.portal.form"].create(
            {"name": "Small", "field_ids": [Command.create({"name": "only", "label": "Only"})]}
        )
        big_fields = []
        for index in range(30):
            big_fields.append(
                Command.create({"name": f"text_{index}", "label": f"Text {index}", "sequence": index})
            )
            big_fields.append(
                Command.create(
                    {
                        "name": f"choice_{index}",
                        "label": f"Choice {index}",
                        "field_type": "selection",
                        "sequence": 100 + index,
                        "option_ids": [Command.create({"value": v, "label": v}) for v in ("a", "b", "c")],
                    }
                )
            )
        big_fields.append(
            Command.create(
                {"name": "given_name", "label": "Given", "storage": "profile", "profile_field": "given_name"}
            )
        )
        big = cls.env["g2p.portal.form"].create({"name": "Big", "field_ids": big_fields})
        cls.small_program = cls.env["g2p.program"].create(
            {"name": "Counts small", "portal_form_id": small.id, "publication_state": "published"}
        )
        cls.big_program = cls.env["g2p.program"].create(
            {"name": "Counts big", "portal_form_id": big.id, "publication_state": "published"}
        )
        cls._registrant("Quinn", "Counts", login="quinn.forms.counts@example.com")

    def _count(self, program):
        url = f"/my/programs/{program.id}/apply"
        for _warm_up in range(2):
            self.assertEqual(self.url_open(url, timeout=60).status_code, 200)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        response = self.url_open(url, timeout=60)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before, response

    def test_apply_page_query_count_does_not_grow_with_the_form(self):
        self.authenticate("quinn.forms.counts@example.com", PASSWORD)
        small_count, _small = self._count(self.small_program)
        big_count, big = self._count(self.big_program)
        self.assertIn("g2p_field_choice_29", big.text)
        self.assertEqual(big_count, small_count)
        self.assertLess(big_count, 60)
