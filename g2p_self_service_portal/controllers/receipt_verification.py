# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)


class G2PReceiptVerification(http.Controller):
    """Where a receipt's QR code leads: anyone learns whether the receipt is genuine, for
    whom (masked name) and which program; an officer who may read the application also
    gets its status and a link to it in the backend."""

    @http.route(
        "/g2p/receipt/<string:reference>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def g2p_receipt_verify(self, reference, **kw):
        Application = request.env["g2p.program.application"]
        application = Application._g2p_verify_receipt_reference(reference[:100])
        values = {"genuine": bool(application), "reference": reference[:100]}
        if not application:
            _logger.info("Receipt reference refused: %r", reference[:100])
            return request.render("g2p_self_service_portal.receipt_verification", values, status=404)
        values.update(
            {
                "masked_name": application._g2p_masked_name(),
                "program_name": application.program_id.name,
                "application_name": application.name,
                "officer_application": self._g2p_officer_application(application),
            }
        )
        return request.render("g2p_self_service_portal.receipt_verification", values)

    def _g2p_officer_application(self, application):
        """The application as the current user may read it in the backend, or None."""
        user = request.env.user
        if not user._is_internal():
            return None
        mine = application.with_user(user).sudo(False)
        if not mine.check_access_rights("read", raise_exception=False):
            return None
        return mine if mine.search_count([("id", "=", application.id)]) else None
