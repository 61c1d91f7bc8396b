# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A pluggable SMS gateway: the abstract interface, and an implementation that only logs
(used by the demo and the tests). A real gateway is another model implementing
``_g2p_send``, chosen with the system parameter ``g2p_programs.sms_gateway``."""

import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

GATEWAY_PARAM = "g2p_programs.sms_gateway"
DEFAULT_GATEWAY = "g2p.sms.gateway.log"
SMS_MAX_LENGTH = 480  # three concatenated SMS


class G2PSmsGateway(models.AbstractModel):
    _name = "g2p.sms.gateway"
    _description = "SMS Gateway (interface)"

    @api.model
    def _g2p_gateway(self):
        """The configured gateway, or the logging one when the parameter names no gateway."""
        name = self.env["ir.config_parameter"].sudo().get_param(GATEWAY_PARAM) or DEFAULT_GATEWAY
        if name not in self.env or not issubclass(type(self.env[name]), type(self.env["g2p.sms.gateway"])):
            _logger.warning("SMS gateway %r is not installed; using %s", name, DEFAULT_GATEWAY)
            name = DEFAULT_GATEWAY
        return self.env[name]

    @api.model
    def _g2p_send(self, number, text):
        """Sends ``text`` to ``number``; returns True when the gateway accepted it.
        Implementations must bound the time of any outbound call and never raise for a
        delivery failure (a notification must not undo the decision it reports)."""
        raise NotImplementedError()

    @api.model
    def _g2p_send_to_partner(self, partner, text):
        number = partner._g2p_sms_number() if partner else False
        if not number:
            return False
        return self._g2p_gateway()._g2p_send(number, (text or "")[:SMS_MAX_LENGTH])


class G2PSmsGatewayLog(models.AbstractModel):
    _name = "g2p.sms.gateway.log"
    _inherit = "g2p.sms.gateway"
    _description = "SMS Gateway that logs messages (demo and tests)"

    @api.model
    def _g2p_send(self, number, text):
        # Only the last digits: the log must not become a directory of phone numbers.
        masked = f"…{number[-4:]}"
        _logger.info("SMS to %s: %s", masked, text)
        self.env["g2p.sms.message"].sudo().create({"number": masked, "body": text})
        return True


class G2PSmsMessage(models.Model):
    """What the logging gateway "sent": lets the demo and the tests see the SMS."""

    _name = "g2p.sms.message"
    _description = "SMS logged by the logging gateway"
    _order = "id desc"

    number = fields.Char("To (last digits)", readonly=True)
    body = fields.Text("Message", readonly=True)


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _g2p_sms_number(self):
        self.ensure_one()
        phones = self.sudo().phone_number_ids.filtered(lambda p: not p.disabled)
        return (phones[:1].phone_no if phones else False) or self.mobile or self.phone or False
