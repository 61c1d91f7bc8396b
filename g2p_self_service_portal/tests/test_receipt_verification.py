# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PASSWORD, G2PPortalDataMixin, G2PPortalHttpMixin


@tagged("post_install", "-at_install")
class TestReceiptVerification(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    """The receipt's QR code: a signed reference anyone can check, revealing only the
    verdict, a masked name and the program; officers get the application."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant("Alice", "Verify", login="alice.verify@example.com")
        cls.bob = cls._registrant("Bob", "Verify", login="bob.verify@example.com")
        cls.program = cls._program("Verify Cash")
        cls.app = cls._apply(cls.program, cls.alice)
        cls.bob_app = cls._apply(cls.program, cls.bob)
        cls.reference = cls.app._g2p_receipt_reference()
        new_test_user(
            cls.env,
            login="verify.officer",
            password="verify.officer.pass",
            groups="base.group_user,g2p_registry.group_g2p_registry_officer",
        )

    def _verify(self, reference):
        return self.url_open(f"/g2p/receipt/{reference}", timeout=60)

    def _assert_minimal(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertIn("g2p_receipt_genuine", response.text)
        self.assertIn("Verify Cash", response.text)
        self.assertIn(self.app._g2p_masked_name(), response.text)
        self.assertNotIn("Alice", response.text)
        self.assertNotIn("Verify</dd>", response.text)
        self.assertNotIn("g2p_receipt_backend_link", response.text)
        self.assertNotIn("Submitted", response.text)

    def test_masked_name_hides_all_but_initials(self):
        self.assertEqual(self.app._g2p_masked_name(), "A•••• V•••••")

    def test_anonymous_sees_only_the_verdict_masked_name_and_program(self):
        self._assert_minimal(self._verify(self.reference))

    def test_another_registrant_sees_only_the_minimal_verdict(self):
        self.authenticate("bob.verify@example.com", PASSWORD)
        self._assert_minimal(self._verify(self.reference))

    def test_officer_gets_the_application_in_the_backend(self):
        self.authenticate("verify.officer", "verify.officer.pass")
        response = self._verify(self.reference)
        self.assertEqual(response.status_code, 200)
        self.assertIn("g2p_receipt_backend_link", response.text)
        self.assertIn(f"model=g2p.program.application&amp;id={self.app.id}", response.text)
        self.assertIn("Alice Verify", response.text)

    def test_forged_or_altered_references_are_refused(self):
        app_id, signature = self.reference.split("-", 1)
        flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
        for reference in (
            f"{app_id}-{flipped}",  # altered signature
            f"{self.bob_app.id}-{signature}",  # someone else's id with this signature
            f"{app_id}",  # no signature
            "999999999-" + signature,  # unknown application
            "not-a-reference",
            "x" * 300,
        ):
            with self.subTest(reference=reference[:40]):
                response = self._verify(reference)
                self.assertEqual(response.status_code, 404)
                self.assertIn("g2p_receipt_forged", response.text)
                self.assertNotIn("Verify Cash", response.text)

    def test_signature_depends_on_the_database_secret(self):
        self.env["ir.config_parameter"].sudo().set_param("g2p_programs.receipt_secret", "another-secret")
        self.assertNotEqual(self.app._g2p_receipt_reference(), self.reference)
        self.assertFalse(self.env["g2p.program.application"]._g2p_verify_receipt_reference(self.reference))
