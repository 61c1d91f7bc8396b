# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OFFICER, BiometricCase

ROUTES = {
    "/g2p_biometric/setup": {},
    "/g2p_biometric/search": {"name": "Amina"},
    "/g2p_biometric/registrant": {"partner_id": 1},
    "/g2p_biometric/registrant/create": {"given_name": "X", "id_type_id": 1, "id_value": "1"},
    "/g2p_biometric/transaction": {"reg_id_id": 1},
    "/g2p_biometric/verify": {"reg_id_id": 1, "transaction_id": "1", "biometrics": [], "consent": True},
    "/g2p_biometric/programs": {"partner_id": 1},
    "/g2p_biometric/apply/form": {"partner_id": 1, "program_id": 1},
    "/g2p_biometric/attempt": {"attempt_id": 1},
}


@tagged("post_install", "-at_install")
class TestOfficerRoutesSecurity(BiometricCase):
    def test_portal_users_and_plain_internal_users_are_refused_everywhere(self):
        for login in ("bio.portal.test", "bio.clerk.test"):
            self.authenticate(login, login)
            for route, params in ROUTES.items():
                with self.subTest(login=login, route=route):
                    error = self.refused(route, "odoo.exceptions.AccessError", **params)
                    self.assertIn("assisting officers", error["message"])
            with self.subTest(login=login, route="receipt"):
                self.assertEqual(self.url_open("/g2p_biometric/receipt/1").status_code, 404)
            with self.subTest(login=login, route="oidc start"):
                response = self.url_open(f"/g2p_biometric/oidc/start?reg_id_id={self.reg_id.id}&consent=1")
                self.assertEqual(response.status_code, 404)
            with self.subTest(login=login, route="apply step"):
                response = self.url_open(
                    f"/g2p_biometric/apply/{self.person.id}/{self.program.id}",
                    data={"csrf_token": self.csrf_token(), "household_size": "3", "g2p_action": "submit"},
                )
                self.assertIn("assisting officers", response.json()["error"])
        self.assertFalse(self.env["g2p.biometric.attempt"].search([("partner_id", "=", self.person.id)]))
        self.assertFalse(self.env["g2p.program.application"].search([("partner_id", "=", self.person.id)]))

    def test_anonymous_visitors_get_no_session(self):
        for route, params in ROUTES.items():
            with self.subTest(route=route):
                self.refused(route, "odoo.http.SessionExpiredException", csrf=False, **params)

    def test_every_route_needs_the_session_csrf_token(self):
        self.authenticate(OFFICER, OFFICER)
        for route, params in ROUTES.items():
            for token in (None, "forged", 42):
                with self.subTest(route=route, token=token):
                    error = self.refused(route, "odoo.exceptions.AccessError", csrf_token=token, **params)
                    self.assertIn("session has expired", error["message"])
        response = self.url_open(
            f"/g2p_biometric/apply/{self.person.id}/{self.program.id}",
            data={"household_size": "3", "g2p_action": "submit"},
        )
        self.assertEqual(response.status_code, 400)

    def test_bad_input_is_refused_with_a_message_never_a_server_error(self):
        self.authenticate(OFFICER, OFFICER)
        for value in ("abc", -1, 0, 2**40, None, [1], {"id": 1}, "1 OR 1=1"):
            with self.subTest(reg_id_id=value):
                error = self.refused(
                    "/g2p_biometric/transaction", "odoo.exceptions.UserError", reg_id_id=value
                )
                self.assertTrue(error["message"])
            with self.subTest(partner_id=value):
                self.refused("/g2p_biometric/registrant", "odoo.exceptions.UserError", partner_id=value)
        self.refused("/g2p_biometric/search", "odoo.exceptions.UserError", name="x" * 5000)
        self.refused("/g2p_biometric/search", "odoo.exceptions.UserError", name={"$ne": 1})
        self.refused("/g2p_biometric/search", "odoo.exceptions.UserError")
        # Unknown parameters are ignored, never a server error nor written anywhere.
        self.assertTrue(self.ok("/g2p_biometric/setup", is_verified=True, __proto__={"x": 1}))
        self.refused("/g2p_biometric/transaction", "odoo.exceptions.UserError", reg_id_id="x", officer_id=1)
        error = self.refused(
            "/g2p_biometric/search", "odoo.exceptions.UserError", name="x" * (1024 * 1024 + 10)
        )
        self.assertIn("too large", error["message"])
        transaction = self.ok("/g2p_biometric/transaction", reg_id_id=self.reg_id.id)["transaction_id"]
        for biometrics in (None, "x", [], ["x"], [{"data": 1}], [{"evil": "x"}], [{}] * 11):
            with self.subTest(biometrics=str(biometrics)[:30]):
                outcome = self.ok(
                    "/g2p_biometric/verify",
                    reg_id_id=self.reg_id.id,
                    transaction_id=transaction,
                    biometrics=biometrics,
                    consent=True,
                )
                self.assertFalse(outcome["matched"])
                self.assertIn(outcome["reason"], ("expired", "no_service", "bad_input"))
                transaction = self.ok("/g2p_biometric/transaction", reg_id_id=self.reg_id.id)[
                    "transaction_id"
                ]

    def test_applying_needs_a_verified_identity_in_this_session(self):
        self.authenticate(OFFICER, OFFICER)
        self.refused("/g2p_biometric/programs", "odoo.exceptions.UserError", partner_id=self.person.id)
        self.refused(
            "/g2p_biometric/apply/form",
            "odoo.exceptions.UserError",
            partner_id=self.person.id,
            program_id=self.program.id,
        )
        response = self.url_open(
            f"/g2p_biometric/apply/{self.person.id}/{self.program.id}",
            data={"csrf_token": self.csrf_token(), "household_size": "3", "g2p_action": "submit"},
        )
        self.assertIn("Verify the person", response.json()["error"])

    def test_officers_read_the_audit_but_cannot_forge_or_erase_it(self):
        Attempt = self.env["g2p.biometric.attempt"]
        attempt = Attempt._g2p_log(
            {
                "partner_id": self.person.id,
                "method": "ida",
                "result": "no_match",
                "officer_id": self.officer.id,
            }
        )
        as_officer = Attempt.with_user(self.officer)
        self.assertEqual(as_officer.search([("id", "=", attempt.id)]), attempt)
        with self.assertRaises(AccessError):
            as_officer.create({"method": "ida", "result": "match", "officer_id": self.officer.id})
        with self.assertRaises(AccessError):
            attempt.with_user(self.officer).write({"result": "match"})
        with self.assertRaises(AccessError):
            attempt.with_user(self.officer).unlink()
        with self.assertRaises(AccessError):
            Attempt.with_user(self.clerk).search([])

    def test_officers_never_see_the_service_secrets(self):
        adapter = self.env["g2p.biometric.ida.adapter"].create(
            {
                "name": "Secret test",
                "id_type_id": self.national_id.id,
                "endpoint_url": "http://127.0.0.1:9/auth",
                "domain_uri": "http://127.0.0.1:9",
                "partner_ref": "p",
                "api_key": "the-api-key",
                "partner_private_key_pem": "the-private-key",
            }
        )
        with self.assertRaises(AccessError):
            adapter.with_user(self.officer).read(["name"])
        g2p_admin = self.officer.copy({"login": "bio.g2p.admin.test"})
        g2p_admin.groups_id += self.env.ref("g2p_registry.group_g2p_admin")
        self.assertEqual(adapter.with_user(g2p_admin).read(["name"])[0]["name"], "Secret test")
        with self.assertRaises(AccessError):
            adapter.with_user(g2p_admin).read(["api_key"])
        with self.assertRaises(AccessError):
            adapter.with_user(g2p_admin).read(["partner_private_key_pem"])

    def test_only_assisting_officers_record_a_biometric_verification(self):
        with self.assertRaises(AccessError):
            self.reg_id.with_user(self.clerk).write({"verification_device": "forged"})
        self.reg_id.with_user(self.officer).write({"verification_device": "checked"})
        self.assertEqual(self.reg_id.verification_device, "checked")
