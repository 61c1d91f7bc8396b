# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import Command

CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PASSWORD = "portal-test-pass"


class G2PPortalDataMixin:
    """Builds registrants, programs, applications, entitlements and payments."""

    @classmethod
    def _g2p_setup_data(cls):
        cls.company_currency = cls.env.company.currency_id
        other = "EUR" if cls.company_currency.name != "EUR" else "USD"
        cls.other_currency = (
            cls.env["res.currency"].with_context(active_test=False).search([("name", "=", other)], limit=1)
        )
        cls.other_currency.active = True
        cls.doc_type = cls.env["g2p.document.type"].create(
            {"name": "Test Proof of Residence", "code": "TEST_PROOF_RESIDENCE"}
        )
        cls._counter = 0

    @classmethod
    def _registrant(cls, given, family, login=None, **vals):
        partner = cls.env["res.partner"].create(
            dict(
                {"is_registrant": True, "given_name": given, "family_name": family},
                **vals,
            )
        )
        if login:
            cls.env["res.users"].with_context(no_reset_password=True).create(
                {
                    "login": login,
                    "password": PASSWORD,
                    "partner_id": partner.id,
                    "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
                }
            )
        return partner

    @classmethod
    def _program(cls, name, **vals):
        return cls.env["g2p.program"].create(dict({"name": name, "publication_state": "published"}, **vals))

    @classmethod
    def _apply(cls, program, partner, approve=False, key=None):
        application = cls.env["g2p.program.application"]._g2p_submit(program, partner, submission_key=key)
        if approve:
            application.action_approve()
        return application

    @classmethod
    def _enrolled(cls, program, partner):
        """Entitlements go to enrolled registrants only: enrol unless already enrolled."""
        Membership = cls.env["g2p.program_membership"]
        membership = Membership.search(
            [("partner_id", "=", partner.id), ("program_id", "=", program.id)]
        ) or Membership.create({"partner_id": partner.id, "program_id": program.id})
        if membership.state != "enrolled":
            membership.action_enroll()
        return membership

    @classmethod
    def _entitlement(cls, program, partner, amount, cycle=None):
        cls._counter += 1
        cycle = cycle or cls.env["g2p.cycle"].create(
            {"name": f"Cycle {cls._counter}", "program_id": program.id}
        )
        cls._enrolled(cycle.program_id, partner)
        entitlement = cls.env["g2p.entitlement"].create(
            {"partner_id": partner.id, "cycle_id": cycle.id, "initial_amount": amount}
        )
        entitlement.action_submit()
        entitlement.action_approve()
        return entitlement

    @classmethod
    def _pay(cls, entitlement, amount, status="paid"):
        payment = cls.env["g2p.payment"].create({"entitlement_id": entitlement.id, "amount_issued": amount})
        if status == "paid":
            payment.action_mark_paid()
        elif status == "failed":
            payment.action_mark_failed()
        return payment


class G2PPortalHttpMixin:
    def _csrf(self, url="/my/profile"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        match = CSRF_RE.search(response.text)
        self.assertTrue(match, f"no CSRF token on {url}")
        return match.group(1)

    def _post(self, url, data=None, files=None, csrf_url="/my/profile", allow_redirects=True):
        data = dict(data or {}, csrf_token=self._csrf(csrf_url))
        return self.url_open(url, data=data, files=files, allow_redirects=allow_redirects)
