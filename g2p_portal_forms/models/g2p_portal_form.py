# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, fields, models

from ..schema import FormSchema, InvalidValue, tr

NO_SYNC = "g2p_portal_form_no_sync"


class G2PPortalForm(models.Model):
    _name = "g2p.portal.form"
    _description = "Self-Service Portal Form"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char("Title", required=True, translate=True, tracking=True)
    intro = fields.Html("Introduction", translate=True, help="Shown above the form on the portal.")
    active = fields.Boolean(default=True)
    # Copied by copy() itself: fields point to steps and to each other.
    step_ids = fields.One2many("g2p.portal.form.step", "form_id", "Steps")
    field_ids = fields.One2many("g2p.portal.form.field", "form_id", "Fields")
    version_ids = fields.One2many("g2p.portal.form.version", "form_id", "Versions", readonly=True)
    current_version_id = fields.Many2one(
        "g2p.portal.form.version", compute="_compute_current_version", string="Current version"
    )
    version_count = fields.Integer(compute="_compute_current_version", string="Versions count")
    program_ids = fields.One2many("g2p.program", "portal_form_id", "Programs", readonly=True)
    application_count = fields.Integer(compute="_compute_application_count", string="Submissions")
    preview_html = fields.Html(compute="_compute_preview_html", sanitize=False, string="Preview")

    @api.depends("version_ids.number")
    def _compute_current_version(self):
        for form in self:
            versions = form.version_ids.sorted("number")
            form.current_version_id = versions[-1:]
            form.version_count = len(versions)

    def _compute_application_count(self):
        groups = (
            self.env["g2p.program.application"]
            .sudo()
            ._read_group([("form_version_id.form_id", "in", self.ids)], ["form_version_id"], ["__count"])
        )
        counts = {}
        for version, count in groups:
            counts[version.form_id.id] = counts.get(version.form_id.id, 0) + count
        for form in self:
            form.application_count = counts.get(form.id, 0)

    @api.depends(
        "name",
        "intro",
        "step_ids.title",
        "step_ids.sequence",
        "field_ids",
        "field_ids.label",
        "field_ids.help",
        "field_ids.field_type",
        "field_ids.widget",
        "field_ids.required",
        "field_ids.default_value",
        "field_ids.sequence",
        "field_ids.step_id",
        "field_ids.step_number",
        "field_ids.option_ids",
        "field_ids.option_ids.label",
        "field_ids.visible_if_field_id",
        "field_ids.visible_if_value",
    )
    @api.depends_context("lang")
    def _compute_preview_html(self):
        qweb = self.env["ir.qweb"]
        lang = self.env.lang or "en_US"
        for form in self:
            schema = FormSchema(self.env, form._g2p_build_schema(langs=[lang]))
            form.preview_html = Markup(
                qweb._render(
                    "g2p_portal_forms.form_preview",
                    {"schema": schema, "lang": lang, "tr": tr, "values": form._g2p_default_answers(schema)},
                )
            )

    @api.model
    def _g2p_default_answers(self, schema):
        answers = {}
        for field in schema.fields:
            default = field.get("default")
            if default in (None, ""):
                continue
            try:
                value = schema.coerce(
                    field, [default] if field["type"] != "multi_selection" else default.split(",")
                )
            except (InvalidValue, ValueError, TypeError):  # a bad default simply does not prefill
                continue
            if value is not None and field["type"] != "file":
                answers[field["name"]] = value
        return answers

    # -- schema and versions -----------------------------------------------------------------
    def _g2p_langs(self):
        return [code for code, _name in self.env["res.lang"].get_installed()]

    def _g2p_translations(self, record, field_name, langs):
        return {lang: record.with_context(lang=lang)[field_name] or "" for lang in langs}

    def _g2p_build_schema(self, langs=None):
        """The JSON snapshot of this form, every translatable text in every language."""
        self.ensure_one()
        langs = langs or self._g2p_langs()
        steps = self.step_ids.sorted("sequence")

        def key(step):
            # In the builder's onchange, steps are new records wrapping saved ones.
            return step._origin.id or step.id

        step_fields = {key(step): [] for step in steps}
        first_step = key(steps[:1]) if steps else 0
        step_fields.setdefault(first_step, [])
        for field in self.field_ids.sorted("sequence"):
            step = steps[field.step_number - 1] if 0 < field.step_number <= len(steps) else field.step_id
            step_key = key(step) if step else first_step
            step_fields.get(step_key, step_fields[first_step]).append(field._g2p_schema(langs))
        schema_steps = [
            {
                "title": self._g2p_translations(step, "title", langs),
                "description": self._g2p_translations(step, "description", langs),
                "fields": step_fields[key(step)],
            }
            for step in steps
        ]
        if not steps:
            schema_steps = [{"title": {}, "description": {}, "fields": step_fields[0]}]
        return {
            "title": self._g2p_translations(self, "name", langs),
            "intro": {
                lang: str(value or "") for lang, value in self._g2p_translations(self, "intro", langs).items()
            },
            "steps": schema_steps,
        }

    def _g2p_sync_version(self):
        """Keeps the latest version equal to the form: updated in place while nobody has
        submitted it, a new version as soon as it has submissions, so every application
        keeps the schema it was filled with."""
        Version = self.env["g2p.portal.form.version"].sudo()
        for form in self:
            schema = form._g2p_build_schema()
            last = Version.search([("form_id", "=", form.id)], order="number desc", limit=1)
            if last and last.schema == schema:
                continue
            if last and not last._g2p_has_submissions():
                last.schema = schema
            else:
                Version.create({"form_id": form.id, "number": (last.number or 0) + 1, "schema": schema})
        self.invalidate_recordset(["version_ids", "current_version_id", "version_count"])

    @api.model_create_multi
    def create(self, vals_list):
        forms = super(G2PPortalForm, self.with_context(**{NO_SYNC: True})).create(vals_list)
        forms = forms.with_context(**{NO_SYNC: False})
        if not self.env.context.get(NO_SYNC):
            forms._g2p_sync_version()
        return forms

    def write(self, vals):
        result = super(G2PPortalForm, self.with_context(**{NO_SYNC: True})).write(vals)
        if not self.env.context.get(NO_SYNC) and set(vals) - {"active", "message_main_attachment_id"}:
            self._g2p_sync_version()
        return result

    def copy(self, default=None):
        self.ensure_one()
        default = dict(default or {})
        default.setdefault("name", _("%s (copy)", self.name))
        quiet = self.with_context(**{NO_SYNC: True})
        new = super(G2PPortalForm, quiet).copy(default)
        steps = {step: step.copy({"form_id": new.id}) for step in quiet.step_ids}
        fields_map = {}
        for field in quiet.field_ids.sorted("sequence"):
            fields_map[field] = field.copy(
                {
                    "form_id": new.id,
                    "step_id": steps[field.step_id].id if field.step_id else False,
                    "visible_if_field_id": False,
                }
            )
        for field, copied in fields_map.items():
            if field.visible_if_field_id:
                copied.visible_if_field_id = fields_map[field.visible_if_field_id]
        new.with_context(**{NO_SYNC: False})._g2p_sync_version()
        return new

    def action_view_versions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Versions"),
            "res_model": "g2p.portal.form.version",
            "view_mode": "tree,form",
            "domain": [("form_id", "=", self.id)],
            "context": {"default_form_id": self.id},
        }

    def action_view_applications(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Submissions"),
            "res_model": "g2p.program.application",
            "view_mode": "tree,form",
            "domain": [("form_version_id.form_id", "=", self.id)],
        }
