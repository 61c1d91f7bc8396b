# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models

from ..schema import FormSchema, tr


class G2PPortalFormVersion(models.Model):
    _name = "g2p.portal.form.version"
    _description = "Self-Service Portal Form Version"
    _order = "form_id, number desc"

    form_id = fields.Many2one("g2p.portal.form", required=True, ondelete="cascade", index=True, readonly=True)
    number = fields.Integer(required=True, readonly=True)
    schema = fields.Json(required=True, readonly=True, help="Snapshot used to validate and display answers.")
    application_ids = fields.One2many(
        "g2p.program.application", "form_version_id", "Applications", readonly=True
    )
    application_count = fields.Integer(compute="_compute_application_count", string="Applications count")
    preview_html = fields.Html(compute="_compute_preview_html", sanitize=False, string="Preview")

    _sql_constraints = [
        ("number_unique", "unique(form_id, number)", "A form cannot have two versions with the same number."),
    ]

    @api.depends("form_id.name", "number")
    def _compute_display_name(self):
        for version in self:
            version.display_name = _(
                "%(form)s (version %(number)s)", form=version.form_id.name, number=version.number
            )

    def _compute_application_count(self):
        groups = (
            self.env["g2p.program.application"]
            .sudo()
            ._read_group([("form_version_id", "in", self.ids)], ["form_version_id"], ["__count"])
        )
        counts = {version.id: count for version, count in groups}
        for version in self:
            version.application_count = counts.get(version.id, 0)

    @api.depends("schema")
    @api.depends_context("lang")
    def _compute_preview_html(self):
        lang = self.env.lang or "en_US"
        for version in self:
            schema = FormSchema(self.env, version.schema)
            version.preview_html = Markup(
                self.env["ir.qweb"]._render(
                    "g2p_portal_forms.form_preview", {"schema": schema, "lang": lang, "tr": tr, "values": {}}
                )
            )

    def _g2p_has_submissions(self):
        self.ensure_one()
        return bool(
            self.env["g2p.program.application"]
            .sudo()
            .search_count([("form_version_id", "=", self.id)], limit=1)
        )

    def _g2p_form_schema(self):
        self.ensure_one()
        return FormSchema(self.env, self.schema)
