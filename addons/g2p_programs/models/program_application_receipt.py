# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A receipt's reference that an officer can check: the application's id, signed with
HMAC-SHA256 under a secret of this database, so a forged or altered reference is refused
without revealing anything."""

import base64
import hashlib
import hmac
import re
import secrets

from odoo import api, models

SECRET_PARAM = "g2p_programs.receipt_secret"
_REFERENCE = re.compile(r"(\d{1,12})-([A-Za-z0-9_-]{20,64})")


class G2PProgramApplicationReceipt(models.Model):
    _inherit = "g2p.program.application"

    @api.model
    def _g2p_receipt_secret(self):
        """The signing secret; created once (installation, or the first receipt)."""
        params = self.env["ir.config_parameter"].sudo()
        secret = params.get_param(SECRET_PARAM)
        if not secret:
            secret = secrets.token_hex(32)
            params.set_param(SECRET_PARAM, secret)
        return secret

    def _g2p_receipt_signature(self):
        self.ensure_one()
        message = f"{self.id}:{self.name}:{self.partner_id.id}:{self.program_id.id}".encode()
        digest = hmac.new(self._g2p_receipt_secret().encode(), message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")

    def _g2p_receipt_reference(self):
        """The signed reference printed in the receipt's QR code."""
        self.ensure_one()
        return f"{self.id}-{self.sudo()._g2p_receipt_signature()}"

    @api.model
    def _g2p_verify_receipt_reference(self, reference):
        """The application a signed reference stands for (as superuser), or an empty recordset
        when the reference is malformed, unknown, forged or altered."""
        empty = self.browse()
        match = _REFERENCE.fullmatch(reference or "")
        if not match:
            return empty
        application = self.sudo().browse(int(match.group(1))).exists()
        if not application:
            return empty
        if not hmac.compare_digest(application._g2p_receipt_signature(), match.group(2)):
            return empty
        return application

    def _g2p_masked_name(self):
        """The applicant's name with all but the first letter of each word hidden."""
        self.ensure_one()
        words = (self.sudo().partner_id.name or "").split()
        return " ".join(word[0] + "•" * max(len(word) - 1, 2) for word in words)
