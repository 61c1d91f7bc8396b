# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import zipfile
from unittest import mock

from odoo.exceptions import ValidationError

from .common import G2PProgramsCase

ODT = "application/vnd.oasis.opendocument.text"


def _archive(mimetype_size):
    """An OpenDocument-like zip whose ``mimetype`` entry expands to ``mimetype_size`` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w") as entry:
            chunk = ODT.encode().ljust(1024 * 1024, b" ")
            written = 0
            while written < mimetype_size:
                part = chunk[: mimetype_size - written]
                entry.write(part)
                written += len(part)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


class TestUploadArchives(G2PProgramsCase):
    def setUp(self):
        super().setUp()
        self.program.document_allowed_mimetypes = f"application/pdf,{ODT}"
        self.application = self._apply()

    def test_zip_bomb_is_refused_without_expanding_it(self):
        bomb = _archive(200 * 1024 * 1024)
        self.assertLess(len(bomb), self.program.document_max_size_mb * 1024 * 1024)
        # Reading any member would expand it: the refusal must come from the sizes alone.
        with mock.patch.object(zipfile.ZipFile, "open", side_effect=AssertionError("member read")):
            with self.assertRaisesRegex(ValidationError, "expands to 200"):
                self.application._g2p_add_document(False, "report.odt", bomb)
        self.assertFalse(self.application.document_ids)

    def test_ordinary_office_document_is_still_recognized(self):
        document = self.application._g2p_add_document(False, "report.odt", _archive(len(ODT)))
        self.assertEqual(document.mimetype, ODT)
