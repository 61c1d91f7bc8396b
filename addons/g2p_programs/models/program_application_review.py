# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The review queue: what is missing on each application, and asking the registrant for it."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .workflow_mixin import in_transition

REVIEWABLE_STATES = ("submitted", "under_review")


class G2PProgramApplicationReview(models.Model):
    _inherit = "g2p.program.application"

    missing_document_type_ids = fields.Many2many(
        "g2p.document.type",
        string="Missing documents",
        compute="_compute_missing_documents",
        help="Documents the program requires that the application does not have yet.",
    )
    documents_missing = fields.Boolean(
        "Documents missing", compute="_compute_missing_documents", search="_search_documents_missing"
    )
    documents_requested_on = fields.Datetime(readonly=True, copy=False, tracking=True)

    @api.depends("program_id.required_document_type_ids", "document_ids.document_type_id")
    def _compute_missing_documents(self):
        for application in self:
            missing = (
                application.program_id.required_document_type_ids - application.document_ids.document_type_id
            )
            application.missing_document_type_ids = missing
            application.documents_missing = bool(missing)

    def _search_documents_missing(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on missing documents."))
        # One query, whatever the number of applications.
        required = self.env["g2p.program"]._fields["required_document_type_ids"]
        self.env.cr.execute(
            SQL(
                """
                SELECT a.id
                  FROM g2p_program_application a
                  JOIN %(rel)s r ON r.%(program)s = a.program_id
                 WHERE NOT EXISTS (
                       SELECT 1 FROM g2p_program_application_document d
                        WHERE d.application_id = a.id AND d.document_type_id = r.%(type)s)
                """,
                rel=SQL.identifier(required.relation),
                program=SQL.identifier(required.column1),
                type=SQL.identifier(required.column2),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        wanted = (operator == "=") == value
        return [("id", "in" if wanted else "not in", ids)]

    def action_request_documents(self, message):
        """Asks the registrant for documents, with the officer's message, on each application."""
        message = (message or "").strip()
        if not message:
            raise UserError(_("Write the message that tells the registrant which documents to send."))
        self._g2p_check_state(REVIEWABLE_STATES, _("request documents for"))
        self.check_access_rights("write")
        self.check_access_rule("write")
        now = fields.Datetime.now()
        in_transition(self).write({"documents_requested_on": now})
        for application in self:
            application._g2p_notify_registrant("documents_requested", note=message)
        return True
