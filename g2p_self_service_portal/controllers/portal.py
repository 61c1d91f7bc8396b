# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import uuid

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError
from odoo.http import request

from ..models.g2p_program import OPEN_APPLICATION_STATES

# Entitlement states shown to the registrant as benefits (approved or later).
BENEFIT_STATES = ("approved", "partially_paid", "paid", "expired")

# Record ids are PostgreSQL integers: a larger number in a URL is no record (404), not a
# failed query (500).
MAX_RECORD_ID = 2**31 - 1


def g2p_record_id(value):
    """``value`` as a record id, or 0 when it cannot be one."""
    try:
        number = int(value) if not isinstance(value, str) or value.isascii() else 0
    except (TypeError, ValueError):
        return 0
    return number if 0 < number <= MAX_RECORD_ID else 0


class G2PSelfServicePortal(CustomerPortal):
    """Registrant pages of the portal.

    Extension points (see readme/USAGE.md): ``_g2p_registrant``, ``_g2p_apply_get``,
    ``_g2p_apply_post``, plus ``_g2p_applicant`` and ``_g2p_answer_rows``.
    """

    # One page holds a registrant's usual volume; the pager takes over beyond it.
    _g2p_items_per_page = 80

    # ------------------------------------------------------------------
    # Who is asking
    # ------------------------------------------------------------------

    def _g2p_registrant(self):
        """The signed-in user's registrant partner; 404 for anyone else."""
        user = request.env.user
        if user._is_public() or not user.partner_id.is_registrant:
            raise NotFound()
        return user.partner_id

    def _g2p_partners(self):
        """The registrant and the households they head (see res.partner)."""
        return self._g2p_registrant()._g2p_portal_partners()

    def _g2p_applicant(self, program):
        """The partner applying to ``program``: the registrant or their household."""
        applicant = program._g2p_portal_applicant(self._g2p_partners())
        if not applicant:
            raise NotFound()
        return applicant

    def _g2p_program_check_access(self, program_id):
        """A program open to this registrant, read under the portal's record rules."""
        partners = self._g2p_partners()
        program_id = g2p_record_id(program_id)
        if not program_id:
            raise NotFound()
        Program = request.env["g2p.program"]
        program = Program.search(
            [("id", "=", program_id)] + Program._g2p_portal_open_domain(partners), limit=1
        )
        if not program:
            raise NotFound()
        return program

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        env = request.env
        values.update(
            {
                "application_states": env["g2p.program.application"]
                ._fields["state"]
                ._description_selection(env),
                "membership_states": env["g2p.program_membership"]
                ._fields["state"]
                ._description_selection(env),
                "entitlement_states": env["g2p.entitlement"]._fields["state"]._description_selection(env),
            }
        )
        return values

    def _g2p_enrolled_program_ids(self, partners, programs):
        """Ids of ``programs`` the registrant (or their household) is enrolled in; one query."""
        memberships = request.env["g2p.program_membership"].search(
            [
                ("partner_id", "in", partners.ids),
                ("program_id", "in", programs.ids),
                ("state", "=", "enrolled"),
            ]
        )
        return set(memberships.program_id.ids)

    def _g2p_draft_rows(self, partners):
        """Applications started and saved but not submitted, newest first.

        Override point for modules that save drafts (forms).

        :return: list of {"id", "program", "step", "step_count", "saved_on"}
        """
        return []

    def _g2p_pager(self, url, total, page, url_args=None):
        return portal_pager(url=url, total=total, page=page, step=self._g2p_items_per_page, url_args=url_args)

    def _g2p_applications_page(self, url, page):
        """The pager and one page of the registrant's applications, newest first."""
        Application = request.env["g2p.program.application"]
        domain = [("partner_id", "in", self._g2p_partners().ids)]
        pager = self._g2p_pager(url, Application.search_count(domain), page)
        applications = Application.search(
            domain,
            order="date_applied desc, id desc",
            limit=self._g2p_items_per_page,
            offset=pager["offset"],
        )
        return pager, applications

    def _g2p_answer_rows(self, applications):
        """Submitted answers as displayable rows, per application.

        Override point for modules that know the labels of their answers (forms).

        :return: {application_id: [(label, value_as_text), ...]}
        """
        rows = {}
        for application in applications:
            answers = application.answers or {}
            rows[application.id] = [
                (self._g2p_answer_label(key), self._g2p_answer_text(value))
                for key, value in (answers.items() if isinstance(answers, dict) else [])
            ]
        return rows

    def _g2p_answer_label(self, key):
        return str(key).replace("_", " ").strip().capitalize()

    def _g2p_answer_text(self, value):
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if value in (None, ""):
            return "—"
        if isinstance(value, list | tuple):
            return ", ".join(self._g2p_answer_text(v) for v in value)
        if isinstance(value, dict):
            return ", ".join(f"{k}: {self._g2p_answer_text(v)}" for k, v in value.items())
        return str(value)

    # ------------------------------------------------------------------
    # /my home tiles
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        g2p_counters = {
            "g2p_program_count",
            "g2p_open_program_count",
            "g2p_application_count",
            "g2p_benefit_count",
        }
        wanted = g2p_counters & set(counters)
        if not wanted:
            return values
        user = request.env.user
        if user._is_public() or not user.partner_id.is_registrant:
            values.update(dict.fromkeys(wanted, 0))
            return values
        partners = user.partner_id._g2p_portal_partners()
        env = request.env
        if "g2p_program_count" in wanted:
            values["g2p_program_count"] = env["g2p.program"].search_count(
                env["g2p.program"]._g2p_portal_my_domain(partners)
            )
        if "g2p_open_program_count" in wanted:
            values["g2p_open_program_count"] = env["g2p.program"].search_count(
                env["g2p.program"]._g2p_portal_open_domain(partners)
            )
        if "g2p_application_count" in wanted:
            values["g2p_application_count"] = env["g2p.program.application"].search_count(
                [("partner_id", "in", partners.ids)]
            )
        if "g2p_benefit_count" in wanted:
            values["g2p_benefit_count"] = env["g2p.entitlement"].search_count(
                self._g2p_benefit_domain(partners)
            )
        return values

    def _g2p_benefit_domain(self, partners):
        return [
            ("partner_id", "in", partners.ids),
            ("state", "in", BENEFIT_STATES),
            (
                "program_id.membership_ids",
                "any",
                [
                    ("partner_id", "in", partners.ids),
                    ("state", "=", "enrolled"),
                ],
            ),
        ]

    # ------------------------------------------------------------------
    # My Programs
    # ------------------------------------------------------------------

    @http.route(
        ["/my/programs", "/my/programs/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def g2p_my_programs(self, page=1, **kw):
        partners = self._g2p_partners()
        env = request.env
        Program = env["g2p.program"]
        domain = Program._g2p_portal_my_domain(partners)
        pager = self._g2p_pager("/my/programs", Program.search_count(domain), page)
        programs = Program.search(
            domain, order="name, id", limit=self._g2p_items_per_page, offset=pager["offset"]
        )
        memberships = env["g2p.program_membership"].search(
            [("partner_id", "in", partners.ids), ("program_id", "in", programs.ids)]
        )
        applications = env["g2p.program.application"].search(
            [("partner_id", "in", partners.ids), ("program_id", "in", programs.ids)],
            order="date_applied desc, id desc",
        )
        latest_application = {}
        for application in applications:
            latest_application.setdefault(application.program_id.id, application)
        Entitlement = env["g2p.entitlement"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_my_programs",
                "default_url": "/my/programs",
                "pager": pager,
                "programs": programs,
                "memberships": {m.program_id.id: m for m in memberships},
                "latest_application": latest_application,
                "funds": Entitlement._g2p_portal_funds(partners, programs),
                "fund_totals": Entitlement._g2p_portal_fund_totals(partners),
            }
        )
        return request.render("g2p_self_service_portal.portal_my_programs", values)

    # ------------------------------------------------------------------
    # All Programs
    # ------------------------------------------------------------------

    @http.route(
        ["/my/programs/all", "/my/programs/all/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def g2p_all_programs(self, page=1, **kw):
        partners = self._g2p_partners()
        Program = request.env["g2p.program"]
        domain = Program._g2p_portal_open_domain(partners)
        pager = self._g2p_pager("/my/programs/all", Program.search_count(domain), page)
        programs = Program.search(
            domain, order="name, id", limit=self._g2p_items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_all_programs",
                "default_url": "/my/programs/all",
                "pager": pager,
                "programs": programs,
                "apply_states": programs._g2p_portal_apply_states(partners),
                "g2p_enrolled_ids": self._g2p_enrolled_program_ids(partners, programs),
                "g2p_program_drafts": {row["program_id"]: row for row in self._g2p_draft_rows(partners)},
            }
        )
        return request.render("g2p_self_service_portal.portal_all_programs", values)

    # ------------------------------------------------------------------
    # Apply
    # ------------------------------------------------------------------

    @http.route(
        "/my/programs/<int:program_id>/apply",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def g2p_program_apply(self, program_id, **kw):
        program = self._g2p_program_check_access(program_id)
        applicant = self._g2p_applicant(program)
        Application = request.env["g2p.program.application"]
        is_post = request.httprequest.method == "POST"
        if is_post and kw.get("submission_key"):
            # A refresh or a double click re-posts a key already used: show its result.
            done = Application.search(
                [
                    ("partner_id", "=", applicant.id),
                    ("submission_key", "=", kw["submission_key"]),
                ],
                limit=1,
            )
            if done:
                return request.redirect(f"/my/applications/{done.id}")
        # sudo: the foundation's rule reads applications and memberships that the
        # portal rules may hide; the partner was checked to be the registrant's own.
        reason = program.sudo()._g2p_apply_refusal_reason(applicant.sudo())
        if reason:
            open_application = Application.search(
                [
                    ("partner_id", "=", applicant.id),
                    ("program_id", "=", program.id),
                    ("state", "in", OPEN_APPLICATION_STATES),
                ],
                limit=1,
            )
            if is_post and open_application:
                # Another tab already applied: one application, shown to both tabs.
                return request.redirect(f"/my/applications/{open_application.id}")
            return self._g2p_render_apply_refused(program, reason, open_application)
        if is_post:
            return self._g2p_apply_post(program, **kw)
        return self._g2p_apply_get(program, **kw)

    def _g2p_render_apply_refused(self, program, reason, open_application=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_apply",
                "program": program,
                "reason": reason,
                "open_application": open_application,
            }
        )
        return request.render("g2p_self_service_portal.portal_program_apply_refused", values)

    def _g2p_new_submission_key(self):
        return uuid.uuid4().hex

    def _g2p_apply_get(self, program, **kw):
        """Response of GET /my/programs/<id>/apply: a plain confirmation page.

        Called only once the program is open to the registrant and applying is allowed.
        """
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_apply",
                "program": program,
                "applicant": self._g2p_applicant(program),
                "submission_key": self._g2p_new_submission_key(),
            }
        )
        return request.render("g2p_self_service_portal.portal_program_apply", values)

    def _g2p_apply_post(self, program, **post):
        """Response of POST /my/programs/<id>/apply: submit, then show the application.

        Called only once the program is open to the registrant and applying is allowed.
        """
        applicant = self._g2p_applicant(program)
        key = (post.get("submission_key") or "").strip()[:128] or None
        try:
            # sudo: registrants cannot create applications directly; _g2p_submit is
            # the controlled path, for the registrant's own partner checked above.
            application = (
                request.env["g2p.program.application"]
                .sudo()
                ._g2p_submit(program.sudo(), applicant.sudo(), answers=None, submission_key=key)
            )
        except UserError as error:
            return self._g2p_render_apply_refused(program, str(error))
        return request.redirect(f"/my/applications/{application.id}?submitted=1")
