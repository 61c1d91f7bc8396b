# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The officer screen's reads: its settings, finding a person, starting a new registrant."""

from odoo import _, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from .common import check_csrf, check_officer, int_param, param, record_id, text, verified_partners

SEARCH_LIMIT = 20
FIRST_PORT, LAST_PORT = 4501, 4600


def registrant_values(partners):
    """What the screen shows of each registrant, in a fixed number of queries."""
    partners.fetch(["name", "phone", "birthdate"])
    reg_ids = partners.reg_ids
    reg_ids.fetch(["id_type", "value", "status", "is_verified", "verification_method"])
    reg_ids.id_type.fetch(["name"])
    verified = verified_partners()
    return [
        {
            "id": partner.id,
            "name": partner.name,
            "phone": partner.phone or "",
            "birthdate": str(partner.birthdate or ""),
            "verified_here": str(partner.id) in verified,
            "ids": [
                {
                    "id": reg_id.id,
                    "id_type_id": reg_id.id_type.id,
                    "id_type": reg_id.id_type.name,
                    "value": reg_id.value,
                    "status": reg_id.status,
                    "is_verified": reg_id.is_verified,
                    "method": reg_id.verification_method or "",
                }
                for reg_id in reg_ids
                if reg_id.partner_id == partner
            ],
        }
        for partner in partners
    ]


class G2PAssistController(http.Controller):
    @http.route("/g2p_biometric/setup", type="json", auth="user", methods=["POST"])
    def setup(self, csrf_token=None, **_unused):
        check_officer()
        check_csrf(csrf_token)
        adapter = self._adapter()
        id_types = request.env["g2p.id.type"].search([])
        return {
            "mode": param("verify_mode", "ida"),
            "max_attempts": int_param("max_attempts", 3, 1, 10),
            "min_quality": int_param("min_quality", 40, 0, 100),
            "capture_timeout": int_param("capture_timeout", 10, 1, 120),
            "id_types": [{"id": t.id, "name": t.name} for t in id_types],
            "id_type_id": adapter.id_type_id.id if adapter else False,
            "env": adapter.ida_env if adapter else "Developer",
            "domain_uri": adapter.domain_uri if adapter else request.httprequest.host_url.rstrip("/"),
            "configured": bool(adapter) or param("verify_mode", "ida") == "oidc",
            "ports": self._ports(),
        }

    def _ports(self):
        """The SBI ports the browser probes: 4501-4600, or a narrower range of them (a test
        isolates its own simulator this way)."""
        first, _sep, last = str(param("sbi_ports", "4501-4600")).partition("-")
        try:
            first, last = int(first), int(last or first)
        except ValueError:
            first, last = FIRST_PORT, LAST_PORT
        first, last = max(FIRST_PORT, first), min(LAST_PORT, last)
        return [first, last] if first <= last else [FIRST_PORT, LAST_PORT]

    def _adapter(self):
        """The configured ID authentication service (configuration, read narrowly)."""
        adapter_id = int_param("adapter_id", 0, 0, 2**31 - 1)
        Adapter = request.env["g2p.biometric.ida.adapter"].sudo()
        return Adapter.browse(adapter_id).exists() if adapter_id else Adapter.search([], limit=1)

    @http.route("/g2p_biometric/search", type="json", auth="user", methods=["POST"])
    def search(self, csrf_token=None, id_type_id=None, id_value=None, name=None, phone=None, **_unused):
        check_officer()
        check_csrf(csrf_token)
        id_value = text(id_value, 64, _("ID number"))
        name = text(name, 128, _("Name"))
        phone = text(phone, 32, _("Phone"))
        domain = [("is_registrant", "=", True), ("is_group", "=", False)]
        if id_value:
            id_domain = [("value", "=", id_value)]
            if id_type_id:
                id_domain.append(("id_type", "=", record_id(id_type_id)))
            domain.append(("reg_ids", "any", id_domain))
        if name:
            domain.append(("name", "ilike", name))
        if phone:
            domain += ["|", ("phone", "ilike", phone), ("phone_number_ids.phone_no", "ilike", phone)]
        if not (id_value or name or phone):
            raise UserError(_("Type an ID number, a name or a phone number to search."))
        partners = request.env["res.partner"].search(domain, limit=SEARCH_LIMIT, order="name, id")
        return {"registrants": registrant_values(partners), "limit": SEARCH_LIMIT}

    @http.route("/g2p_biometric/registrant", type="json", auth="user", methods=["POST"])
    def registrant(self, csrf_token=None, partner_id=None, **_unused):
        check_officer()
        check_csrf(csrf_token)
        partner = request.env["res.partner"].search(
            [("id", "=", record_id(partner_id)), ("is_registrant", "=", True)], limit=1
        )
        if not partner:
            raise UserError(_("This registrant does not exist."))
        return registrant_values(partner)[0]

    @http.route("/g2p_biometric/registrant/create", type="json", auth="user", methods=["POST"])
    def create_registrant(
        self,
        csrf_token=None,
        given_name=None,
        family_name=None,
        id_type_id=None,
        id_value=None,
        phone=None,
        **_unused,
    ):
        """A new registrant with the ID to verify; the ID stays unverified until a match."""
        check_officer()
        check_csrf(csrf_token)
        given_name = text(given_name, 64, _("Given name"))
        family_name = text(family_name, 64, _("Family name"))
        id_value = text(id_value, 64, _("ID number"))
        phone = text(phone, 32, _("Phone"))
        if not id_value:
            raise UserError(_("Type at least the ID number."))
        id_type = request.env["g2p.id.type"].browse(record_id(id_type_id)).exists()
        if not id_type:
            raise UserError(_("Choose the ID type."))
        RegId = request.env["g2p.reg.id"]
        if RegId.search_count([("id_type", "=", id_type.id), ("value", "=", id_value)]):
            raise UserError(_("This ID number is already registered: search for the person instead."))
        vals = {
            # Without names, the ID service's e-KYC fills them after a match.
            "name": " ".join(filter(None, [given_name, family_name])) or id_value,
            "given_name": given_name or False,
            "family_name": family_name or False,
            "is_registrant": True,
            "reg_ids": [(0, 0, {"id_type": id_type.id, "value": id_value})],
        }
        if phone:
            vals["phone_number_ids"] = [(0, 0, {"phone_no": phone})]
        try:
            with request.env.cr.savepoint():
                partner = request.env["res.partner"].create(vals)
        except ValidationError as error:
            raise UserError(str(error.args[0] if error.args else error)) from None
        return registrant_values(partner)[0]
