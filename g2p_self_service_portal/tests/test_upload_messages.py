# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.addons.g2p_programs import upload_words
from odoo.tests import HttpCase, tagged

from .common import PASSWORD, PDF_BYTES, G2PPortalDataMixin, G2PPortalHttpMixin
from .test_documents import PNG_BYTES


def _error(html):
    match = re.search(r'g2p_upload_error"[^>]*>([^<]*)<', html)
    return " ".join(match.group(1).split()) if match else html[-800:]


@tagged("post_install", "-at_install")
class TestUploadMessages(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    """Upload refusals give the real size, the one limit that applies and kinds in words."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant("Alice", "Uploads", login="alice.uploads@example.com")
        cls.program = cls._program(
            "Uploads Program",
            required_document_type_ids=[(6, 0, cls.doc_type.ids)],
            document_max_size_mb=0.5,
            document_allowed_mimetypes="application/pdf,image/jpeg,image/png",
        )
        cls.application = cls._apply(cls.program, cls.alice)

    def setUp(self):
        super().setUp()
        self.authenticate("alice.uploads@example.com", PASSWORD)
        self.url = f"/my/applications/{self.application.id}"

    def _upload(self, name, data):
        return self._post(
            f"{self.url}/documents",
            {"document_type_id": str(self.doc_type.id)},
            files={"file": (name, data)},
            csrf_url=self.url,
        )

    def test_the_hint_names_the_kinds_in_words_and_the_limit(self):
        page = self.url_open(self.url).text
        self.assertIn("PDF, JPG or PNG, at most 512 KB.", page)

    def test_a_large_file_is_refused_with_its_real_size(self):
        big = PDF_BYTES + b"0" * (3 * 1024 * 1024)  # about 3 MB, far beyond 0.5 MB
        response = self._upload("big.pdf", big)
        self.assertEqual(response.status_code, 400)
        message = _error(response.text)
        self.assertIn("The file big.pdf is 3.0 MB; files can be at most 512 KB.", message)

    def test_a_file_just_over_the_limit_never_reads_as_the_limit(self):
        limit = int(0.5 * 1024 * 1024)
        message = upload_words.too_large("a.pdf", limit + 10, 0.5)
        self.assertNotIn("is 512.0 KB", message)
        self.assertIn("512.01 KB", message)

    def test_a_wrong_kind_is_refused_in_words_without_mime_types(self):
        program = self._program(
            "Uploads PDF only",
            required_document_type_ids=[(6, 0, self.doc_type.ids)],
            document_allowed_mimetypes="application/pdf",
        )
        application = self._apply(program, self.alice)
        url = f"/my/applications/{application.id}"
        response = self._post(
            f"{url}/documents",
            {"document_type_id": str(self.doc_type.id)},
            files={"file": ("photo.png", PNG_BYTES)},
            csrf_url=url,
        )
        message = _error(response.text)
        self.assertIn("Choose a PDF file.", message)
        self.assertNotIn("image/", message)
        self.assertNotIn("application/", message)

    def test_file_kinds_are_listed_in_words(self):
        self.assertEqual(
            upload_words.file_kinds({"image/png", "application/pdf", "image/jpeg"}), "PDF, JPG or PNG"
        )
        self.assertEqual(upload_words.file_kinds({"application/pdf"}), "PDF")
