# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Guards that only direct reads or late re-posts exercise (the pages check ownership too)."""

import json

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import PASSWORD, G2PPortalDataMixin, G2PPortalHttpMixin


@tagged("post_install", "-at_install")
class TestGuardedClaims(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.head = cls._registrant("Hawa", "Head", login="claims.head@example.com")
        cls.member = cls._registrant("Moussa", "Member", login="claims.member@example.com")
        cls.former = cls._registrant("Fatou", "Former", login="claims.former@example.com")
        cls.household = cls.env["res.partner"].create(
            {"name": "Claims Household", "is_registrant": True, "is_group": True}
        )
        head_kind = cls.env.ref("g2p_registry.group_membership_kind_head")
        Membership = cls.env["g2p.group.membership"]
        yesterday = fields.Date.add(fields.Date.today(), days=-1)
        Membership.create(
            {"group": cls.household.id, "individual": cls.head.id, "kind": [(6, 0, head_kind.ids)]}
        )
        Membership.create({"group": cls.household.id, "individual": cls.member.id})
        Membership.create(
            {
                "group": cls.household.id,
                "individual": cls.former.id,
                "kind": [(6, 0, head_kind.ids)],
                "start_date": fields.Date.add(yesterday, days=-30),
                "ended_date": yesterday,
            }
        )
        cls.family_program = cls._program("Claims Family", target_type="group")
        cls.household_application = cls._apply(cls.family_program, cls.household)

    def _read_over_jsonrpc(self, login, ids):
        self.authenticate(login, PASSWORD)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": "g2p.program.application",
                "method": "search_read",
                "args": [[("id", "in", ids)], ["name"]],
                "kwargs": {},
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw", data=json.dumps(payload), headers={"Content-Type": "application/json"}
        )
        return response.json()["result"]

    def test_only_the_current_head_reads_the_households_applications(self):
        application = self.household_application
        ids = application.ids
        head = self.head.user_ids
        self.assertEqual(
            self.env["g2p.program.application"].with_user(head).search([("id", "in", ids)]), application
        )
        self.assertEqual(len(self._read_over_jsonrpc("claims.head@example.com", ids)), 1)
        # A member who is not the head, and a head whose term ended, read nothing.
        for partner in (self.member, self.former):
            user = partner.user_ids
            Application = self.env["g2p.program.application"].with_user(user)
            self.assertFalse(Application.search([("id", "in", ids)]), partner.name)
            with self.assertRaises(AccessError):
                application.with_user(user).read(["name"])
            self.assertEqual(self._read_over_jsonrpc(user.login, ids), [], partner.name)

    def test_a_key_already_submitted_leads_to_its_application_once_decided(self):
        program = self._program("Claims Cash")
        self.authenticate("claims.member@example.com", PASSWORD)
        url = f"/my/programs/{program.id}/apply"
        key = "claims-key-decided"
        first = self._post(url, {"submission_key": key}, csrf_url=url, allow_redirects=False)
        self.assertEqual(first.status_code, 303)
        application = self.env["g2p.program.application"].search([("submission_key", "=", key)])
        self.assertEqual(application.partner_id, self.member)
        application.action_reject("Not eligible")
        # The same form posted again (a refresh, a late double click): its application,
        # not the refusal a new application to this program would get.
        again = self._post(url, {"submission_key": key}, csrf_url="/my/profile", allow_redirects=False)
        self.assertEqual(again.status_code, 303)
        self.assertTrue(again.headers["Location"].endswith(f"/my/applications/{application.id}"))
        self.assertEqual(
            self.env["g2p.program.application"].search_count([("program_id", "=", program.id)]), 1
        )
