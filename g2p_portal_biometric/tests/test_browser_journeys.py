import socket

from odoo.tests import tagged

from .common import AMINA_ID, KOFI_ID, OFFICER, BiometricCase, start_simulators

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
