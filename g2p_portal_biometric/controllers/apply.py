# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Applying for a program on a verified person's behalf, through the program's mapped portal
form: the same schema, validation, drafts, documents and receipt as the portal."""

import logging

from markupsafe import Markup

from odoo import _, http
from odoo.addons.g2p_portal_forms.controllers.apply import G2PPortalFormsPortal
from odoo.addons.g2p_portal_forms.schema import FORM_ERROR, tr
from odoo.addons.g2p_self_service_portal.controllers.applications import G2PApplicationPortal
from odoo.addons.g2p_self_service_portal.controllers.portal import g2p_record_id
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from .common import check_csrf, check_officer, record_id, verified_attempt

_logger = logging.getLogger(__name__)


class G2PAssistedApplyController(http.Controller):
    def _person(self, partner_id):
        """A registrant whose identity this officer proved in this session."""
        partner = request.env["res.partner"].browse(record_id(partner_id)).exists()
        if not partner or not partner.is_registrant or partner.is_group:
            raise UserError(_("This registrant does not exist."))
        attempt = verified_attempt(partner.id)
        if not attempt or attempt.partner_id != partner or attempt.result != "match":
            raise UserError(_("Verify the person's identity first."))
        return partner, attempt

    def _program(self, partner, program_id):
        Program = request.env["g2p.program"].sudo()
        program = Program.search(
            [("id", "=", record_id(program_id))] + Program._g2p_portal_open_domain(partner), limit=1
        )
        if not program:
            raise UserError(_("This program is not open to this person."))
        return program

    @http.route("/g2p_biometric/programs", type="json", auth="user", methods=["POST"])
    def programs(self, csrf_token=None, partner_id=None, **_unused):
        check_officer()
        check_csrf(csrf_token)
        partner, _attempt = self._person(partner_id)
        # sudo: program configuration and the foundation's refusal rules; the officer proved
        # who the person is.
        Program = request.env["g2p.program"].sudo()
        programs = Program.search(Program._g2p_portal_open_domain(partner), order="name, id", limit=80)
        reasons = programs._g2p_refusal_reasons(partner.sudo()) if programs else {}
        Application = request.env["g2p.program.application"].sudo()
        applications = Application.search(
            [("partner_id", "=", partner.id), ("program_id", "in", programs.ids)], order="id desc"
        )
        return [
            {
                "id": program.id,
                "name": program.name,
                "has_form": bool(program.portal_form_id.active and program.portal_form_id.current_version_id),
                "refused": reasons.get(program.id) or False,
                "applications": [
                    {"id": a.id, "name": a.name, "state": a.state, "assisted": a.assisted}
                    for a in applications
                    if a.program_id == program
                ][:3],
            }
            for program in programs
        ]

    def _render(self, program, partner, draft, step_index, errors=None, posted=None):
        schema = draft._g2p_schema()
        lang = request.env.lang or "en_US"
        values = draft._g2p_display_values(schema)
        errors = errors or {}
        for name in errors:
            field = schema.by_name.get(name)
            if posted and field and field["type"] not in ("file", "boolean") and name in posted:
                raw = posted[name]
                values[name] = raw if field["type"] == "multi_selection" else (raw[-1] if raw else "")
        step = schema.steps[step_index]
        html = request.env["ir.qweb"]._render(
            "g2p_portal_forms.form_step_fields",
            {
                "schema": schema,
                "step_index": step_index,
                "values": values,
                "errors": errors,
                "locked_names": draft._g2p_locked(schema),
                "preview": False,
                "lang": lang,
                "tr": tr,
            },
        )
        return {
            "program": {"id": program.id, "name": program.name},
            "title": tr(schema.schema.get("title"), lang) or program.name,
            "step_index": step_index,
            "step_count": len(schema.steps),
            "step_title": tr(step.get("title"), lang) or "",
            "html": str(Markup(html)),
            "form_error": str(errors.get(FORM_ERROR) or ""),
            "has_errors": bool(errors),
            "submission_key": draft.submission_key,
        }

    @http.route("/g2p_biometric/apply/form", type="json", auth="user", methods=["POST"])
    def apply_form(self, csrf_token=None, partner_id=None, program_id=None, **_unused):
        check_officer()
        check_csrf(csrf_token)
        partner, _attempt = self._person(partner_id)
        program = self._program(partner, program_id)
        if not G2PPortalFormsPortal()._g2p_mapped_version(program):
            return {"program": {"id": program.id, "name": program.name}, "html": False}
        draft = request.env["g2p.portal.form.draft"]._g2p_for(program, partner)
        return self._render(program, partner, draft, draft.step_index)

    @http.route(
        "/g2p_biometric/apply/<int:partner_id>/<int:program_id>",
        type="http",
        auth="user",
        methods=["POST"],
        csrf=True,
    )
    def apply_step(self, partner_id, program_id, **post):
        """One step of the form (multipart, CSRF-checked by Odoo); answers as JSON."""
        try:
            check_officer()
            partner, attempt = self._person(partner_id)
            program = self._program(partner, program_id)
            result = self._apply_step(program, partner, attempt, post)
        except (AccessError, UserError, ValidationError) as error:
            result = {"error": str(error.args[0] if error.args else error)}
        return request.make_json_response(result)

    def _apply_step(self, program, partner, attempt, post):
        reason = program._g2p_apply_refusal_reason(partner.sudo())
        if reason:
            return {"error": reason}
        portal = G2PPortalFormsPortal()
        if not portal._g2p_mapped_version(program):
            key = str(post.get("submission_key") or "").strip()[:128] or None
            application = (
                request.env["g2p.program.application"]
                .sudo()
                ._g2p_submit(program, partner.sudo(), answers=None, submission_key=key)
            )
            return self._submitted(application, attempt)
        draft = request.env["g2p.portal.form.draft"]._g2p_for(program, partner)
        schema = draft._g2p_schema()
        step_index = draft._g2p_posted_step(schema, post.get("g2p_step"))
        action = post.get("g2p_action") or "next"
        form_data, files = portal._g2p_form_payload(draft, schema)
        move = {"back": -1, "next": 1}.get(action, 0)
        errors = draft._g2p_save_step(step_index, form_data, files, move=move)
        if errors and action != "back":
            return self._render(program, partner, draft, step_index, errors, form_data)
        if action != "submit":
            return self._render(program, partner, draft, draft.step_index)
        if step_index != len(schema.steps) - 1:
            return self._render(program, partner, draft, draft.step_index)
        application, error_step, errors = draft._g2p_submit_or_errors()
        if not application:
            step = step_index if error_step is None else error_step
            return self._render(program, partner, draft, step, errors)
        return self._submitted(application, attempt)

    def _submitted(self, application, attempt):
        if application.partner_id == attempt.partner_id and not application.assisted_by_id:
            application.sudo().write(
                {"assisted": True, "assisted_by_id": request.env.uid, "assisted_attempt_id": attempt.id}
            )
            _logger.info(
                "Assisted application %s by officer %s (proof %s)",
                application.id,
                request.env.uid,
                attempt.id,
            )
        return {
            "application": {
                "id": application.id,
                "name": application.name,
                "state": application.state,
                "receipt_url": f"/g2p_biometric/receipt/{application.id}",
            }
        }

    @http.route("/g2p_biometric/receipt/<int:application_id>", type="http", auth="user", website=True)
    def receipt(self, application_id, **kw):
        """The portal's receipt (QR code and check link), printed for the person."""
        if not request.env.user.has_group("g2p_portal_biometric.group_g2p_assisted_officer"):
            return request.not_found()
        application = request.env["g2p.program.application"].search(
            [("id", "=", g2p_record_id(application_id)), ("assisted", "=", True)], limit=1
        )
        if not application:
            return request.not_found()
        portal = G2PApplicationPortal()
        check_url = portal._g2p_application_check_url(application)
        values = portal._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_receipt",
                "application": application,
                "check_url": check_url,
                "qr_code": portal._g2p_qr_data_uri(f"{application.name}\n{check_url}"),
            }
        )
        return request.render("g2p_self_service_portal.portal_application_receipt", values)
