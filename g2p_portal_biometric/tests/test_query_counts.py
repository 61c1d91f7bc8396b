# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import Command
from odoo.tests import tagged

from .common import OFFICER, BiometricCase


@tagged("post_install", "-at_install")
class TestOfficerRoutesQueryCount(BiometricCase):
    """Finding people costs the same number of queries for one result as for many."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ssn = cls.env.ref("g2p_registry.id_type_ssn")
        for index in range(8):
            cls.env["res.partner"].create(
                {
                    "is_registrant": True,
                    "given_name": "Manyqueries",
                    "family_name": f"Person{index}",
                    "reg_ids": [
                        Command.create({"id_type": cls.national_id.id, "value": f"77{index:08d}"}),
                        Command.create({"id_type": ssn.id, "value": f"88{index:08d}"}),
                    ],
                    "phone_number_ids": [Command.create({"phone_no": f"+22170000{index:04d}"})],
                }
            )
        cls.env["res.partner"].create(
            {
                "is_registrant": True,
                "given_name": "Singlequery",
                "family_name": "Person",
                "reg_ids": [Command.create({"id_type": cls.national_id.id, "value": "7699999999"})],
                "phone_number_ids": [Command.create({"phone_no": "+221709999999"})],
            }
        )

    def _count(self, token, name):
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": {"csrf_token": token, "name": name}, "id": 1}
        )
        headers = {"Content-Type": "application/json"}
        for _warm_up in range(2):
            self.url_open("/g2p_biometric/search", data=body, headers=headers)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        response = self.url_open("/g2p_biometric/search", data=body, headers=headers)
        count = self.cr.sql_log_count - before
        return count, response.json()["result"]["registrants"]

    def test_search_query_count_does_not_grow_with_the_results(self):
        self.authenticate(OFFICER, OFFICER)
        token = self.csrf_token()
        one_count, one = self._count(token, "Singlequery")
        many_count, many = self._count(token, "Manyqueries")
        self.assertEqual(len(one), 1)
        self.assertEqual(len(many), 8)
        self.assertEqual(sum(len(r["ids"]) for r in many), 16)
        self.assertEqual(many_count, one_count)
        self.assertLess(many_count, 30)
