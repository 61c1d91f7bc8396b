# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Test support: the two simulators (real processes), an officer, a registrant with a national
ID, and a program with a one-step form."""

import json
import re
import sys
from pathlib import Path

from odoo import Command
from odoo.tests import HttpCase

SETUP = Path(__file__).resolve().parents[2] / "setup"
if str(SETUP) not in sys.path:
    sys.path.insert(0, str(SETUP))

from ida_simulator.process import IdaSimulatorProcess  # noqa: E402
from sbi_simulator.process import SbiSimulatorProcess  # noqa: E402

OFFICER = "bio.officer.test"
AMINA_ID = "1234567890"
KOFI_ID = "2345678901"
CSRF_RE = re.compile(r'csrf_token: "([^"]+)"|name="csrf_token" value="([^"]+)"')


def start_simulators(testcase, **sbi_kwargs):
    """An SBI simulator (a free port in 4501-4600) and an IDA simulator trusting its devices,
    stopped at the end of the test class."""
    sbi = SbiSimulatorProcess(**sbi_kwargs)
    ida = IdaSimulatorProcess(device_ca=[sbi.device_ca_path])
    sbi.ida_certificate = ida.encryption_certificate_path
    sbi.start()
    testcase.addClassCleanup(sbi.stop)
    ida.start()
    testcase.addClassCleanup(ida.stop)
    return sbi, ida


class BiometricCase(HttpCase):
    """Officer, portal and plain users; Amina with her national ID; an open program with a form."""

    timeout_total = 3.0

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, no_reset_password=True))
        Users = cls.env["res.users"]
        cls.officer = Users.create(
            {
                "name": "Bio Officer",
                "login": OFFICER,
                "password": OFFICER,
                "groups_id": [
                    Command.set(
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("g2p_portal_biometric.group_g2p_assisted_officer").id,
                        ]
                    )
                ],
            }
        )
        cls.clerk = Users.create(
            {
                "name": "Plain Clerk",
                "login": "bio.clerk.test",
                "password": "bio.clerk.test",
                "groups_id": [
                    Command.set(
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("g2p_registry.group_g2p_registry_officer").id,
                        ]
                    )
                ],
            }
        )
        cls.national_id = cls.env.ref("g2p_registry.id_type_national_id")
        cls.person = cls.env["res.partner"].create(
            {
                "is_registrant": True,
                "given_name": "Amina",
                "family_name": "Biotest",
                "reg_ids": [Command.create({"id_type": cls.national_id.id, "value": "99" + AMINA_ID[2:]})],
            }
        )
        # The demo data may hold the demo IDs: the tests' person carries the simulator's
        # identity whatever the database holds.
        existing = cls.env["g2p.reg.id"].search(
            [("id_type", "=", cls.national_id.id), ("value", "=", AMINA_ID)]
        )
        existing.unlink()
        cls.person.reg_ids.value = AMINA_ID
        cls.reg_id = cls.person.reg_ids
        cls.portal_user = Users.create(
            {
                "name": "Amina Biotest",
                "login": "bio.portal.test",
                "password": "bio.portal.test",
                "partner_id": cls.person.id,
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )
        cls.form = cls.env["g2p.portal.form"].create(
            {
                "name": "Assisted test form",
                "step_ids": [Command.create({"sequence": 1, "title": "Household"})],
            }
        )
        cls.env["g2p.portal.form.field"].create(
            {
                "form_id": cls.form.id,
                "step_id": cls.form.step_ids.id,
                "sequence": 1,
                "name": "household_size",
                "label": "Household size",
                "field_type": "number",
                "required": True,
                "min_value": "1",
                "max_value": "30",
            }
        )
        cls.program = cls.env["g2p.program"].create(
            {"name": "Assisted Test Program", "portal_form_id": cls.form.id, "publication_state": "published"}
        )
        Param = cls.env["ir.config_parameter"].sudo()
        Param.set_param("g2p_portal_biometric.verify_mode", "ida")
        Param.set_param("g2p_portal_biometric.max_attempts", "3")
        Param.set_param("g2p_portal_biometric.min_quality", "40")

    @classmethod
    def _configure_adapter(cls, ida, sbi=None, **overrides):
        config = ida.client_config()
        vals = {
            "name": "Test IDA",
            "id_type_id": cls.national_id.id,
            "endpoint_url": config["endpoint_url"],
            "misp_license_key": config["misp_license_key"],
            "partner_ref": config["partner_id"],
            "api_key": config["api_key"],
            "partner_private_key_pem": config["partner_private_key_pem"],
            "partner_certificate_pem": config["partner_certificate_pem"],
            "ida_certificate_pem": config["ida_certificate_pem"],
            "ida_signing_certificate_pem": config["ida_signing_certificate_pem"],
            "domain_uri": config["domain_uri"],
            "ida_env": config["env"],
            "timeout_total": cls.timeout_total,
            "device_ca_certificates_pem": sbi.device_ca_path.read_text() if sbi else False,
        }
        vals.update(overrides)
        adapter = cls.adapter = cls.env["g2p.biometric.ida.adapter"].create(vals)
        cls.env["ir.config_parameter"].sudo().set_param("g2p_portal_biometric.adapter_id", str(adapter.id))
        return adapter

    # -- calling the routes as the browser does --------------------------------------------------
    def csrf_token(self):
        """The session's CSRF token, from the page the user lands on (web client or portal)."""
        text = self.url_open("/web/login").text
        match = CSRF_RE.search(text)
        self.assertTrue(match, "no CSRF token on the landing page")
        return match.group(1) or match.group(2)

    def json_call(self, route, csrf=True, **params):
        if csrf:
            params.setdefault("csrf_token", self.csrf_token())
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}),
            headers={"Content-Type": "application/json"},
            timeout=60,
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        return response.json()

    def ok(self, route, **params):
        body = self.json_call(route, **params)
        self.assertNotIn("error", body, json.dumps(body.get("error"))[:800])
        return body["result"]

    def refused(self, route, error_name=None, **params):
        body = self.json_call(route, **params)
        self.assertIn("error", body, f"{route} was not refused: {body}")
        if error_name:
            self.assertEqual(body["error"]["data"]["name"], error_name, body["error"]["data"].get("message"))
        return body["error"]["data"]

    def capture(
        self,
        sbi,
        transaction_id,
        sub_types=("Left IndexFinger",),
        device="FINGER-SLAP-1",
        score=40,
        domain_uri=None,
    ):
        """CAPTURE on the simulator, as the officer's browser sends it."""
        bio = {
            "type": "Finger",
            "count": len(sub_types),
            "bioSubType": list(sub_types),
            "requestedScore": score,
            "deviceId": device,
            "deviceSubId": "1",
            "previousHash": "",
        }
        request = {
            "env": "Developer",
            "purpose": "Auth",
            "specVersion": "0.9.5",
            "timeout": 10000,
            "captureTime": "2026-01-01T00:00:00.000Z",
            "domainUri": domain_uri or self.adapter.domain_uri,
            "transactionId": transaction_id,
            "bio": [bio],
            "customOpts": [],
        }
        response = sbi.call("CAPTURE", "/capture", request, timeout=30)
        self.assertEqual(response.status_code, 200)
        return response.json()["biometrics"]
