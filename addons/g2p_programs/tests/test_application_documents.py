# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import G2PProgramsCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class TestApplicationDocuments(G2PProgramsCase):
    def setUp(self):
        super().setUp()
        self.birth = self.env.ref("g2p_programs.document_type_birth_certificate")
        self.application = self._apply()

    def test_allowed_document_is_attached(self):
        document = self.application._g2p_add_document(self.birth, "birth.pdf", PDF)
        self.assertEqual(document.application_id, self.application)
        self.assertEqual(document.partner_id, self.person)
        self.assertEqual(document.document_type_id, self.birth)
        self.assertEqual(document.mimetype, "application/pdf")
        self.assertEqual(document.file_size, len(PDF))
        self.assertEqual(document.name, "birth.pdf")
        self.assertEqual(document.uploaded_by_id, self.env.user)
        attachment = document.attachment_id
        self.assertEqual(attachment.res_model, "g2p.program.application.document")
        self.assertEqual(attachment.res_id, document.id)
        self.assertEqual(attachment.raw, PDF)
        self.assertEqual(self.application.document_count, 1)

    def test_oversized_document_is_refused(self):
        self.program.document_max_size_mb = 0.001
        big = PDF + b"0" * 2000
        with self.assertRaisesRegex(ValidationError, r"big.pdf is 2.0 KB; files can be at most 1 KB"):
            self.application._g2p_add_document(self.birth, "big.pdf", big)
        self.assertFalse(self.application.document_ids)

    def test_type_is_judged_by_content_not_by_name(self):
        self.program.document_allowed_mimetypes = "application/pdf"
        with self.assertRaisesRegex(ValidationError, "Choose a PDF file"):
            self.application._g2p_add_document(self.birth, "scan.pdf", PNG)
        self.assertFalse(self.application.document_ids)
        self.assertFalse(
            self.env["ir.attachment"].search([("res_model", "=", "g2p.program.application.document")])
        )

    def test_png_accepted_when_allowed_even_if_misnamed(self):
        document = self.application._g2p_add_document(self.birth, "scan.pdf", PNG)
        self.assertEqual(document.mimetype, "image/png")

    def test_unknown_content_is_refused(self):
        with self.assertRaises(ValidationError):
            self.application._g2p_add_document(self.birth, "notes.pdf", b"just some text")

    def test_empty_file_is_refused(self):
        with self.assertRaises(ValidationError):
            self.application._g2p_add_document(self.birth, "empty.pdf", b"")

    def test_the_same_file_sent_twice_is_one_document(self):
        # A double click on the upload button posts the same file twice.
        first = self.application._g2p_add_document(self.birth, "birth.pdf", PDF)
        second = self.application._g2p_add_document(self.birth, "birth (1).pdf", PDF)
        self.assertEqual(second, first)
        self.assertEqual(len(self.application.document_ids), 1)

    def test_different_files_of_one_type_are_kept_apart(self):
        self.application._g2p_add_document(self.birth, "page1.pdf", PDF)
        self.application._g2p_add_document(self.birth, "page2.pdf", PDF + b"% page 2\n")
        self.assertEqual(len(self.application.document_ids), 2)

    def test_path_is_stripped_from_the_file_name(self):
        document = self.application._g2p_add_document(self.birth, "C:\\docs\\..\\birth.pdf", PDF)
        self.assertEqual(document.name, "birth.pdf")

    def test_allowed_while_under_review(self):
        self.application.action_review()
        self.assertTrue(self.application._g2p_add_document(self.birth, "b.pdf", PDF))

    def test_not_allowed_after_approval(self):
        document = self.application._g2p_add_document(self.birth, "b.pdf", PDF)
        self.application.action_approve()
        with self.assertRaises(ValidationError):
            self.application._g2p_add_document(self.birth, "late.pdf", PDF)
        with self.assertRaises(ValidationError):
            document._g2p_replace_content("new.pdf", PDF)
        with self.assertRaises(ValidationError):
            document.unlink()
        self.assertEqual(len(self.application.document_ids), 1)

    def test_replace_and_remove_while_open(self):
        document = self.application._g2p_add_document(self.birth, "b.pdf", PDF)
        document._g2p_replace_content("photo.png", PNG)
        self.assertEqual(document.name, "photo.png")
        self.assertEqual(document.mimetype, "image/png")
        self.assertEqual(document.attachment_id.raw, PNG)
        self.program.document_allowed_mimetypes = "application/pdf"
        with self.assertRaises(ValidationError):
            document._g2p_replace_content("again.png", PNG)
        attachment = document.attachment_id
        document.unlink()
        self.assertFalse(attachment.exists())
        self.assertFalse(self.application.document_ids)

    def test_officer_uploads_through_the_backend_wizard(self):
        officer = self._user("doc_officer", "g2p_registry.group_g2p_registry_officer")
        action = self.application.with_user(officer).action_open_upload_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_user(officer)
            .with_context(**action["context"])
            .create(
                {
                    "document_type_id": self.birth.id,
                    "file": base64.b64encode(PDF),
                    "filename": "birth.pdf",
                }
            )
        )
        wizard.action_confirm()
        document = self.application.document_ids
        self.assertEqual(document.uploaded_by_id, officer)
        self.assertEqual(document.mimetype, "application/pdf")
        refused = (
            self.env[action["res_model"]]
            .with_user(officer)
            .with_context(**action["context"])
            .create({"file": base64.b64encode(b"plain text"), "filename": "x.pdf"})
        )
        with self.assertRaises(ValidationError):
            refused.action_confirm()

    def test_another_attachment_cannot_be_wrapped(self):
        officer = self._user("wrap_officer", "g2p_registry.group_g2p_registry_officer")
        secret = self.env["ir.attachment"].create({"name": "secret.txt", "raw": b"payroll"})
        Document = self.env["g2p.program.application.document"].with_user(officer)
        with self.assertRaises(AccessError):
            Document.create({"application_id": self.application.id, "attachment_id": secret.id})
        document = self.application.with_user(officer)._g2p_add_document(self.birth, "b.pdf", PDF)
        with self.assertRaises(UserError):
            document.write({"attachment_id": secret.id})
        self.assertEqual(document.attachment_id.raw, PDF)
