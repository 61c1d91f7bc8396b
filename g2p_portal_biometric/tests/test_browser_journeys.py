# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import socket

from odoo.tests import tagged

from .common import AMINA_ID, KOFI_ID, OFFICER, BiometricCase, start_simulators
from .test_verify_ida import VerifyMixin

ACTION = "g2p_portal_biometric.action_assisted_registration"


def closed_port():
    """A port of 4501-4600 where nothing listens now (no device service)."""
    for port in range(4600, 4500, -1):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("every SBI port is in use")


@tagged("post_install", "-at_install")
class TestOfficerJourneys(BiometricCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sbi, cls.ida = start_simulators(cls)
        cls._configure_adapter(cls.ida, cls.sbi)

    def setUp(self):
        super().setUp()
        # The screen probes this simulator only, whatever else runs on the machine.
        port = self.sbi.port
        self.env["ir.config_parameter"].sudo().set_param("g2p_portal_biometric.sbi_ports", f"{port}-{port}")
        self.sbi.present(AMINA_ID, quality=85)

    def _tour(self, name, port=None):
        port = port or self.sbi.port
        self.start_tour(f"/web?g2p_sbi_port={port}#action={ACTION}", name, login=OFFICER, timeout=180)

    def test_device_logic_in_the_browser(self):
        self._tour("g2p_biometric_device_logic")

    def test_officer_finds_the_device_captures_gets_a_match_and_applies(self):
        # Everything the server logs during the journey, SQL queries included.
        with self.assertLogs("odoo", level=logging.DEBUG) as logs:
            self._tour("g2p_biometric_match_and_apply")
        self.reg_id.invalidate_recordset()
        self.assertTrue(self.reg_id.is_verified)
        self.assertEqual(self.reg_id.verification_method, "biometric")
        application = self.env["g2p.program.application"].search(
            [("partner_id", "=", self.person.id), ("program_id", "=", self.program.id)]
        )
        self.assertEqual(len(application), 1)
        self.assertTrue(application.assisted)
        self.assertEqual(application.assisted_by_id, self.officer)
        self.assertEqual(application.answers["household_size"], 4)
        attempts = self.env["g2p.biometric.attempt"].search([("partner_id", "=", self.person.id)])
        self.assertEqual(attempts.mapped("result"), ["match"])
        self.assertEqual(attempts.device_certification, "L1")
        # The browser's capture was never stored nor logged. The device signs every capture
        # with the same JWS header (its certificate chain): a capture made now shows what
        # the journey's looked like.
        transaction_id = self.ok("/g2p_biometric/transaction", reg_id_id=self.reg_id.id)["transaction_id"]
        sample = self.capture(self.sbi, transaction_id)[0]
        header = sample["data"].split(".")[0]
        fragments = [header[100:160], header[-60:]]
        log_text = "\n".join(logs.output)
        self.assertIn("Biometric verification", log_text)
        for fragment in fragments:
            self.assertNotIn(fragment, log_text)
        VerifyMixin.assertStoredNowhere(self, fragments)

    def test_low_quality_is_explained_and_a_retry_succeeds(self):
        self.sbi.present(AMINA_ID, quality=20)
        self._tour("g2p_biometric_low_quality")
        attempts = self.env["g2p.biometric.attempt"].search([("partner_id", "=", self.person.id)])
        # The low-quality capture never reached the service.
        self.assertEqual(attempts.mapped("result"), ["match"])

    def test_service_says_no_match(self):
        self.sbi.present(KOFI_ID, quality=85)
        self._tour("g2p_biometric_no_match")
        self.reg_id.invalidate_recordset()
        self.assertFalse(self.reg_id.is_verified)
        attempts = self.env["g2p.biometric.attempt"].search([("partner_id", "=", self.person.id)])
        self.assertEqual(attempts.mapped("result"), ["no_match"])

    def test_no_device_running(self):
        port = closed_port()
        self.env["ir.config_parameter"].sudo().set_param("g2p_portal_biometric.sbi_ports", f"{port}-{port}")
        self._tour("g2p_biometric_no_device", port=port)
        self.assertFalse(self.env["g2p.biometric.attempt"].search([("partner_id", "=", self.person.id)]))
