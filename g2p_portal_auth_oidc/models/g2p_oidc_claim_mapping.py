# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import logging
from datetime import datetime

from PIL import Image

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.image import image_process

_logger = logging.getLogger(__name__)

# target -> the res.partner field it fills (and that is then marked verified)
TARGET_FIELDS = {
    "name": "name",
    "given_name": "given_name",
    "family_name": "family_name",
    "addl_name": "addl_name",
    "birthdate": "birthdate",
    "gender": "gender",
    "email": "email",
    "phone": "phone",
    "street": "street",
    "street2": "street2",
    "city": "city",
    "zip": "zip",
    "country": "country_id",
    "picture": "image_1920",
}
MAX_PICTURE_BYTES = 5 * 1024 * 1024


class G2POidcClaimMapping(models.Model):
    _name = "g2p.oidc.claim.mapping"
    _description = "OpenID Connect claim to registrant field"
    _order = "provider_id, sequence, id"

    provider_id = fields.Many2one("auth.oauth.provider", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    claim = fields.Char(
        required=True,
        help="Claim name; a dotted path reads inside an object claim (address.locality). "
        "A localized claim (name#en) is found from its plain name.",
    )
    target = fields.Selection(
        [
            ("name", "Full name"),
            ("given_name", "Given name"),
            ("family_name", "Family name"),
            ("addl_name", "Additional name"),
            ("birthdate", "Date of birth"),
            ("gender", "Gender"),
            ("email", "Email"),
            ("phone", "Phone"),
            ("street", "Street"),
            ("street2", "Street 2"),
            ("city", "City"),
            ("zip", "ZIP"),
            ("country", "Country (ISO code)"),
            ("picture", "Picture (data URI)"),
        ],
        required=True,
    )
    date_format = fields.Char(
        default="%Y-%m-%d",
        help="strptime format of the date of birth claim: OpenID Connect's %Y-%m-%d, eSignet's %Y/%m/%d.",
    )
    value_map = fields.Char(
        help="Gender values: claim value=gender code pairs separated by commas, e.g. Female=female, Male=male."
    )

    _sql_constraints = [
        (
            "target_unique",
            "unique(provider_id, target)",
            "Each registrant field can be mapped once per provider.",
        )
    ]

    @staticmethod
    def _g2p_claim_value(claims, claim, locales):
        """The claim's value, following a dotted path, preferring ``claim#<locale>`` in the
        order of ``locales`` over the plain claim when the provider localizes it."""
        head, _sep, rest = claim.partition(".")
        value = None
        if "#" not in head:
            for locale in locales:
                for key in (f"{head}#{locale}", f"{head}#{locale.split('_')[0].split('-')[0]}"):
                    if claims.get(key) not in (None, ""):
                        value = claims[key]
                        break
                if value is not None:
                    break
        if value is None:
            value = claims.get(head)
        if value is None and "#" not in head:
            localized = sorted(k for k in claims if k.startswith(head + "#"))
            value = claims[localized[0]] if localized else None
        if rest:
            return (
                G2POidcClaimMapping._g2p_claim_value(value, rest, locales)
                if isinstance(value, dict)
                else None
            )
        return value

    def _g2p_convert(self, value, problems=None):
        """The registrant field value for a claim value, or None when it cannot be used
        (then, for a value that was there, a line for the administrator in ``problems``)."""
        self.ensure_one()
        problems = problems if problems is not None else []
        if value in (None, "") or isinstance(value, (dict, list)):
            return None
        if self.target == "birthdate":
            try:
                return datetime.strptime(str(value), self.date_format or "%Y-%m-%d").date()
            except ValueError:
                # The value itself is personal data: log only its shape.
                _logger.warning(
                    "OIDC: claim %s (%d characters) does not match the birth date format %r",
                    self.claim,
                    len(str(value)),
                    self.date_format,
                )
                problems.append(
                    _(
                        "Claim %(claim)s (%(length)s characters) does not match the date format %(format)s.",
                        claim=self.claim,
                        length=len(str(value)),
                        format=self.date_format,
                    )
                )
                return None
        if self.target == "gender":
            pairs = {
                k.strip().lower(): v.strip()
                for k, _sep, v in (p.partition("=") for p in (self.value_map or "").split(","))
                if k.strip()
            }
            code = pairs.get(str(value).strip().lower(), str(value).strip().lower())
            codes = {c for c, _label in self.env["res.partner"].sudo()._selection_gender()}
            return code if code in codes else None
        if self.target == "country":
            country = self.env["res.country"].sudo().search([("code", "=ilike", str(value).strip())], limit=1)
            return country.id or None
        if self.target == "picture":
            return self._g2p_picture(str(value), problems)
        return str(value).strip()[:256] or None

    def _g2p_picture(self, value, problems):
        """The picture as base64 for image_1920, or None (logged, the sign-in goes on)
        when the claim is not a usable inline raster image."""
        raw, reason = self._g2p_picture_bytes(value)
        if raw:
            return base64.b64encode(raw)
        # The claim itself is personal data: the log says only why it was skipped.
        _logger.warning("OIDC: picture claim %s skipped: %s", self.claim, reason)
        problems.append(_("Picture claim %(claim)s skipped: %(reason)s.", claim=self.claim, reason=reason))
        return None

    @api.model
    def _g2p_picture_bytes(self, value):
        """(decoded image bytes, None), or (None, a short reason why they cannot be used)."""
        # Only inline images: fetching a URL given by a token would let it make us call anywhere.
        if not value.startswith("data:image/") or ";base64," not in value:
            return None, "not an inline base64 image"
        data = value.split(";base64,", 1)[1]
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            return None, "invalid base64"
        if not raw:
            return None, "empty"
        if len(raw) > MAX_PICTURE_BYTES:
            return None, f"{len(raw)} bytes, over the {MAX_PICTURE_BYTES} bytes limit"
        if raw[:1] == b"<":
            return None, "not a raster image"
        try:
            # Decoded and resized like image_1920 will do, so that the write cannot fail.
            image_process(raw, size=(1920, 1920), verify_resolution=True)
        except (UserError, ValueError, OSError, SyntaxError, Image.DecompressionBombError) as e:
            return None, f"not a readable image ({type(e).__name__})"
        return raw, None

    def _g2p_partner_values(self, claims, locales):
        """({partner field: value} for every mapping whose claim is present and usable,
        [what could not be used, for the administrator])."""
        values, problems = {}, []
        for mapping in self:
            value = mapping._g2p_convert(self._g2p_claim_value(claims, mapping.claim, locales), problems)
            if value is not None:
                values[TARGET_FIELDS[mapping.target]] = value
        return values, problems
