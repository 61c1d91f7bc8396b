# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Workflow fields cannot be forged over RPC, whatever the caller puts in the context."""

import json
import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged

GROUPS = {
    "viewer": "base.group_user,g2p_registry.group_g2p_registry_viewer",
    "officer": "base.group_user,g2p_registry.group_g2p_registry_officer",
    "manager": "base.group_user,g2p_registry.group_g2p_program_manager",
    "administrator": "base.group_user,g2p_registry.group_g2p_admin",
    "portal": "base.group_portal",
}
# The context key of the former guard, the mixin's key, with the values a caller can send.
FORGED_CONTEXTS = (
    {"g2p_transition": True},
    {"g2p_workflow_transition": True},
    {"g2p_workflow_transition": 1, "g2p_workflow_audit_unlink": True},
)


@tagged("post_install", "-at_install")
class TestWorkflowForgeryOverRpc(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        program = env["g2p.program"].create(
            {"name": "Forgery Cash", "entitlement_amount": 10.0, "publication_state": "published"}
        )
        person = env["res.partner"].create({"name": "Forgery Person", "is_registrant": True})
        other = env["res.partner"].create({"name": "Forgery Other", "is_registrant": True})
        membership = env["g2p.program_membership"].create({"partner_id": person.id, "program_id": program.id})
        membership.action_enroll()
        cycle = env["g2p.cycle"].create({"name": "Forgery Cycle", "program_id": program.id})
        entitlement = env["g2p.entitlement"].create(
            {"cycle_id": cycle.id, "partner_id": person.id, "initial_amount": 10.0}
        )
        entitlement.action_submit()
        cls.records = {
            "g2p.program.application": (
                env["g2p.program.application"].create({"program_id": program.id, "partner_id": person.id}),
                {"state": "approved"},
            ),
            "g2p.entitlement": (entitlement, {"state": "approved", "code": "ENT-FORGED"}),
            "g2p.cycle": (cycle, {"state": "approved"}),
            "g2p.program_membership": (
                env["g2p.program_membership"].create({"partner_id": other.id, "program_id": program.id}),
                {"state": "enrolled"},
            ),
        }
        cls.users = {
            name: new_test_user(
                env, login=f"forgery_{name}", groups=groups, email=f"forgery_{name}@example.com"
            )
            for name, groups in GROUPS.items()
        }

    def _snapshot(self):
        snapshot = {}
        for model, (record, vals) in self.records.items():
            record = record.sudo()
            record.invalidate_recordset()
            snapshot[model] = {name: record[name] for name in vals}
        application = self.records["g2p.program.application"][0].sudo()
        application.invalidate_recordset()
        snapshot["history"] = application.status_history_ids.ids
        return snapshot

    def _xmlrpc_write(self, user, model, record, vals, context):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, user.login, user.login, {})
        self.assertTrue(uid)
        try:
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname, uid, user.login, model, "write", [[record.id], vals], {"context": context}
            )
        except xmlrpc.client.Fault as fault:
            return fault.faultString
        return None

    def _jsonrpc_write(self, user, model, record, vals, context):
        self.authenticate(user.login, user.login)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": "write",
                "args": [[record.id], vals],
                "kwargs": {"context": context},
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw", data=json.dumps(payload), headers={"Content-Type": "application/json"}
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        return body["error"]["data"]["name"] if "error" in body else None

    def test_forged_transition_context_is_refused_for_every_model_group_and_protocol(self):
        before = self._snapshot()
        accepted = []
        for group, user in self.users.items():
            for model, (record, vals) in self.records.items():
                for context in FORGED_CONTEXTS:
                    for protocol, write in (("xmlrpc", self._xmlrpc_write), ("jsonrpc", self._jsonrpc_write)):
                        refusal = write(user, model, record, vals, context)
                        if refusal is None:
                            accepted.append((protocol, group, model, context))
        self.assertEqual(accepted, [], "forged workflow writes were accepted")
        # Nothing changed, and no status history row was forged.
        self.assertEqual(self._snapshot(), before)

    def test_the_guard_refuses_with_a_clear_error_not_a_server_error(self):
        user = self.users["officer"]
        record, vals = self.records["g2p.program.application"]
        refusal = self._jsonrpc_write(user, "g2p.program.application", record, vals, FORGED_CONTEXTS[0])
        self.assertEqual(refusal, "odoo.exceptions.UserError")
        fault = self._xmlrpc_write(user, "g2p.program.application", record, vals, FORGED_CONTEXTS[0])
        self.assertIn("workflow buttons", fault)

    def test_forged_audit_deletion_context_is_refused(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        application = self.records["g2p.program.application"][0]
        application.action_review()
        history = application.status_history_ids
        context = {"g2p_unlink_audit_records": True, "g2p_workflow_audit_unlink": True}
        admin = self.users["administrator"]
        uid = self.xmlrpc_common.authenticate(env.cr.dbname, admin.login, admin.login, {})
        for model, ids in (
            ("g2p.program.application.status", history.ids),
            ("g2p.program.application", application.ids),
        ):
            with self.assertRaises(xmlrpc.client.Fault):
                self.xmlrpc_object.execute_kw(
                    env.cr.dbname, uid, admin.login, model, "unlink", [ids], {"context": context}
                )
        self.assertEqual(len(history.exists()), 2)
        self.assertTrue(application.exists())
