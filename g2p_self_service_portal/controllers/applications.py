# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import logging

import qrcode
from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.addons.g2p_programs import upload_words
from odoo.exceptions import UserError, ValidationError
from odoo.http import content_disposition, request

from .portal import G2PSelfServicePortal, g2p_record_id

_logger = logging.getLogger(__name__)

DOCUMENT_STATES = ("submitted", "under_review")


class G2PApplicationPortal(G2PSelfServicePortal):
    """My Applications: list, detail, receipt and supporting documents."""

    def _g2p_application_check_access(self, application_id):
        """The registrant's own application or 404, read under the portal's record rules."""
        partners = self._g2p_partners()
        application_id = g2p_record_id(application_id)
        if not application_id:
            raise NotFound()
        application = request.env["g2p.program.application"].search(
            [("id", "=", application_id), ("partner_id", "in", partners.ids)], limit=1
        )
        if not application:
            raise NotFound()
        return application

    def _g2p_document_check_access(self, application, document_id):
        document_id = g2p_record_id(document_id)
        if not document_id:
            raise NotFound()
        document = request.env["g2p.program.application.document"].search(
            [("id", "=", document_id), ("application_id", "=", application.id)], limit=1
        )
        if not document:
            raise NotFound()
        return document

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------

    @http.route(
        ["/my/applications", "/my/applications/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def g2p_my_applications(self, page=1, **kw):
        pager, applications = self._g2p_applications_page("/my/applications", page)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_applications",
                "default_url": "/my/applications",
                "pager": pager,
                "applications": applications,
                "g2p_drafts": self._g2p_draft_rows(self._g2p_partners()),
                "g2p_discarded": bool(kw.get("discarded")),
            }
        )
        return request.render("g2p_self_service_portal.portal_my_applications", values)

    def _g2p_missing_document_types(self, application):
        """Required documents still to provide, only while the registrant can provide them.

        Documents uploaded with the form count as provided (they are the application's
        documents too)."""
        if application.state not in DOCUMENT_STATES:
            return application.program_id.required_document_type_ids.browse()
        return application.program_id.required_document_type_ids - application.document_ids.document_type_id

    def _g2p_application_values(self, application, **extra):
        program = application.program_id
        documents = application.document_ids
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_application",
                "application": application,
                "program": program,
                "history": application.status_history_ids,
                "answer_rows": self._g2p_answer_rows(application)[application.id],
                "documents": documents,
                "missing_document_types": self._g2p_missing_document_types(application),
                "can_edit_documents": application.state in DOCUMENT_STATES,
                "document_types": program.required_document_type_ids,
                "max_size_mb": program.document_max_size_mb,
                "allowed_mimetypes": program.document_allowed_mimetypes or "",
                "upload_hint": _(
                    "%(kinds)s, at most %(limit)s.",
                    kinds=upload_words.file_kinds(program._g2p_allowed_mimetypes()),
                    limit=upload_words.limit_text(program.document_max_size_mb),
                )
                if program.document_max_size_mb
                else upload_words.file_kinds(program._g2p_allowed_mimetypes()),
                "submitted": False,
                "upload_error": False,
                "upload_done": False,
            }
        )
        values.update(extra)
        return values

    @http.route(
        "/my/applications/<int:application_id>",
        type="http",
        auth="user",
        website=True,
    )
    def g2p_application(self, application_id, submitted=None, uploaded=None, removed=None, **kw):
        application = self._g2p_application_check_access(application_id)
        values = self._g2p_application_values(
            application,
            submitted=bool(submitted),
            upload_done=(_("Document uploaded.") if uploaded else False)
            or (_("Document removed.") if removed else False),
        )
        return request.render("g2p_self_service_portal.portal_application", values)

    def _g2p_qr_data_uri(self, text):
        image = qrcode.make(text, box_size=6, border=2)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()

    def _g2p_application_check_url(self, application):
        return f"{application.get_base_url()}/my/applications/{application.id}"

    def _g2p_receipt_verify_url(self, application):
        return f"{application.get_base_url()}/g2p/receipt/{application._g2p_receipt_reference()}"

    @http.route(
        "/my/applications/<int:application_id>/receipt",
        type="http",
        auth="user",
        website=True,
    )
    def g2p_application_receipt(self, application_id, **kw):
        application = self._g2p_application_check_access(application_id)
        check_url = self._g2p_application_check_url(application)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_receipt",
                "application": application,
                "check_url": check_url,
                # The QR code leads to the verification page, signed: officers can check it.
                "qr_code": self._g2p_qr_data_uri(self._g2p_receipt_verify_url(application)),
            }
        )
        return request.render("g2p_self_service_portal.portal_application_receipt", values)

    # ------------------------------------------------------------------
    # Documents
    # ------------------------------------------------------------------

    def _g2p_render_upload_error(self, application, message):
        values = self._g2p_application_values(application, upload_error=message)
        return request.render("g2p_self_service_portal.portal_application", values, status=400)

    @http.route(
        "/my/applications/<int:application_id>/documents",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def g2p_application_document_upload(
        self, application_id, document_type_id=None, file=None, replace_document_id=None, **kw
    ):
        application = self._g2p_application_check_access(application_id)
        if application.state not in DOCUMENT_STATES:
            return self._g2p_render_upload_error(
                application,
                _("Documents can only be changed while the application is submitted or under review."),
            )
        replaced = request.env["g2p.program.application.document"]
        if replace_document_id:
            replaced = self._g2p_document_check_access(application, replace_document_id)
        document_type = application.program_id.required_document_type_ids.filtered(
            lambda t: str(t.id) == str(document_type_id or "")
        )
        if not document_type:
            return self._g2p_render_upload_error(application, _("Choose which document you are uploading."))
        if not file or not getattr(file, "filename", None):
            return self._g2p_render_upload_error(application, _("Choose a file to upload."))
        # Read at most one byte beyond the program's limit: the foundation refuses it
        # with its own message, and a huge upload is never held fully in memory.
        limit = int((application.program_id.document_max_size_mb or 0) * 1024 * 1024) + 1
        size = upload_words.stream_size(file)
        raw = file.read(limit) if limit > 1 else file.read()
        if size is not None:
            raw = upload_words.SizedBytes.of(raw, size)
        try:
            with request.env.cr.savepoint():
                # sudo: registrants have no create or write right on documents and
                # attachments; the foundation's methods check size and type by
                # content, on the registrant's own application checked above.
                if replaced:
                    replaced.sudo()._g2p_replace_content(file.filename, raw)
                    if replaced.document_type_id != document_type:
                        replaced.sudo().document_type_id = document_type
                else:
                    application.sudo()._g2p_add_document(document_type, file.filename, raw)
        except (ValidationError, UserError) as error:
            _logger.info("Portal upload refused on application %s: %s", application.name, error)
            return self._g2p_render_upload_error(application, str(error))
        return request.redirect(f"/my/applications/{application.id}?uploaded=1#documents")

    @http.route(
        "/my/applications/<int:application_id>/documents/<int:document_id>/remove",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def g2p_application_document_remove(self, application_id, document_id, **kw):
        application = self._g2p_application_check_access(application_id)
        document = self._g2p_document_check_access(application, document_id)
        if application.state not in DOCUMENT_STATES:
            return self._g2p_render_upload_error(
                application,
                _("Documents can only be changed while the application is submitted or under review."),
            )
        # sudo: registrants have no unlink right; ownership and state were checked
        # above. The foundation removes the attachment with the document.
        document.sudo().unlink()
        return request.redirect(f"/my/applications/{application.id}?removed=1#documents")

    @http.route(
        "/my/applications/<int:application_id>/documents/<int:document_id>",
        type="http",
        auth="user",
        website=True,
    )
    def g2p_application_document_download(self, application_id, document_id, **kw):
        application = self._g2p_application_check_access(application_id)
        document = self._g2p_document_check_access(application, document_id)
        # sudo: attachment access is decided by the document, checked above.
        attachment = document.sudo().attachment_id
        headers = [
            ("Content-Type", attachment.mimetype or "application/octet-stream"),
            ("Content-Disposition", content_disposition(attachment.name or "document")),
            ("X-Content-Type-Options", "nosniff"),
        ]
        return request.make_response(attachment.raw or b"", headers)
