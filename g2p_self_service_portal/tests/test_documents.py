# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import HttpCase, tagged

from .common import PASSWORD, PDF_BYTES, G2PPortalDataMixin, G2PPortalHttpMixin

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _alert(html):
    match = re.search(r'g2p_upload_error"[^>]*>([^<]*)<', html)
    return match.group(1) if match else html[-500:]


@tagged("post_install", "-at_install")
class TestDocuments(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    """Supporting documents: upload, replace, remove, checked on the server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant("Alice", "Docs", login="alice.docs@example.com")
        cls.bob = cls._registrant("Bob", "Docs", login="bob.docs@example.com")
        cls.program = cls._program(
            "Docs Program",
            required_document_type_ids=[(6, 0, cls.doc_type.ids)],
            document_max_size_mb=0.01,  # about 10 KB
        )
        cls.alice_app = cls._apply(cls.program, cls.alice)
        cls.bob_app = cls._apply(cls.program, cls.bob)

    def setUp(self):
        super().setUp()
        self.authenticate("alice.docs@example.com", PASSWORD)

    def _upload(self, application, filename, content, mimetype="application/pdf", **data):
        return self._post(
            f"/my/applications/{application.id}/documents",
            dict({"document_type_id": self.doc_type.id}, **data),
            files={"file": (filename, content, mimetype)},
        )

    def test_upload_a_pdf(self):
        response = self._upload(self.alice_app, "proof.pdf", PDF_BYTES)
        self.assertEqual(response.status_code, 200)
        document = self.alice_app.document_ids
        self.assertEqual(len(document), 1)
        self.assertEqual(document.document_type_id, self.doc_type)
        self.assertEqual(document.attachment_id.raw, PDF_BYTES)
        self.assertIn("proof.pdf", response.text)
        self.assertIn("g2p_upload_done", response.text)

    def test_oversized_file_is_refused(self):
        big = PDF_BYTES + b"0" * 20_000
        response = self._upload(self.alice_app, "big.pdf", big)
        self.assertEqual(response.status_code, 400)
        self.assertIn("g2p_upload_error", response.text)
        self.assertFalse(self.alice_app.document_ids)

    def test_disguised_file_is_refused_by_content(self):
        script = b"<html><script>alert(1)</script></html>"
        response = self._upload(self.alice_app, "innocent.pdf", script)
        self.assertEqual(response.status_code, 400)
        self.assertIn("g2p_upload_error", response.text)
        self.assertFalse(self.alice_app.document_ids)

    def test_document_type_not_required_by_the_program_is_refused(self):
        other_type = self.env["g2p.document.type"].create({"name": "Other", "code": "TEST_OTHER"})
        response = self._upload(self.alice_app, "proof.pdf", PDF_BYTES, document_type_id=other_type.id)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.alice_app.document_ids)

    def test_upload_to_someone_elses_application_is_404(self):
        response = self._upload(self.bob_app, "proof.pdf", PDF_BYTES)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.bob_app.document_ids)

    def test_replace_keeps_one_document_of_the_new_content(self):
        self._upload(self.alice_app, "old.pdf", PDF_BYTES)
        old = self.alice_app.document_ids
        old_attachment = old.attachment_id
        response = self._upload(self.alice_app, "new.png", PNG_BYTES, "image/png", replace_document_id=old.id)
        self.assertEqual(response.status_code, 200, _alert(response.text))
        document = self.alice_app.document_ids
        self.assertEqual(len(document), 1)
        self.assertEqual(document.name, "new.png")
        self.assertEqual(document.attachment_id.raw, PNG_BYTES)
        self.assertEqual(document.attachment_id.mimetype, "image/png")
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", document._name), ("res_id", "=", document.id)]
            ),
            1,
        )
        self.assertTrue(old_attachment)

    def test_failed_replace_keeps_the_old_document(self):
        self._upload(self.alice_app, "old.pdf", PDF_BYTES)
        old = self.alice_app.document_ids
        response = self._upload(
            self.alice_app, "bad.pdf", b"MZ\x90\x00 not a pdf", replace_document_id=old.id
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.alice_app.document_ids, old)
        self.assertEqual(old.attachment_id.raw, PDF_BYTES)

    def test_remove_a_document(self):
        self._upload(self.alice_app, "proof.pdf", PDF_BYTES)
        document = self.alice_app.document_ids
        response = self._post(
            f"/my/applications/{self.alice_app.id}/documents/{document.id}/remove",
            csrf_url=f"/my/applications/{self.alice_app.id}",
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(document.exists())
        self.assertIn("g2p_upload_done", response.text)

    def test_documents_are_frozen_once_decided(self):
        self._upload(self.alice_app, "proof.pdf", PDF_BYTES)
        document = self.alice_app.document_ids
        self.alice_app.action_reject("Incomplete")
        response = self._upload(self.alice_app, "more.pdf", PDF_BYTES)
        self.assertIn("can only be changed", response.text)
        self.assertEqual(response.status_code, 400)
        response = self._post(
            f"/my/applications/{self.alice_app.id}/documents/{document.id}/remove",
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.alice_app.document_ids, document)

    def test_upload_without_csrf_token_is_refused(self):
        response = self.url_open(
            f"/my/applications/{self.alice_app.id}/documents",
            data={"document_type_id": self.doc_type.id},
            files={"file": ("proof.pdf", PDF_BYTES, "application/pdf")},
            timeout=60,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.alice_app.document_ids)
