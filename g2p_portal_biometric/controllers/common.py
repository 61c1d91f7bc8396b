# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What every officer route shares: who may call it, input checks, the session's proofs."""

import time

from odoo import _
from odoo.addons.g2p_self_service_portal.controllers.portal import g2p_record_id
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..models.g2p_reg_id import ASSISTED_OFFICER_GROUP

PARAM = "g2p_portal_biometric."
SESSION_VERIFIED = "g2p_biometric_verified"
SESSION_TRANSACTIONS = "g2p_biometric_transactions"
# A proof of identity lets the officer act for the person this long.
VERIFIED_TTL = 3600
# The largest JSON body an officer route reads (a capture of ten fingers fits easily).
MAX_BODY = 1024 * 1024


def check_officer():
    """Assisting officers only: portal users and other internal users are refused."""
    if not request.env.user.has_group(ASSISTED_OFFICER_GROUP):
        raise AccessError(_("Only assisting officers can use the assisted registration screen."))
    length = request.httprequest.content_length or 0
    if length > MAX_BODY:
        raise UserError(_("The request is too large."))
    return request.env.user


def check_csrf(token):
    """type=json routes get no CSRF check from Odoo: the screen sends the session's token."""
    if not isinstance(token, str) or not request.validate_csrf(token):
        raise AccessError(_("Your session has expired. Reload the page and try again."))


def record_id(value):
    number = g2p_record_id(value)
    if not number:
        raise UserError(_("This record does not exist."))
    return number


def text(value, limit, label):
    if value is None or value is False:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise UserError(_("%(field)s is not valid.", field=label))
    return value.strip()


def param(name, default):
    value = request.env["ir.config_parameter"].sudo().get_param(PARAM + name)
    return value if value not in (None, "", False) else default


def int_param(name, default, low, high):
    try:
        return max(low, min(high, int(param(name, default))))
    except (TypeError, ValueError):
        return default


def verified_partners():
    now = time.time()
    return {
        k: v for k, v in (request.session.get(SESSION_VERIFIED) or {}).items() if now - v["at"] < VERIFIED_TTL
    }


def remember_verified(partner_id, attempt_id):
    verified = verified_partners()
    verified[str(partner_id)] = {"attempt_id": attempt_id, "at": time.time(), "uid": request.env.uid}
    request.session[SESSION_VERIFIED] = verified


def verified_attempt(partner_id):
    """The attempt that proved who ``partner_id`` is, in this officer's session, or refuse."""
    proof = verified_partners().get(str(partner_id))
    if not proof or proof.get("uid") != request.env.uid:
        raise UserError(_("Verify the person's identity first."))
    return request.env["g2p.biometric.attempt"].browse(proof["attempt_id"]).exists()
