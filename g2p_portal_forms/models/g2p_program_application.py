# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.tools import format_date

from ..schema import FormSchema, tr


class G2PProgramApplication(models.Model):
    _inherit = "g2p.program.application"

    form_version_id = fields.Many2one(
        "g2p.portal.form.version",
        "Form version",
        readonly=True,
        ondelete="restrict",
        index=True,
        help="The version of the portal form this application was filled with; its labels display the answers.",
    )

    def _g2p_answer_rows(self, lang=None):
        """(label, text) of each answer, labelled by the application's own form version."""
        self.ensure_one()
        answers = self.answers or {}
        if not self.form_version_id:
            return [
                (self._g2p_key_label(key), self._g2p_answer_text(None, value, lang))
                for key, value in answers.items()
            ]
        lang = lang or self.env.lang or "en_US"
        schema = FormSchema(self.env, self.form_version_id.sudo().schema)
        rows = []
        for field in schema.fields:
            if field["name"] in answers:
                rows.append(
                    (tr(field["label"], lang), self._g2p_answer_text(field, answers[field["name"]], lang))
                )
        rows += [
            (self._g2p_key_label(key), self._g2p_answer_text(None, value, lang))
            for key, value in answers.items()
            if key not in schema.by_name
        ]
        return rows

    @staticmethod
    def _g2p_key_label(key):
        """An answer without a form label, readable ("household_size" -> "Household size")."""
        return str(key).replace("_", " ").strip().capitalize()

    def _g2p_answer_text(self, field, value, lang):
        if (field or {}).get("type") == "date" and value and isinstance(value, str):
            try:
                return format_date(self.env, fields.Date.to_date(value), lang_code=lang, date_format="long")
            except ValueError:
                return value
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, dict):
            return value.get("name") or ""
        options = {o["value"]: tr(o["label"], lang) for o in (field or {}).get("options") or []}
        if isinstance(value, list):
            return ", ".join(str(options.get(v, v)) for v in value)
        return str(options.get(value, value)) if value is not None else ""

    @api.depends("answers", "form_version_id")
    @api.depends_context("lang")
    def _compute_answers_html(self):
        with_version = self.filtered("form_version_id")
        for application in with_version:
            rows = application._g2p_answer_rows()
            body = Markup("").join(
                Markup("<tr><th>%s</th><td>%s</td></tr>") % (label, text) for label, text in rows
            )
            application.answers_html = (
                Markup('<table class="table table-sm o_g2p_answers"><tbody>%s</tbody></table>') % body
                if rows
                else Markup("<p>%s</p>") % escape(_("No answers."))
            )
        others = self - with_version
        if others:
            return super(G2PProgramApplication, others)._compute_answers_html()
        return None
