# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Upload limits and refusals in words people understand: real sizes, the one limit that
applies, and file kinds ("PDF, JPG or PNG") instead of MIME types."""

from odoo import _

# MIME type -> the kind of file people know it as.
FILE_KINDS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
    "image/tiff": "TIFF",
    "image/heic": "HEIC",
    "text/plain": "TXT",
    "application/msword": "DOC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.text": "ODT",
}
# The order kinds are listed in: documents first, then pictures.
_KIND_ORDER = list(dict.fromkeys(FILE_KINDS.values()))


def file_kinds(mimetypes):
    """``{"image/png", "application/pdf"}`` -> "PDF or PNG" (translated conjunction)."""
    kinds = {FILE_KINDS.get(m, (m or "").rsplit("/", 1)[-1].upper()) for m in mimetypes or () if m}
    ordered = sorted(kinds, key=lambda k: (_KIND_ORDER.index(k) if k in _KIND_ORDER else len(_KIND_ORDER), k))
    if not ordered:
        return ""
    if len(ordered) == 1:
        return ordered[0]
    first, last = ", ".join(ordered[:-1]), ordered[-1]
    return _("%(first)s or %(last)s", first=first, last=last)


def file_size(size_bytes, limit_bytes=None):
    """A size as people read it ("850 KB", "7.3 MB"), never rounded down to the limit."""
    size_bytes = max(int(size_bytes or 0), 0)
    in_kb = size_bytes < 1024 * 1024
    value = size_bytes / 1024 if in_kb else size_bytes / 1024 / 1024
    digits = 0 if value >= 100 else 1
    text = f"{value:.{digits}f}"
    if limit_bytes is not None and size_bytes > limit_bytes:
        # A file just over the limit must not read as exactly the limit (2.0 MB > 2.0 MB).
        limit_value = limit_bytes / (1024 if in_kb else 1024 * 1024)
        while float(text) <= limit_value and digits < 4:
            digits += 1
            text = f"{value:.{digits}f}"
    unit = _("KB") if in_kb else _("MB")
    return _("%(size)s %(unit)s", size=text, unit=unit)


def limit_text(limit_mb):
    """The limit in megabytes (or kilobytes below one megabyte) as people read it."""
    limit_bytes = int(float(limit_mb) * 1024 * 1024)
    if limit_bytes < 1024 * 1024:
        text, unit = f"{round(limit_bytes / 1024, 1):g}", _("KB")
    else:
        text, unit = f"{round(float(limit_mb), 2):g}", _("MB")
    return _("%(size)s %(unit)s", size=text, unit=unit)


def too_large(filename, size_bytes, limit_mb):
    limit_bytes = int(float(limit_mb) * 1024 * 1024)
    return _(
        "The file %(name)s is %(size)s; files can be at most %(limit)s.",
        name=filename,
        size=file_size(size_bytes, limit_bytes),
        limit=limit_text(limit_mb),
    )


def wrong_kind(filename, allowed_mimetypes):
    return _(
        "The file %(name)s is not of a kind we accept. Choose a %(kinds)s file.",
        name=filename,
        kinds=file_kinds(allowed_mimetypes),
    )


class SizedBytes(bytes):
    """The first bytes of an upload that were read, with the real size of the whole file.

    Controllers read an upload only up to its limit (plus one byte) so a huge file is never
    held in memory; the refusal still tells the person the file's real size."""

    real_size = None

    @classmethod
    def of(cls, data, real_size):
        value = cls(data)
        value.real_size = real_size
        return value


def real_size(data):
    return getattr(data, "real_size", None) or len(data or b"")


def stream_size(upload):
    """Size of a werkzeug upload without reading it into memory (None when unknown)."""
    stream = getattr(upload, "stream", None)
    try:
        position = stream.tell()
        stream.seek(0, 2)
        size = stream.tell()
        stream.seek(position)
        return size
    except (AttributeError, OSError, ValueError):
        return None
