# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from psycopg2 import IntegrityError, errorcodes
from psycopg2.errors import SerializationFailure

from odoo import _, api, models
from odoo.addons.g2p_registry.tools import RowsBusy, lock_rows
from odoo.exceptions import UserError

from .program import OPEN_APPLICATION_STATES

_logger = logging.getLogger(__name__)


class ConcurrentSubmission(SerializationFailure):
    """A concurrent transaction created the application first, but this
    transaction's snapshot cannot see it yet: Odoo retries the whole request
    (as for any serialization failure) and the retry returns the winner."""

    pgcode = errorcodes.SERIALIZATION_FAILURE


class SubmissionInProgress(UserError):
    """Another request of the same registrant is submitting right now."""


class G2PProgramApplicationSubmission(models.Model):
    """Idempotent submission: a refresh, a double click or two tabs give one application."""

    _inherit = "g2p.program.application"

    @api.model
    def _g2p_submit(self, program, partner, answers=None, submission_key=None):
        """Return the application of ``partner`` to ``program``, creating it once.

        A repeated submission (same key, or any while an application is open)
        returns the existing application instead of a second one.
        """
        program.ensure_one()
        partner.ensure_one()
        existing = self._g2p_find_submission(program, partner, submission_key)
        if existing:
            return existing
        # Serialize submissions of one registrant: a concurrent submitter waits
        # here and, when its snapshot cannot see the winner, fails with a
        # serialization error that Odoo retries with a fresh snapshot.
        # With ``g2p_lock_nowait`` in the context (registrants' requests, see the portal's
        # ir.http), a submitter that would wait fails at once instead: a burst of
        # submissions then cannot hold a database connection each while waiting.
        try:
            lock_rows(partner, nowait=bool(self.env.context.get("g2p_lock_nowait")))
        except RowsBusy:
            raise SubmissionInProgress(
                _(
                    "Your application is being submitted. It will appear under My Applications "
                    "in a moment; there is no need to submit it again."
                )
            ) from None
        reason = program._g2p_apply_refusal_reason(partner)
        if reason:
            raise UserError(reason)
        vals = {
            "program_id": program.id,
            "partner_id": partner.id,
            "answers": answers or {},
            "submission_key": submission_key or False,
        }
        try:
            with self.env.cr.savepoint():
                return self.create(vals)
        except IntegrityError:
            # Someone else inserted the same open application or key first.
            self.env.invalidate_all()
            winner = self._g2p_find_submission(program, partner, submission_key)
            if winner:
                _logger.info(
                    "Concurrent submission of %s to program %s returned %s",
                    partner.id,
                    program.id,
                    winner.name,
                )
                return winner
            raise ConcurrentSubmission(
                f"application of partner {partner.id} to program {program.id} created concurrently"
            ) from None

    @api.model
    def _g2p_find_submission(self, program, partner, submission_key):
        Application = self.sudo()
        if submission_key:
            previous = Application.search([("submission_key", "=", submission_key)], limit=1)
            if previous:
                if previous.partner_id != partner:
                    raise UserError(_("This submission key was already used; please reload the page."))
                return self.browse(previous.id)
        current = Application.search(
            [
                ("partner_id", "=", partner.id),
                ("program_id", "=", program.id),
                ("state", "in", OPEN_APPLICATION_STATES),
            ],
            limit=1,
        )
        return self.browse(current.id)
