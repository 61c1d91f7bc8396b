# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import time

from odoo.addons.g2p_registry.tools import RowsBusy, lock_rows

from ..models.program_application_submission import SubmissionInProgress
from .common import G2PProgramsCase


class TestSubmissionBurst(G2PProgramsCase):
    """A registrant's submission that would wait on another one fails fast (no held connection)."""

    def setUp(self):
        super().setUp()
        # A registrant committed to the database, so that another transaction can lock it.
        self.committed = self.env.ref("base.partner_admin")
        self.other_cr = self.registry.cursor()
        self.addCleanup(self.other_cr.close)
        self.other_cr.execute("SELECT id FROM res_partner WHERE id = %s FOR UPDATE", [self.committed.id])

    def test_submission_waiting_on_a_lock_fails_at_once_with_a_clear_message(self):
        Application = self.Application.with_context(g2p_lock_nowait=True)
        started = time.monotonic()
        with self.assertRaises(SubmissionInProgress) as caught:
            Application._g2p_submit(self.program, self.committed, submission_key="burst-1")
        self.assertLess(time.monotonic() - started, 2.0)
        self.assertIn("being submitted", str(caught.exception))
        self.assertFalse(self.Application.search([("submission_key", "=", "burst-1")]))

    def test_lock_rows_nowait_raises_rows_busy_and_leaves_the_transaction_usable(self):
        with self.assertRaises(RowsBusy):
            lock_rows(self.committed, nowait=True)
        self.env.cr.execute("SELECT 1")
        self.assertEqual(self.env.cr.fetchone(), (1,))
