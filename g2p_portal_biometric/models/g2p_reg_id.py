# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import AccessError

ASSISTED_OFFICER_GROUP = "g2p_portal_biometric.group_g2p_assisted_officer"
DEVICE_FIELDS = frozenset(
    {"verification_device", "verification_device_certification", "verification_attempt_id"}
)


class G2PRegID(models.Model):
    _inherit = "g2p.reg.id"

    verification_device = fields.Char(
        readonly=True, copy=False, help="The biometric device of the verification (make, model, serial)."
    )
    verification_device_certification = fields.Char(
        "Device certification",
        readonly=True,
        copy=False,
        help="The device's certification level (L0, L1...).",
    )
    verification_attempt_id = fields.Many2one(
        "g2p.biometric.attempt", readonly=True, copy=False, ondelete="set null"
    )

    def _check_verification_rights(self, vals, creating=False):
        result = super()._check_verification_rights(vals, creating=creating)
        touched = {name for name in DEVICE_FIELDS.intersection(vals) if vals[name] or not creating}
        if touched and not (self.env.su or self.env.user.has_group(ASSISTED_OFFICER_GROUP)):
            raise AccessError(_("Only assisting officers can record a biometric verification."))
        return result

    def _g2p_mark_biometric(self, attempt, source):
        """Verified now by the attempt's officer with a biometric match (server code only)."""
        self.ensure_one()
        self.sudo().write(
            {
                "is_verified": True,
                "verified_at": fields.Datetime.now(),
                "verified_by_id": attempt.officer_id.id,
                "verification_method": "biometric",
                "verification_source": source,
                "verification_device": " ".join(
                    filter(None, [attempt.device_make, attempt.device_model, attempt.device_serial])
                )
                or False,
                "verification_device_certification": attempt.device_certification or False,
                "verification_attempt_id": attempt.id,
            }
        )
