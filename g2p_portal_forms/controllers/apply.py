# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from markupsafe import Markup

from odoo import _
from odoo.addons.g2p_programs import upload_words
from odoo.addons.g2p_self_service_portal.controllers.portal import G2PSelfServicePortal
from odoo.http import request

from ..schema import tr
from . import review

_logger = logging.getLogger(__name__)

# Read at most this much of an upload whose field and program set no limit.
_DEFAULT_READ_LIMIT_MB = 25


class G2PPortalFormsPortal(G2PSelfServicePortal):
    """Applying through the form mapped to the program, when there is one."""

    def _g2p_mapped_version(self, program):
        # sudo: forms are configuration registrants cannot read; the portal already
        # checked that this program is open to the registrant.
        form = program.sudo().portal_form_id
        return form.current_version_id if form.active else form.current_version_id.browse()

    def _g2p_apply_get(self, program, **kw):
        if not self._g2p_mapped_version(program):
            return super()._g2p_apply_get(program, **kw)
        applicant = self._g2p_applicant(program)
        draft = request.env["g2p.portal.form.draft"]._g2p_for(program, applicant)
        step_count = len(draft._g2p_schema().steps)
        if kw.get("g2p_review") and draft.step_index == step_count - 1:
            return self._g2p_render_review(program, applicant, draft)
        goto = str(kw.get("g2p_goto") or "")
        if goto.isdigit() and int(goto) <= draft.step_index:
            # "Change" on the check-your-answers page: any step already reached.
            return self._g2p_render_form(program, applicant, draft, int(goto))
        return self._g2p_render_form(program, applicant, draft, draft.step_index)

    def _g2p_render_review(self, program, applicant, draft):
        schema = draft._g2p_schema()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_apply",
                "program": program,
                "applicant": applicant,
                "sections": review.review_sections(request.env, draft, schema, request.env.lang or "en_US"),
                "last_step": len(schema.steps) - 1,
                "submission_key": draft.submission_key,
            }
        )
        return request.render("g2p_portal_forms.portal_form_review", values)

    def _g2p_apply_post(self, program, **post):
        if not self._g2p_mapped_version(program):
            return super()._g2p_apply_post(program, **post)
        applicant = self._g2p_applicant(program)
        draft = request.env["g2p.portal.form.draft"]._g2p_for(program, applicant)
        schema = draft._g2p_schema()
        step_index = draft._g2p_posted_step(schema, post.get("g2p_step"))
        action = post.get("g2p_action") or "next"
        form_data = {}
        if action == "submit" and post.get("g2p_from_review"):
            # Submitted from "Check your answers": every step is saved already.
            errors = {}
        else:
            form_data, files = self._g2p_form_payload(draft, schema)
            move = {"back": -1, "next": 1}.get(action, 0)
            errors = draft._g2p_save_step(step_index, form_data, files, move=move)
        if errors and action != "back":
            return self._g2p_render_form(program, applicant, draft, step_index, errors, form_data)
        if action == "review":
            if step_index != len(schema.steps) - 1:
                return request.redirect(f"/my/programs/{program.id}/apply")
            return request.redirect(f"/my/programs/{program.id}/apply?g2p_review=1")
        if action == "submit":
            if step_index != len(schema.steps) - 1:
                return request.redirect(f"/my/programs/{program.id}/apply")
            application, error_step, errors = draft._g2p_submit_or_errors()
            if not application:
                step = step_index if error_step is None else error_step
                return self._g2p_render_form(program, applicant, draft, step, errors)
            return request.redirect(f"/my/applications/{application.id}?submitted=1")
        return request.redirect(f"/my/programs/{program.id}/apply")

    def _g2p_form_payload(self, draft, schema):
        """The posted values (name -> list of strings) and files (name -> (filename, bytes)).

        Uploads are read up to their limit plus one byte: enough to refuse an oversized
        file without holding all of it."""
        form = request.httprequest.form
        form_data = {key: form.getlist(key) for key in form}
        program_limit = draft.program_id.sudo().document_max_size_mb or 0
        files = {}
        for key in request.httprequest.files:
            upload = next((f for f in reversed(request.httprequest.files.getlist(key)) if f.filename), None)
            if upload is None:
                continue
            field = schema.by_name.get(key) or {}
            limit_mb = min(
                [m for m in (field.get("max_size_mb"), program_limit) if m] or [_DEFAULT_READ_LIMIT_MB]
            )
            size = upload_words.stream_size(upload)
            data = upload.read(int(limit_mb * 1024 * 1024) + 1)
            files[key] = (
                upload.filename,
                upload_words.SizedBytes.of(data, size) if size is not None else data,
            )
        return form_data, files

    def _g2p_render_form(self, program, applicant, draft, step_index, errors=None, posted=None):
        schema = draft._g2p_schema()
        lang = request.env.lang or "en_US"
        values = draft._g2p_display_values(schema)
        locked = draft._g2p_locked(schema)
        errors = errors or {}
        # What the person typed stays in the fields that have an error.
        for name in errors:
            field = schema.by_name.get(name)
            if posted and field and field["type"] not in ("file", "boolean") and name in posted:
                raw = posted[name]
                values[name] = raw if field["type"] == "multi_selection" else (raw[-1] if raw else "")
        step_count = len(schema.steps)
        result = self._prepare_portal_layout_values()
        result.update(
            {
                "page_name": "g2p_apply",
                "program": program,
                "applicant": applicant,
                "schema": schema,
                "step_index": step_index,
                "step_counter": _("Step %(current)s of %(total)s", current=step_index + 1, total=step_count),
                "progress": int((step_index + 1) * 100 / step_count) if step_count else 100,
                "values": values,
                "errors": errors,
                "locked_names": locked,
                "lang": lang,
                "tr": tr,
                "intro": Markup(tr(schema.schema.get("intro"), lang) or ""),
                "submission_key": draft.submission_key,
                "upload_hints": self._g2p_upload_hints(schema, draft),
            }
        )
        status = 200
        return request.render("g2p_portal_forms.portal_form_page", result, status=status)

    def _g2p_upload_hints(self, schema, draft):
        """{file field name: "PDF or PNG, at most 2 MB."}: the one limit that applies (the
        field's or the program's, whichever is smaller) and the kinds in words."""
        program = draft.program_id.sudo()
        program_limit = program.document_max_size_mb or 0
        program_kinds = program._g2p_allowed_mimetypes()
        hints = {}
        for field in schema.fields:
            if field.get("type") != "file":
                continue
            limit = min([m for m in (field.get("max_size_mb"), program_limit) if m] or [0])
            kinds = set(field.get("mimetypes") or [])
            kinds = (kinds & program_kinds if kinds else program_kinds) or kinds
            words = upload_words.file_kinds(kinds)
            if limit:
                hints[field["name"]] = _(
                    "%(kinds)s, at most %(limit)s.", kinds=words, limit=upload_words.limit_text(limit)
                )
            else:
                hints[field["name"]] = words
        return hints

    def _g2p_answer_rows(self, applications):
        rows = super()._g2p_answer_rows(applications)
        lang = request.env.lang or "en_US"
        for application in applications.filtered("form_version_id"):
            rows[application.id] = application._g2p_answer_rows(lang)
        return rows
