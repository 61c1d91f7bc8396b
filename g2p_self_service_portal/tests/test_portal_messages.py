# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import PASSWORD, G2PPortalDataMixin


@tagged("post_install", "-at_install")
class TestPortalMessages(G2PPortalDataMixin, HttpCase):
    """What the program office tells a registrant shows on their application's page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.mia = cls._registrant("Mia", "Messages", login="mia.messages@example.com")
        cls.program = cls._program("Messages Program")
        cls.application = cls._apply(cls.program, cls.mia)
        cls.application.action_request_documents("Please upload your lease contract.")

    def test_registrant_reads_the_messages_on_the_application_page(self):
        self.authenticate("mia.messages@example.com", PASSWORD)
        response = self.url_open(f"/my/applications/{self.application.id}", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("g2p_messages", response.text)
        self.assertIn("Please upload your lease contract.", response.text)
        self.assertIn(f"Application {self.application.name} received", response.text)
