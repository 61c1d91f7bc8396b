# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import date

from odoo import api, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)


def _localized(value, lang="eng"):
    """The text of an e-KYC value: a plain string, or MOSIP's [{"language", "value"}] list."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        texts = [v for v in value if isinstance(v, dict) and isinstance(v.get("value"), str)]
        chosen = next((v for v in texts if v.get("language") == lang), texts[0] if texts else None)
        return chosen["value"].strip() if chosen else ""
    return ""


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _g2p_kyc_values(self, identity):
        """Profile values from the ID service's e-KYC identity (whatever is usable in it)."""
        values = {}
        if not isinstance(identity, dict):
            return values
        dob = _localized(identity.get("dob")).replace("/", "-")
        if len(dob) >= 10 and dob[:4].isdigit() and dob[5:7].isdigit() and dob[8:10].isdigit():
            try:
                values["birthdate"] = date.fromisoformat(dob[:10])
            except ValueError:
                _logger.info("e-KYC date of birth not usable (not a calendar date)")
        gender = _localized(identity.get("gender")).lower()
        if gender and gender in dict(self._fields["gender"]._description_selection(self.env)):
            values["gender"] = gender
        name = _localized(identity.get("name"))
        if name:
            values["name"] = name[:128]
        phone = _localized(identity.get("phoneNumber"))
        if phone:
            values["phone"] = phone[:32]
        return values

    def _g2p_apply_kyc(self, identity, source):
        """Records what the ID service says about this registrant: date of birth, gender and
        phone as verified; the names only when the profile has none. Never logs the data."""
        self.ensure_one()
        values = self._g2p_kyc_values(identity)
        partner = self.sudo()
        vals = {k: values[k] for k in ("birthdate", "gender") if k in values}
        if values.get("name") and not (partner.given_name or partner.family_name):
            given, _sep, family = values["name"].partition(" ")
            vals.update(given_name=given, family_name=family or False)
        try:
            with self.env.cr.savepoint():
                if vals:
                    partner.write(vals)
                phone = values.get("phone")
                if phone and phone not in partner.phone_number_ids.mapped("phone_no"):
                    self.env["g2p.phone.number"].sudo().create({"partner_id": partner.id, "phone_no": phone})
                partner._g2p_mark_verified(set(vals) - {"given_name", "family_name"}, source)
        except ValidationError as error:
            _logger.warning("e-KYC values of partner %s not recorded: %s", partner.id, error)
            return {}
        return vals
