# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The stored form schema and its server-side validation.

A schema is the JSON snapshot kept on ``g2p.portal.form.version``; validation only ever
uses it (never the live form records), so an application is always checked against, and
displayed with, the version it was filled with.

Shape::

    {"title": {lang: str}, "intro": {lang: html},
     "steps": [{"title": {lang: str}, "description": {lang: str},
                "fields": [{"name", "type", "widget", "label": {lang: str}, "help": {lang: str},
                            "required", "default", "pattern", "min", "max", "max_length",
                            "options": [{"value", "label": {lang: str}}],
                            "mimetypes": [str], "max_size_mb", "document_type_id",
                            "visible_if": {"field", "value"} | None,
                            "declaration": the text a declaration field must have ticked (= label),
                            "storage": "answers" | "profile", "profile_field"}]}]}
"""

import datetime
import re

from odoo import _
from odoo.addons.g2p_programs import upload_words
from odoo.addons.g2p_registry import phone_numbers
from odoo.tools.mimetypes import guess_mimetype

from .conditions import _FALSE, _TRUE, CONDITION_TYPES, condition_matches, yes_no  # noqa: F401

# The only registrant profile fields a form may write, with the field type they need.
PROFILE_FIELDS = {
    "given_name": "char",
    "family_name": "char",
    "addl_name": "char",
    "birthdate": "date",
    "gender": "selection",
    "street": "char",
    "street2": "char",
    "city": "char",
    "zip": "char",
    "phone": "phone",
    "email": "email",
}

# Keys the portal form posts besides the fields themselves.
CONTROL_KEYS = frozenset({"csrf_token", "g2p_step", "g2p_action", "submission_key"})

FIELD_TYPES = (
    "char",
    "text",
    "number",
    "date",
    "email",
    "phone",
    "selection",
    "multi_selection",
    "boolean",
    "file",
    "declaration",
)

FORM_ERROR = "__form__"

CHAR_LIMIT = 1000
TEXT_LIMIT = 20000

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9 ().\-]{6,20}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def tr(value, lang=None):
    """The text of a translated schema value in ``lang`` (English, then any, as fallback)."""
    if not isinstance(value, dict):
        return value or ""
    return value.get(lang) or value.get("en_US") or next((v for v in value.values() if v), "")


EARLIEST_DATE = datetime.date(1900, 1, 1)


def parse_date(value):
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        raise ValueError(value)
    return datetime.date.fromisoformat(value.strip())


def bound_date(value):
    """A date bound from the schema: an ISO date or the word ``today``."""
    if value == "today":
        return datetime.date.today()
    return parse_date(value)


class InvalidValue(Exception):
    """A value that does not satisfy its field; the message is already translated."""


class FormValidationError(Exception):
    """Errors found in a form, by field name (``__form__`` for the form as a whole)."""

    def __init__(self, errors, step_index=0):
        super().__init__(errors)
        self.errors = errors
        self.step_index = step_index


class FormSchema:
    """Validates answers against one stored schema.

    ``env`` gives the language of the error messages (the registrant's), through ``_``.
    """

    def __init__(self, env, schema):
        self.env = env
        self.schema = schema or {}
        self.steps = self.schema.get("steps") or []
        self.fields = [f for step in self.steps for f in step.get("fields") or []]
        self.by_name = {f["name"]: f for f in self.fields}
        self.step_of = {
            f["name"]: index for index, step in enumerate(self.steps) for f in step.get("fields") or []
        }

    # -- structure ---------------------------------------------------------------------------
    def step_fields(self, step_index):
        if 0 <= step_index < len(self.steps):
            return self.steps[step_index].get("fields") or []
        return []

    def is_visible(self, field, answers, _seen=None):
        """Whether ``field`` applies given ``answers``: its condition field must itself be
        visible and its answer must match the expected value."""
        condition = field.get("visible_if")
        if not condition:
            return True
        controller = self.by_name.get(condition.get("field"))
        seen = _seen or set()
        if not controller or controller["name"] in seen:
            return False
        seen.add(field["name"])
        if not self.is_visible(controller, answers, seen):
            return False
        return self.matches(controller, answers.get(controller["name"]), condition.get("value"))

    @staticmethod
    def matches(field, answer, expected):
        return condition_matches(field["type"], answer, expected)

    # -- single values -----------------------------------------------------------------------
    def coerce(self, field, raw):
        """The clean value of ``raw`` for ``field`` (``None`` when empty); raises InvalidValue.

        ``raw`` is what the browser posted (a list of strings) or an already clean value
        (re-validation of a stored draft)."""
        ftype = field["type"]
        if ftype == "multi_selection":
            values = raw if isinstance(raw, list) else ([] if raw is None else [raw])
            values = [str(v).strip() for v in values if str(v).strip()]
            return self._check_multi(field, values) if values else None
        if isinstance(raw, list):
            raw = raw[-1] if raw else None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        checker = getattr(self, f"_check_{ftype}", None)
        if checker is None:
            raise InvalidValue(_("This field cannot be answered here."))
        return checker(field, raw)

    def _check_text_rules(self, field, value):
        # Without a limit from the administrator, a generous one still bounds what is stored.
        max_length = field.get("max_length") or (TEXT_LIMIT if field["type"] == "text" else CHAR_LIMIT)
        if max_length and len(value) > max_length:
            raise InvalidValue(
                _("Use at most %(max)s characters (you typed %(count)s).", max=max_length, count=len(value))
            )
        pattern = field.get("pattern")
        if pattern and not re.fullmatch(pattern, value):
            raise InvalidValue(_("This value does not have the expected format."))
        return value

    def _check_char(self, field, raw):
        return self._check_text_rules(field, " ".join(str(raw).split()))

    def _check_text(self, field, raw):
        return self._check_text_rules(field, str(raw).strip().replace("\r\n", "\n"))

    def _check_email(self, field, raw):
        value = str(raw).strip()
        if not _EMAIL.fullmatch(value):
            raise InvalidValue(_("Enter an email address such as name@example.com."))
        return self._check_text_rules(field, value)

    def _check_phone(self, field, raw):
        value = " ".join(str(raw).split())
        if not _PHONE.fullmatch(value) or sum(c.isdigit() for c in value) < 6:
            raise InvalidValue(_("Enter a phone number using digits, spaces and an optional leading +."))
        # The numbering plan of the registry's country (libphonenumber rules).
        value = phone_numbers.normalized_phone(value, phone_numbers.registry_country_code(self.env))
        if not value:
            raise InvalidValue(
                _("Enter a phone number that can be called, with its country code if it is abroad.")
            )
        return self._check_text_rules(field, value)

    def _check_number(self, field, raw):
        if isinstance(raw, bool):
            raise InvalidValue(_("Enter a number."))
        if isinstance(raw, int | float):
            number = float(raw)
        else:
            text = str(raw).strip().replace(" ", "")
            if text.count(",") == 1 and "." not in text:
                text = text.replace(",", ".")
            try:
                number = float(text)
            except ValueError:
                raise InvalidValue(_("Enter a number.")) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise InvalidValue(_("Enter a number."))
        low, high = field.get("min"), field.get("max")
        if low not in (None, "") and number < float(low):
            raise InvalidValue(_("Enter a number of at least %(min)s.", min=low))
        if high not in (None, "") and number > float(high):
            raise InvalidValue(_("Enter a number of at most %(max)s.", max=high))
        return int(number) if number.is_integer() else number

    def _check_date(self, field, raw):
        try:
            value = parse_date(raw)
        except ValueError:
            raise InvalidValue(_("Enter a date as YYYY-MM-DD.")) from None
        # Whatever the form allows: older dates are typing mistakes that the registry's
        # change tracking cannot even record, and nobody is born in the future.
        if value < EARLIEST_DATE:
            raise InvalidValue(_("Enter a date on or after %(min)s.", min=EARLIEST_DATE.isoformat()))
        if field.get("profile_field") == "birthdate" and value > datetime.date.today():
            raise InvalidValue(_("A birth date cannot be in the future."))
        low, high = field.get("min"), field.get("max")
        if low and value < bound_date(low):
            raise InvalidValue(_("Enter a date on or after %(min)s.", min=bound_date(low).isoformat()))
        if high and value > bound_date(high):
            raise InvalidValue(_("Enter a date on or before %(max)s.", max=bound_date(high).isoformat()))
        return value.isoformat()

    def _check_selection(self, field, raw):
        value = str(raw).strip()
        if value not in {o["value"] for o in field.get("options") or []}:
            raise InvalidValue(_("Choose one of the proposed answers."))
        return value

    def _check_multi(self, field, values):
        allowed = [o["value"] for o in field.get("options") or []]
        if any(v not in allowed for v in values):
            raise InvalidValue(_("Choose among the proposed answers."))
        chosen = [v for v in allowed if v in values]  # option order, no duplicates
        low, high = field.get("min"), field.get("max")
        if low not in (None, "") and len(chosen) < int(float(low)):
            raise InvalidValue(_("Choose at least %(min)s answers.", min=int(float(low))))
        if high not in (None, "") and len(chosen) > int(float(high)):
            raise InvalidValue(_("Choose at most %(max)s answers.", max=int(float(high))))
        return chosen

    def _check_boolean(self, field, raw):
        if isinstance(raw, bool):
            return raw
        value = str(raw).strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise InvalidValue(_("Answer yes or no."))

    def _check_declaration(self, field, raw):
        """Ticked: the declaration's text, in the registrant's language, kept with the answers."""
        texts = {text for text in (field.get("label") or {}).values() if text}
        if isinstance(raw, str) and raw in texts:
            return raw
        if raw is True or yes_no(raw) == "yes":
            return tr(field.get("label"), self.env.lang) or _("Confirmed")
        raise InvalidValue(_("Tick the box to confirm."))

    def _check_file(self, field, raw):
        # A stored file (draft attachment or application document) is a dict.
        if isinstance(raw, dict) and (raw.get("attachment_id") or raw.get("document_id")):
            return raw
        raise InvalidValue(_("Upload the file again."))

    def check_upload(self, field, filename, data, extra_limit_mb=None, extra_mimetypes=None):
        """Checks an uploaded file by size and by content; returns its mimetype."""
        if not data:
            raise InvalidValue(_("The file %(name)s is empty.", name=filename))
        limits = [m for m in (field.get("max_size_mb"), extra_limit_mb) if m]
        limit_mb = min(limits) if limits else None
        size = upload_words.real_size(data)
        if limit_mb and size > limit_mb * 1024 * 1024:
            raise InvalidValue(upload_words.too_large(filename, size, limit_mb))
        mimetype = guess_mimetype(data, default="application/octet-stream")
        allowed = set(field.get("mimetypes") or [])
        if extra_mimetypes:
            allowed = (allowed & set(extra_mimetypes)) if allowed else set(extra_mimetypes)
        if allowed and mimetype not in allowed:
            raise InvalidValue(upload_words.wrong_kind(filename, allowed))
        return mimetype

    # -- whole steps and forms ---------------------------------------------------------------
    def unknown_keys(self, step_index, form_data, files, ignored=()):
        allowed = {f["name"] for f in self.step_fields(step_index)}
        posted = set(form_data) | set(files)
        return sorted(k for k in posted if k not in allowed and k not in CONTROL_KEYS and k not in ignored)

    def validate_step(self, step_index, form_data, files, answers, locked=(), upload_limits=(None, None)):
        """Validates what was posted for one step.

        ``form_data``: name -> list of strings; ``files``: name -> (filename, bytes);
        ``answers``: what is already known (draft), used for conditions and kept files;
        ``locked``: verified field names whose posted values are ignored.
        Returns (values, uploads, errors): clean values by name (``None`` = cleared),
        checked uploads by name as (filename, bytes, mimetype), and errors by name."""
        errors = {}
        unknown = self.unknown_keys(step_index, form_data, files, ignored=locked)
        if unknown:
            errors[FORM_ERROR] = _(
                "This form has no field named %(names)s; reload the page and try again.",
                names=", ".join(unknown),
            )
            return {}, {}, errors
        values, uploads = {}, {}
        fields = [f for f in self.step_fields(step_index) if f["name"] not in locked]
        for field in fields:
            name = field["name"]
            try:
                if field["type"] == "file":
                    upload = files.get(name)
                    if upload and upload[0]:
                        filename, data = upload
                        mimetype = self.check_upload(field, filename, data, *upload_limits)
                        uploads[name] = (filename, data, mimetype)
                        values[name] = {"pending": True, "name": filename}
                    else:
                        values[name] = answers.get(name)
                else:
                    values[name] = self.coerce(field, form_data.get(name))
            except InvalidValue as error:
                errors[name] = str(error)
                values[name] = None
        merged = dict(answers, **{k: v for k, v in values.items() if k not in errors})
        for field in fields:
            name = field["name"]
            if not self.is_visible(field, merged):
                values[name] = None
                errors.pop(name, None)
                uploads.pop(name, None)
            elif name not in errors and field.get("required") and self._empty(values[name]):
                errors[name] = _("This field is required.")
        return values, uploads, errors

    def validate_answers(self, answers, trusted=()):
        """Re-validates complete stored answers before submission.

        ``trusted``: names whose value comes from the verified profile, kept as they are
        (the registrant could not correct them anyway).
        Returns (clean answers of the visible fields, errors by name, first step with an error)."""
        errors, clean = {}, {}
        unknown = sorted(set(answers) - set(self.by_name))
        if unknown:
            errors[FORM_ERROR] = _(
                "This form has no field named %(names)s; reload the page and try again.",
                names=", ".join(unknown),
            )
        for field in self.fields:
            name = field["name"]
            if not self.is_visible(field, answers):
                continue
            if name in trusted:
                if not self._empty(answers.get(name)):
                    clean[name] = answers[name]
                continue
            try:
                value = self.coerce(field, answers.get(name))
            except InvalidValue as error:
                errors[name] = str(error)
                continue
            if field.get("required") and self._empty(value):
                errors[name] = _("This field is required.")
            elif not self._empty(value):
                clean[name] = value
        first_step = min((self.step_of.get(n, 0) for n in errors), default=0)
        return clean, errors, first_step

    @staticmethod
    def _empty(value):
        return value is None or value == "" or value == []
