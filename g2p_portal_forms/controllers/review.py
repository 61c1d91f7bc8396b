# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The "Check your answers" page shown before an application is submitted."""

from ..schema import tr


def review_sections(env, draft, schema, lang):
    """Every visible answer, by step: [{"index", "title", "rows": [(label, text, field_id)]}]."""
    values = draft._g2p_display_values(schema)
    Application = env["g2p.program.application"]
    sections = []
    for index, step in enumerate(schema.steps):
        rows = []
        for field in step.get("fields") or []:
            if not schema.is_visible(field, values):
                continue
            value = values.get(field["name"])
            text = Application._g2p_answer_text(field, value, lang) if value not in (None, "", []) else ""
            rows.append((tr(field["label"], lang), text, f"g2p_field_{field['name']}"))
        sections.append({"index": index, "title": tr(step.get("title"), lang), "rows": rows})
    return sections
