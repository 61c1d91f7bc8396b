# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..ida import IdaConfig, authenticate, kyc, validate_biometrics

_logger = logging.getLogger(__name__)

SECRET = "base.group_system"


class G2PBiometricIdaAdapter(models.Model):
    """How the server reaches an ID authentication service.

    Pluggable by ``adapter_type``: ``_g2p_authenticate`` dispatches to
    ``_g2p_authenticate_<adapter_type>``. The first adapter speaks MOSIP's IDA auth API 1.2
    (``g2p_portal_biometric.ida``). Secrets (private key, keys) are readable by system
    administrators only and never logged."""

    _name = "g2p.biometric.ida.adapter"
    _description = "ID Authentication Service"
    _order = "sequence, id"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    adapter_type = fields.Selection(
        [("mosip_ida", "MOSIP ID Authentication (auth API 1.2)")], required=True, default="mosip_ida"
    )
    id_type_id = fields.Many2one(
        "g2p.id.type",
        "ID type",
        required=True,
        ondelete="restrict",
        help="The registry's ID type whose numbers this service authenticates (e.g. the national ID).",
    )
    individual_id_type = fields.Selection(
        [("UIN", "UIN"), ("VID", "VID")], "Individual ID type", required=True, default="UIN"
    )
    endpoint_url = fields.Char(
        "Auth endpoint",
        required=True,
        help="The auth API URL without the three key segments, e.g. "
        "https://ida.example.org/idauthentication/v1/auth",
    )
    domain_uri = fields.Char("Domain URI", required=True)
    ida_env = fields.Char("Environment", required=True, default="Developer")
    partner_ref = fields.Char("Partner ID", required=True)
    misp_license_key = fields.Char("MISP license key", groups=SECRET, copy=False)
    api_key = fields.Char("API key", groups=SECRET, copy=False)
    partner_private_key_pem = fields.Text("Partner private key (PEM)", groups=SECRET, copy=False)
    partner_certificate_pem = fields.Text("Partner certificate (PEM)")
    ida_certificate_pem = fields.Text(
        "Service encryption certificate (PEM)", help="The captures and request are encrypted for it."
    )
    ida_signing_certificate_pem = fields.Text(
        "Service signing certificate (PEM)", help="Verifies the signature of every response."
    )
    device_ca_certificates_pem = fields.Text(
        "Trusted device provider CAs (PEM)",
        help="Optional: the signed captures' certificate chains must end at one of these.",
    )
    timeout_total = fields.Float(
        "Total timeout (s)", default=10.0, help="The whole call, connection included, never takes longer."
    )
    max_response_kb = fields.Integer("Largest response (KB)", default=256)
    use_kyc = fields.Boolean(
        "Fill the profile from the service (e-KYC)",
        default=True,
        help="On a match, ask for the person's demographic data (e-KYC) and record the date of "
        "birth, gender and phone number as verified; empty names are filled too.",
    )

    @api.constrains("timeout_total", "max_response_kb")
    def _check_limits(self):
        for adapter in self:
            if not 0 < adapter.timeout_total <= 60:
                raise ValidationError(_("The total timeout must be between 0 and 60 seconds."))
            if not 0 < adapter.max_response_kb <= 10240:
                raise ValidationError(_("The largest response must be between 1 KB and 10 MB."))

    def _g2p_ready(self):
        """Whether every setting the adapter needs is filled in (checked before each call)."""
        self.ensure_one()
        adapter = self.sudo()
        needed = [adapter.endpoint_url, adapter.partner_ref, adapter.domain_uri, adapter.ida_env]
        if adapter.adapter_type == "mosip_ida":
            needed += [
                adapter.misp_license_key,
                adapter.api_key,
                adapter.partner_private_key_pem,
                adapter.partner_certificate_pem,
                adapter.ida_certificate_pem,
                adapter.ida_signing_certificate_pem,
            ]
        return all(needed)

    def _g2p_authenticate(self, individual_id, biometrics, transaction_id, consent):
        """Asks the service whether ``biometrics`` (as the device returned them) match.

        :return: the adapter's result (``status`` match / no_match / refused, ``error_code``)
        :raise: IdaUnavailable, IdaBadResponse, IdaBadInput
        """
        self.ensure_one()
        return getattr(self, f"_g2p_authenticate_{self.adapter_type}")(
            individual_id, biometrics, transaction_id, consent
        )

    def _g2p_check_capture(self, biometrics, transaction_id):
        """The signed payloads of an untampered capture for ``transaction_id`` (checked
        before anything is recorded or sent); raises IdaBadInput otherwise."""
        self.ensure_one()
        config = self._g2p_ida_config()
        return validate_biometrics(
            biometrics,
            transaction_id,
            config.device_ca_certificates_pem,
            config.ida_certificate_pem,
            config.domain_uri,
            config.env,
        )

    def _g2p_ida_config(self):
        adapter = self.sudo()
        cas = adapter.device_ca_certificates_pem or ""
        marker = "-----END CERTIFICATE-----"
        chain = tuple(part.strip() + "\n" + marker + "\n" for part in cas.split(marker) if part.strip())
        return IdaConfig(
            endpoint_url=adapter.endpoint_url,
            misp_license_key=adapter.misp_license_key or "",
            partner_id=adapter.partner_ref,
            api_key=adapter.api_key or "",
            partner_private_key_pem=adapter.partner_private_key_pem or "",
            partner_certificate_pem=adapter.partner_certificate_pem or "",
            ida_certificate_pem=adapter.ida_certificate_pem or "",
            ida_signing_certificate_pem=adapter.ida_signing_certificate_pem or "",
            domain_uri=adapter.domain_uri,
            env=adapter.ida_env,
            timeout_total=adapter.timeout_total,
            max_response_bytes=adapter.max_response_kb * 1024,
            device_ca_certificates_pem=chain,
        )

    def _g2p_authenticate_mosip_ida(self, individual_id, biometrics, transaction_id, consent):
        return (kyc if self.use_kyc else authenticate)(
            self._g2p_ida_config(),
            individual_id,
            self.individual_id_type,
            biometrics,
            transaction_id,
            consent_obtained=bool(consent),
        )
