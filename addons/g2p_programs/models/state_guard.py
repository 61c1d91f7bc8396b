"""Keep workflow fields behind the transition buttons.

Users who may write a record (e.g. an officer on an application) could otherwise
set its state through a plain write and skip the checks of the transitions.
"""

from odoo import _
from odoo.exceptions import UserError

TRANSITION_CONTEXT_KEY = "g2p_transition"
# Audit records (settled payments, entitlements approved once or cancelled, the
# status history of applications) are deleted only when the module is
# uninstalled or by superuser code that asks for it explicitly with this key.
AUDIT_UNLINK_CONTEXT_KEY = "g2p_unlink_audit_records"


def in_transition(records):
    return records.with_context(**{TRANSITION_CONTEXT_KEY: True})


def may_unlink_audit_records(records):
    return records.env.su and records.env.context.get(AUDIT_UNLINK_CONTEXT_KEY)


def check_workflow_write(records, vals, protected):
    """Refuse a direct change of ``protected`` fields outside a transition."""
    if records.env.su or records.env.context.get(TRANSITION_CONTEXT_KEY):
        return
    touched = sorted(set(vals) & set(protected))
    if touched:
        # Whoever may not write at all gets the usual access error.
        records.check_access_rights("write")
        records.check_access_rule("write")
        labels = ", ".join(records._fields[name].string for name in touched)
        raise UserError(_("%(fields)s change only through the workflow buttons.", fields=labels))


def check_workflow_create(model, vals_list, protected_defaults):
    """Refuse creating a record already past its initial state."""
    if model.env.su or model.env.context.get(TRANSITION_CONTEXT_KEY):
        return
    model.check_access_rights("create")
    for vals in vals_list:
        for name, default in protected_defaults.items():
            if vals.get(name, default) != default:
                raise UserError(
                    _(
                        "%(field)s is set by the workflow buttons, not on creation.",
                        field=model._fields[name].string,
                    )
                )


def check_related_write(records, vals):
    """Refuse writing a stored copy of another record's field (``related=...``).

    Such a field has no inverse: a write would only change the copy, e.g. put a
    payment in another currency than its entitlement, credit it to someone else,
    or move an application out of its program's company.
    """
    if records.env.su:
        return
    copies = sorted(
        name
        for name in vals
        if (field := records._fields.get(name)) and field.related and field.store and not field.inverse
    )
    if copies:
        records.check_access_rights("write")
        records.check_access_rule("write")
        labels = ", ".join(records._fields[name].string for name in copies)
        raise UserError(_("%(fields)s follow the linked records and cannot be set directly.", fields=labels))
