# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo import api, fields, models


class G2POidcLoginFailure(models.Model):
    """Failed logins per source address, in the database so that every Odoo node and
    worker sees them (Odoo's own counter lives in one process's memory)."""

    _name = "g2p.oidc.login.failure"
    _description = "Failed logins per address"
    _log_access = False

    remote_addr = fields.Char(required=True, readonly=True)
    failures = fields.Integer(readonly=True)
    last_failure = fields.Datetime(readonly=True)

    _sql_constraints = [("remote_addr_unique", "unique(remote_addr)", "One row per address.")]

    @api.model
    def _g2p_record_failure(self, remote_addr):
        # Its own transaction: the failed login's is rolled back.
        with self.env.registry.cursor() as cr:
            cr.execute(
                """INSERT INTO g2p_oidc_login_failure (remote_addr, failures, last_failure)
                   VALUES (%s, 1, clock_timestamp() AT TIME ZONE 'UTC')
                   ON CONFLICT (remote_addr) DO UPDATE
                   SET failures = g2p_oidc_login_failure.failures + 1, last_failure = EXCLUDED.last_failure""",
                (remote_addr,),
            )

    @api.model
    def _g2p_reset(self, remote_addr):
        self.env.cr.execute("DELETE FROM g2p_oidc_login_failure WHERE remote_addr = %s", (remote_addr,))

    @api.model
    def _g2p_on_cooldown(self, remote_addr):
        """Whether logins from ``remote_addr`` are refused for now (res.users' own rule)."""
        self.env.cr.execute(
            "SELECT failures, last_failure FROM g2p_oidc_login_failure WHERE remote_addr = %s", (remote_addr,)
        )
        row = self.env.cr.fetchone()
        if not row:
            return False
        failures, previous = row
        return self.env["res.users"].sudo()._on_login_cooldown(failures, previous or datetime.min)
