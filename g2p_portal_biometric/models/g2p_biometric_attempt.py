# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

RESULTS = [
    ("pending", "Pending"),
    ("match", "Match"),
    ("no_match", "No match"),
    ("refused", "Refused"),
    ("error", "Service error"),
]


class G2PBiometricAttempt(models.Model):
    """One attempt to prove who a person is, success or failure: the audit trail.

    Holds who, when, how, which device and what came of it — never biometric data (no
    bioValue, no signed capture, no session key): only the device's description and the
    quality scores the officer saw. Created by server code only; officers read it."""

    _name = "g2p.biometric.attempt"
    _description = "Biometric Verification Attempt"
    _order = "create_date desc, id desc"
    _rec_name = "transaction_id"

    officer_id = fields.Many2one("res.users", "Assisting officer", required=True, readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", "Registrant", readonly=True, index=True, ondelete="set null")
    reg_id_id = fields.Many2one("g2p.reg.id", "Registrant ID", readonly=True, index=True, ondelete="set null")
    id_type_id = fields.Many2one("g2p.id.type", "ID type", readonly=True)
    individual_id = fields.Char("Claimed ID number", readonly=True)
    method = fields.Selection(
        [("ida", "ID authentication service"), ("oidc", "OpenID provider")], required=True, readonly=True
    )
    result = fields.Selection(RESULTS, required=True, default="pending", readonly=True, index=True)
    reason = fields.Char(readonly=True, help="A reason code for operators (no personal data).")
    message = fields.Char(readonly=True, help="What the officer was told.")
    transaction_id = fields.Char("Transaction ID", readonly=True, index=True)
    provider_id = fields.Many2one("auth.oauth.provider", "OpenID provider used", readonly=True)
    adapter_id = fields.Many2one("g2p.biometric.ida.adapter", "ID authentication service", readonly=True)
    device_serial = fields.Char(readonly=True)
    device_make = fields.Char(readonly=True)
    device_model = fields.Char(readonly=True)
    device_provider = fields.Char(readonly=True)
    device_type = fields.Char(readonly=True)
    device_sub_type = fields.Char(readonly=True)
    device_certification = fields.Char("Certification level", readonly=True)
    modalities = fields.Char(readonly=True, help="What was captured, e.g. Finger: Left IndexFinger.")
    quality = fields.Char("Quality scores", readonly=True)
    consent = fields.Boolean(
        "Consent to share and use data", readonly=True, help="The person agreed, as the officer recorded."
    )
    consent_at = fields.Datetime(readonly=True)
    duration_ms = fields.Integer("Duration (ms)", readonly=True)
    oidc_state_hash = fields.Char(readonly=True, groups="base.group_system", index=True)

    @api.model
    def _g2p_log(self, vals):
        """The audit record of an attempt (server code only: officers cannot create one)."""
        vals = dict(vals, officer_id=vals.get("officer_id") or self.env.uid)
        return self.sudo().create(vals)
