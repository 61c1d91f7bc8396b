# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The whole-form checks of the builder: errors that make a form unusable are refused on
save, every problem at once, each naming its row; the check before publishing adds what
makes a form incomplete for its program (unreachable steps, documents never asked)."""

from odoo import _, models
from odoo.exceptions import UserError, ValidationError

from .g2p_portal_form import NO_SYNC


class G2PPortalFormCheck(models.Model):
    _inherit = "g2p.portal.form"

    def _g2p_ordered_fields(self):
        return self.field_ids.sorted(lambda f: (f.sequence, f._origin.id or 0))

    def _g2p_resolve_steps(self):
        """Each field's step follows its step number (1 = first step); a field placed on a
        step directly (data files, code) gets that step's number."""
        errors = []
        for form in self:
            steps = form.step_ids.sorted(lambda s: (s.sequence, s.id))
            for field in form._g2p_ordered_fields():
                number = field.step_number
                if number < 0 or number > max(len(steps), 1):
                    errors.append(
                        _(
                            "%(row)s, column Step: there is no step %(number)s (the form has %(count)s).",
                            row=field._g2p_row(),
                            number=number,
                            count=len(steps),
                        )
                    )
                    continue
                quiet = field.with_context(**{NO_SYNC: True})
                if number:
                    step = steps[number - 1] if steps else steps
                    if field.step_id != step:
                        quiet.write({"step_id": step.id or False, "step_number": number})
                elif field.step_id in steps:
                    quiet.write({"step_number": list(steps).index(field.step_id) + 1})
        return errors

    def _g2p_save_errors(self):
        """Errors that make the form unusable; every one of them, each naming its row."""
        self.ensure_one()
        errors = []
        for field in self._g2p_ordered_fields():
            for error in (field._g2p_condition_error(), field._g2p_file_kind_error()):
                if error:
                    errors.append(error)
            for index, option in enumerate(field.option_ids.sorted(lambda o: (o.sequence, o.id)), start=1):
                if not (option.value or "").strip():
                    errors.append(
                        _(
                            "%(row)s, Choices row %(option)s, column Value: give the choice a label or a value.",
                            row=field._g2p_row(),
                            option=index,
                        )
                    )
        return errors

    def _g2p_check_structure(self):
        errors = self._g2p_resolve_steps()
        for form in self:
            errors += form._g2p_save_errors()
        if errors:
            raise ValidationError("\n".join(errors))

    def _g2p_sync_version(self):
        self._g2p_check_structure()
        return super()._g2p_sync_version()

    # -- before publishing -------------------------------------------------------------------
    def _g2p_never_shown(self):
        """Fields that no answer can ever show (a condition chain that cannot hold)."""
        self.ensure_one()
        never = set()
        for field in self._g2p_ordered_fields():  # controllers come first
            controller = field.visible_if_field_id
            if controller and (controller.id in never or field._g2p_condition_error()):
                never.add(field.id)
        return self.field_ids.browse(sorted(never))

    def _g2p_form_problems(self, programs=None):
        """Every problem of the form, as translated sentences naming rows and steps."""
        self.ensure_one()
        problems = list(self._g2p_save_errors())
        fields_ = self._g2p_ordered_fields()
        if not fields_:
            problems.append(_("The form has no field."))
        never = self._g2p_never_shown()
        for field in never.filtered(lambda f: f.required or f.field_type == "declaration"):
            problems.append(
                _(
                    "%(row)s: the field is required but its condition can never be met, so nobody could "
                    "submit.",
                    row=field._g2p_row(),
                )
            )
        names = {}
        for field in fields_:
            names.setdefault(field.name, []).append(field)
        for name, same in names.items():
            if len(same) > 1:
                problems.append(
                    _(
                        "%(rows)s: two fields have the same key %(key)s.",
                        rows=", ".join(f._g2p_row() for f in same),
                        key=name,
                    )
                )
        steps = self.step_ids.sorted(lambda s: (s.sequence, s.id))
        for index, step in enumerate(steps, start=1):
            shown = step.field_ids.filtered(lambda f: f not in never)
            if not shown:
                problems.append(
                    _(
                        "Steps, row %(row)s (%(title)s): no field a registrant can see, so the step is "
                        "unreachable or empty.",
                        row=index,
                        title=step.title,
                    )
                )
        for field in fields_.filtered(lambda f: f.field_type in ("selection", "multi_selection")):
            if not field.option_ids and not (field.storage == "profile" and field.profile_field == "gender"):
                problems.append(_("%(row)s, column Choices: the field has no choice.", row=field._g2p_row()))
        linked = fields_.filtered(lambda f: f.field_type == "file" and f not in never).document_type_id
        for program in programs if programs is not None else self.program_ids:
            for document_type in program.required_document_type_ids - linked:
                problems.append(
                    _(
                        "The program %(program)s requires the document %(document)s, but no file field of the "
                        "form asks for it (set Document type on a file field).",
                        program=program.name,
                        document=document_type.name,
                    )
                )
        return problems

    def action_check_form(self):
        self.ensure_one()
        problems = self._g2p_form_problems()
        if problems:
            raise UserError(
                _("The form %s has these problems:", self.name) + "\n" + "\n".join(f"• {p}" for p in problems)
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("The form %s is ready: no problem found.", self.name),
                "sticky": False,
            },
        }
