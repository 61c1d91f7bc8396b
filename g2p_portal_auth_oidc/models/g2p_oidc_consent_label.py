# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

ACR_PREFIX = "mosip:idp:acr:"


def _acr_labels():
    return {
        "generated-code": _("One-time code (OTP)"),
        "linked-wallet": _("Wallet app (QR code)"),
        "biometrics": _("Biometrics"),
        "password": _("Password"),
        "knowledge": _("Knowledge-based questions"),
        "static-code": _("Static code (PIN)"),
    }


def _claim_labels():
    return {
        "sub": _("Pseudonymous ID"),
        "name": _("Full name"),
        "given_name": _("Given name"),
        "middle_name": _("Middle name"),
        "family_name": _("Family name"),
        "birthdate": _("Date of birth"),
        "gender": _("Gender"),
        "email": _("Email"),
        "email_verified": _("Email verified"),
        "phone_number": _("Phone number"),
        "phone_number_verified": _("Phone number verified"),
        "picture": _("Photo"),
        "address": _("Address"),
        "individual_id": _("ID number"),
        "locale": _("Language"),
    }


class G2POidcConsentLabel(models.Model):
    """Labels people understand for the technical values of a consent record."""

    _inherit = "g2p.oidc.consent"

    acr_label = fields.Char("Signed in with", compute="_compute_labels")
    claims_label = fields.Char("Information shared", compute="_compute_labels")

    @api.depends("acr", "claims")
    @api.depends_context("lang")
    def _compute_labels(self):
        acrs, claims = _acr_labels(), _claim_labels()
        for consent in self:
            values = [v.strip() for v in (consent.acr or "").split() if v.strip()]
            consent.acr_label = ", ".join(
                acrs.get(v.removeprefix(ACR_PREFIX), v.removeprefix(ACR_PREFIX)) for v in values
            )
            names = [
                c.strip().split("#")[0] for c in (consent.claims or "").replace(",", " ").split() if c.strip()
            ]
            consent.claims_label = ", ".join(dict.fromkeys(claims.get(n, n) for n in names))
