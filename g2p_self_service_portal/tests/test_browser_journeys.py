# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import G2PPortalDataMixin


class JourneyMixin(G2PPortalDataMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.registrant = cls._registrant("Journey", "Registrant", login="journey.registrant@example.com")
        cls.cash = cls._program("Journey Cash")
        cls._apply(cls.cash, cls.registrant, approve=True)
        entitlement = cls._entitlement(cls.cash, cls.registrant, 120.0)
        cls._pay(entitlement, 45.0)
        cls.school = cls._program(
            "Journey School Stipend", required_document_type_ids=[(6, 0, cls.doc_type.ids)]
        )

    def _run_journey(self):
        self.start_tour("/web/login?debug=tests&redirect=/my", "g2p_registrant_journey", login=None)
        application = self.env["g2p.program.application"].search(
            [("partner_id", "=", self.registrant.id), ("program_id", "=", self.school.id)]
        )
        self.assertEqual(len(application), 1)
        self.assertEqual(application.document_ids.name, "birth-certificate.pdf")
        self.assertEqual(application.document_ids.attachment_id.mimetype, "application/pdf")


@tagged("post_install", "-at_install")
class TestBrowserJourneyDesktop(JourneyMixin, HttpCase):
    def test_sign_in_apply_upload_receipt_benefits(self):
        self._run_journey()


@tagged("post_install", "-at_install")
class TestBrowserJourneyPhone(JourneyMixin, HttpCase):
    browser_size = "360x740"
    touch_enabled = True

    def test_sign_in_apply_upload_receipt_benefits_on_a_phone(self):
        self._run_journey()
