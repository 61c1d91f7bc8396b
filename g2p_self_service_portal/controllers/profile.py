# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import date

import phonenumbers

from odoo import _, fields, http, tools
from odoo.addons.g2p_registry import phone_numbers
from odoo.http import request

from .portal import G2PSelfServicePortal, g2p_record_id

_logger = logging.getLogger(__name__)

# Longest text kept from the profile form (its inputs carry the same maxlength).
PROFILE_MAX_LENGTH = 256
# Earliest birth date accepted from the profile form (nobody alive was born before).
EARLIEST_BIRTHDATE = date(1900, 1, 1)


class G2PProfilePortal(G2PSelfServicePortal):
    """Profile: personal and demographic details, and what was submitted per application."""

    def _g2p_profile_values(self, partner, form=None, errors=None, **extra):
        fields_list = partner._g2p_portal_profile_fields()
        locked = partner._g2p_portal_locked_fields()
        current = {}
        for name in fields_list:
            value = partner[name]
            if partner._fields[name].type == "many2one":
                value = value.id
            current[name] = value or ""
        if form:
            current.update({k: v for k, v in form.items() if k in fields_list and k not in locked})
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_profile",
                "partner": partner,
                "form": current,
                "locked": locked,
                "errors": errors or {},
                "countries": request.env["res.country"].sudo().search([]),
                "genders": partner._fields["gender"]._description_selection(request.env),
                "reg_ids": partner.reg_ids,
                "updated": False,
            }
        )
        values.update(extra)
        return values

    def _g2p_profile_validate(self, partner, post):
        """Whitelisted, checked values to write, and errors per field."""
        allowed = partner._g2p_portal_profile_fields()
        locked = partner._g2p_portal_locked_fields()
        errors = {}
        vals = {}
        for name in allowed:
            if name not in post:
                continue
            if name in locked:
                errors[name] = _("This detail was verified by your ID provider and cannot be changed here.")
                continue
            vals[name] = (post.get(name) or "").strip()
            if len(vals[name]) > PROFILE_MAX_LENGTH:
                errors[name] = _("Use at most %(max)s characters.", max=PROFILE_MAX_LENGTH)
        if "birthdate" in vals:
            if vals["birthdate"]:
                try:
                    birthdate = fields.Date.to_date(vals["birthdate"])
                except ValueError:
                    birthdate = None
                if not birthdate:
                    errors["birthdate"] = _("Enter the date as YYYY-MM-DD.")
                elif birthdate > fields.Date.context_today(partner):
                    errors["birthdate"] = _("The birth date cannot be in the future.")
                elif birthdate < EARLIEST_BIRTHDATE:
                    errors["birthdate"] = _(
                        "Enter a birth date after %(earliest)s.", earliest=EARLIEST_BIRTHDATE.isoformat()
                    )
                else:
                    vals["birthdate"] = birthdate
            else:
                vals["birthdate"] = False
        if vals.get("gender"):
            codes = {code for code, _label in partner._fields["gender"]._description_selection(request.env)}
            if vals["gender"] not in codes:
                errors["gender"] = _("Choose a gender from the list.")
        if vals.get("phone"):
            phone = phone_numbers.normalized_phone(vals["phone"], self._g2p_phone_country(partner, vals))
            if phone:
                vals["phone"] = phone
            else:
                errors["phone"] = _(
                    "Enter a phone number that can be called, such as %(example)s.",
                    example=self._g2p_phone_example(partner),
                )
        if vals.get("email") and not tools.single_email_re.match(vals["email"]):
            errors["email"] = _("Enter a valid email address.")
        if "country_id" in vals:
            raw = vals["country_id"]
            country = request.env["res.country"].browse(g2p_record_id(raw))
            if raw and not country.exists():
                errors["country_id"] = _("Choose a country from the list.")
            else:
                vals["country_id"] = country.id or False
                if country != partner.country_id:
                    # The state belongs to the old country; it is not edited here.
                    vals["state_id"] = False
        for name in ("given_name", "family_name"):
            if name in vals and not vals[name]:
                errors[name] = _("This field is required.")
        for name, value in vals.items():
            if value == "":
                vals[name] = False
        return vals, errors

    def _g2p_phone_country(self, partner, vals):
        country = request.env["res.country"].browse(g2p_record_id(vals.get("country_id"))).exists()
        return country.code if country else phone_numbers.registry_country_code(request.env, partner)

    def _g2p_phone_example(self, partner):
        code = phone_numbers.registry_country_code(request.env, partner)
        example = phonenumbers.example_number(code) if code else None
        if not example:
            return "+221 77 000 00 00"
        return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    @http.route()
    def account(self, redirect=None, **post):
        # Odoo's "Your details" form writes name, email, phone and address with sudo,
        # past the fields an ID provider verified: registrants edit theirs on /my/profile.
        user = request.env.user
        if not user._is_public() and user.partner_id.is_registrant:
            return request.redirect("/my/profile")
        return super().account(redirect=redirect, **post)

    @http.route("/my/profile", type="http", auth="user", website=True, methods=["GET", "POST"])
    def g2p_profile(self, **post):
        partner = self._g2p_registrant()
        if request.httprequest.method != "POST":
            values = self._g2p_profile_values(partner, updated=bool(post.get("updated")))
            return request.render("g2p_self_service_portal.portal_profile", values)
        vals, errors = self._g2p_profile_validate(partner, post)
        if errors:
            values = self._g2p_profile_values(partner, form=post, errors=errors)
            return request.render("g2p_self_service_portal.portal_profile", values, status=400)
        # sudo: portal users have no write right on partners (as in Odoo's /my/account);
        # only whitelisted, unverified fields of the registrant's own partner get here.
        partner.sudo().write(vals)
        _logger.info("Registrant %s updated profile fields %s", partner.id, sorted(vals))
        return request.redirect("/my/profile?updated=1")

    @http.route(
        ["/my/profile/submissions", "/my/profile/submissions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def g2p_profile_submissions(self, page=1, **kw):
        pager, applications = self._g2p_applications_page("/my/profile/submissions", page)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "g2p_submissions",
                "default_url": "/my/profile/submissions",
                "pager": pager,
                "applications": applications,
                "answer_rows": self._g2p_answer_rows(applications),
            }
        )
        return request.render("g2p_self_service_portal.portal_profile_submissions", values)
