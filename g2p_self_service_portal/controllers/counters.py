# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, http

from ..models.ir_http import G2PInvalidInput
from .portal import G2PSelfServicePortal


class G2PCountersPortal(G2PSelfServicePortal):
    """The badge counts of the portal home page."""

    @http.route()
    def counters(self, counters=None, **kw):
        # Every portal module looks names up in ``counters``: anything but a list of
        # names would fail in one of them, with the server's traceback in the answer.
        if not isinstance(counters, list) or not all(isinstance(name, str) for name in counters):
            raise G2PInvalidInput(_("counters must be a list of counter names."))
        return super().counters(counters, **kw)
