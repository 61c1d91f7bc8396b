# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.addons.g2p_self_service_portal.controllers.portal import G2PSelfServicePortal, g2p_record_id
from odoo.http import request
from odoo.tools import format_date

# Where a discarded draft may send the person back to (no open redirect).
DISCARD_RETURN_URLS = ("/my", "/my/applications", "/my/programs/all")


class G2PPortalFormDrafts(G2PSelfServicePortal):
    """Applications started on a form and saved, not yet submitted: listed, resumed, discarded."""

    def _g2p_draft_rows(self, partners):
        # sudo: registrants have no access to drafts; the search is limited to their own
        # partners (the registrant and the households they head).
        drafts = (
            request.env["g2p.portal.form.draft"]
            .sudo()
            .search(
                [("partner_id", "in", partners.ids), ("state", "=", "draft")],
                order="write_date desc, id desc",
            )
        )
        # Read every draft's program and form version in one query each (prefetch).
        drafts.mapped("program_id.name")
        drafts.mapped("version_id.schema")
        rows = []
        for draft in drafts:
            step_count = len((draft.version_id.schema or {}).get("steps") or []) or 1
            step = min(draft.step_index, step_count - 1) + 1
            rows.append(
                {
                    "id": draft.id,
                    "program": draft.program_id,
                    "program_id": draft.program_id.id,
                    "step": step,
                    "step_count": step_count,
                    "saved_on": draft.write_date,
                    "status": _(
                        "Step %(step)s of %(total)s, saved on %(date)s",
                        step=step,
                        total=step_count,
                        date=format_date(request.env, draft.write_date, date_format="long"),
                    ),
                    "continue_url": f"/my/programs/{draft.program_id.id}/apply",
                    "discard_url": f"/my/drafts/{draft.id}/discard",
                }
            )
        return rows

    @http.route("/my/drafts/<int:draft_id>/discard", type="http", auth="user", website=True, methods=["POST"])
    def g2p_draft_discard(self, draft_id, return_to=None, **kw):
        partners = self._g2p_partners()
        draft_id = g2p_record_id(draft_id)
        # sudo: see _g2p_draft_rows; a draft of anyone else is a 404, like a missing one.
        draft = (
            request.env["g2p.portal.form.draft"]
            .sudo()
            .search(
                [("id", "=", draft_id), ("partner_id", "in", partners.ids), ("state", "=", "draft")],
                limit=1,
            )
            if draft_id
            else None
        )
        if not draft:
            raise NotFound()
        draft._g2p_unlink_with_files()
        target = return_to if return_to in DISCARD_RETURN_URLS else "/my/applications"
        return request.redirect(f"{target}?discarded=1")
