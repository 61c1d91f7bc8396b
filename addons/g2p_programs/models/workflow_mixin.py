# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One guard for the fields that only a workflow transition may change.

Users who may write a record (e.g. an officer on an application) could otherwise set
its state through a plain write and skip the checks of the transitions. A model that
inherits ``g2p.workflow.mixin`` lists those fields in ``_g2p_workflow_fields`` (and
their values on creation in ``_g2p_workflow_initial``); its transitions follow
``hr_expense``: ``action_x`` calls ``_check_can_x()`` (raises when the transition is not
possible now, for this user) then ``_do_x()`` (does it), and a computed ``can_x``
field (``compute="_compute_can"``) tells the form whether to show the button.

The right to write protected fields is a private object placed in the context by
``in_transition``; the right to delete audit records likewise (``audit_unlink``).
A request can only carry plain JSON or XML-RPC values in its context, never these
objects, so no caller can grant itself either right (queue_job guards its jobs'
fields the same way, with ``EDIT_SENTINEL``).
"""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

_TRANSITION_KEY = "g2p_workflow_transition"
_TRANSITION = object()
_AUDIT_UNLINK_KEY = "g2p_workflow_audit_unlink"
_AUDIT_UNLINK = object()


def in_transition(records):
    """``records`` allowed to write their workflow fields (for transitions only)."""
    return records.with_context(**{_TRANSITION_KEY: _TRANSITION})


def audit_unlink_context():
    """Context in which superuser code may delete audit records (settled payments,
    approved entitlements, decided applications and their status history)."""
    return {_AUDIT_UNLINK_KEY: _AUDIT_UNLINK}


def audit_unlink(records):
    """``records`` as superuser, allowed to delete audit records."""
    return records.sudo().with_context(**audit_unlink_context())


class G2PWorkflowMixin(models.AbstractModel):
    _name = "g2p.workflow.mixin"
    _description = "Workflow Guard"

    # Fields that change only through transitions (or superuser code).
    _g2p_workflow_fields = ()
    # The value each of them must have on creation ({field: value}); others may not be set.
    _g2p_workflow_initial = {}
    # The field whose value the transitions check (``_g2p_check_state``).
    _g2p_state_field = "state"

    # The guard

    def _g2p_in_transition(self):
        return self.env.su or self.env.context.get(_TRANSITION_KEY) is _TRANSITION

    def _g2p_may_unlink_audit_records(self):
        return self.env.su and self.env.context.get(_AUDIT_UNLINK_KEY) is _AUDIT_UNLINK

    @api.model_create_multi
    def create(self, vals_list):
        self._g2p_check_workflow_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._g2p_check_workflow_write(vals)
        self._g2p_check_related_write(vals)
        return super().write(vals)

    @api.model
    def _g2p_check_workflow_create(self, vals_list):
        """Refuse creating a record already past its initial state."""
        if self._g2p_in_transition():
            return
        self.check_access_rights("create")
        for vals in vals_list:
            for name, initial in self._g2p_workflow_initial.items():
                if vals.get(name, initial) != initial:
                    raise UserError(
                        _(
                            "%(field)s is set by the workflow buttons, not on creation.",
                            field=self._fields[name].string,
                        )
                    )

    def _g2p_check_workflow_write(self, vals):
        """Refuse a direct change of the protected fields outside a transition."""
        if self._g2p_in_transition():
            return
        touched = sorted(set(vals) & set(self._g2p_workflow_fields))
        if touched:
            # Whoever may not write at all gets the usual access error.
            self.check_access_rights("write")
            self.check_access_rule("write")
            labels = ", ".join(self._fields[name].string for name in touched)
            raise UserError(_("%(fields)s change only through the workflow buttons.", fields=labels))

    def _g2p_check_related_write(self, vals):
        """Refuse writing a stored copy of another record's field (``related=...``).

        Such a field has no inverse: a write would only change the copy, e.g. put a
        payment in another currency than its entitlement, credit it to someone else,
        or move an application out of its program's company.
        """
        if self.env.su:
            return
        copies = sorted(
            name
            for name in vals
            if (field := self._fields.get(name)) and field.related and field.store and not field.inverse
        )
        if copies:
            self.check_access_rights("write")
            self.check_access_rule("write")
            labels = ", ".join(self._fields[name].string for name in copies)
            raise UserError(
                _("%(fields)s follow the linked records and cannot be set directly.", fields=labels)
            )

    # Transitions

    def _g2p_workflow_label(self):
        """How a refusal names the record, e.g. "the cycle March 2026"."""
        self.ensure_one()
        return self.display_name

    def _g2p_check_state(self, allowed, action):
        """Refuse ``action`` (a translated verb) for records not in ``allowed`` states."""
        field = self._fields[self._g2p_state_field]
        labels = dict(field._description_selection(self.env))
        for record in self:
            if record[field.name] not in allowed:
                raise UserError(
                    _(
                        "Cannot %(action)s %(record)s: it is %(state)s.",
                        action=action,
                        record=record._g2p_workflow_label(),
                        state=labels[record[field.name]],
                    )
                )

    def _g2p_check_transition(self, allowed, action):
        """Refuse ``action`` outside the ``allowed`` states, or to users who may not write."""
        self._g2p_check_state(allowed, action)
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.depends(lambda self: (self._g2p_state_field,))
    @api.depends_context("uid")
    def _compute_can(self):
        """Each ``can_x`` field: whether ``_check_can_x`` lets this user do x now."""
        names = [
            name
            for name, field in self._fields.items()
            if name.startswith("can_") and field.compute == "_compute_can"
        ]
        for record in self:
            for name in names:
                record[name] = bool(record.id) and record._g2p_passes(getattr(record, f"_check_{name}"))

    @staticmethod
    def _g2p_passes(check):
        try:
            check()
        except (UserError, AccessError):
            return False
        return True
