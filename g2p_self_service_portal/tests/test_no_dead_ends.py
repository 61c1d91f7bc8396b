# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import format_date

from .common import PASSWORD, PDF_BYTES, G2PPortalDataMixin, G2PPortalHttpMixin


@tagged("post_install", "-at_install")
class TestNoDeadEnds(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    """The registrant is told where they stand and never asked to do what the portal refuses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant("Alice", "Ends", login="alice.ends@example.com")
        cls.enrolled_program = cls._program("Ends Enrolled Program")
        cls._apply(cls.enrolled_program, cls.alice, approve=True)
        cls._enrolled(cls.enrolled_program, cls.alice)
        cls.docs_program = cls._program(
            "Ends Docs Program", required_document_type_ids=[(6, 0, cls.doc_type.ids)]
        )

    def setUp(self):
        super().setUp()
        self.authenticate("alice.ends@example.com", PASSWORD)

    def test_an_enrolled_program_says_so_on_all_programs(self):
        page = self.url_open("/my/programs/all").text
        block = page[page.index(f'data-program-id="{self.enrolled_program.id}"') :]
        block = block[: block.index("</article>")]
        self.assertIn("You are enrolled", block)
        self.assertNotIn("already in progress", block)
        other = page[page.index(f'data-program-id="{self.docs_program.id}"') :]
        self.assertNotIn("You are enrolled", other[: other.index("</article>")])

    def test_still_to_provide_only_while_documents_can_be_provided(self):
        application = self._apply(self.docs_program, self.alice)
        url = f"/my/applications/{application.id}"
        self.assertIn("g2p_missing_documents", self.url_open(url).text)
        application.action_approve()
        page = self.url_open(url).text
        self.assertNotIn("g2p_missing_documents", page)
        self.assertNotIn("Still to provide", page)

    def test_a_provided_document_is_not_listed_as_missing(self):
        application = self._apply(self.docs_program, self.alice)
        application._g2p_add_document(self.doc_type, "proof.pdf", PDF_BYTES)
        self.assertNotIn("g2p_missing_documents", self.url_open(f"/my/applications/{application.id}").text)

    def test_dates_are_written_in_the_registrants_language(self):
        application = self._apply(self.docs_program, self.alice)
        page = self.url_open(f"/my/applications/{application.id}").text
        year = str(application.date_applied.year)
        month = application.date_applied.strftime("%B")
        self.assertIn(month, page)
        self.assertIn(year, page)
        self.assertNotRegex(page, r">\s*\d{4}-\d{2}-\d{2}")
        self.assertNotRegex(page, r">\s*\d{2}/\d{2}/\d{4}")

    def test_the_layout_shows_the_agency_and_no_odoo_marketing(self):
        # The Odoo.com sign-in provider is switched off by the sign-in module's data; the
        # layout itself must add no Odoo promotion.
        odoo_com = self.env.ref("auth_oauth.provider_openerp", raise_if_not_found=False)
        if odoo_com:
            odoo_com.enabled = False
        self.env.company.write(
            {
                "g2p_portal_agency_name": "Test Welfare Agency",
                "g2p_portal_help_phone": "+221 800 11 22 33",
                "g2p_portal_office_hours": "Weekdays 9 to 5",
            }
        )
        for url in ("/my", "/my/programs/all", "/web/login", "/privacy-notice"):
            if url == "/web/login":
                self.logout()
            page = self.url_open(url).text
            self.assertIn("Test Welfare Agency", page, url)
            self.assertIn("+221 800 11 22 33", page, url)
            self.assertIn("Weekdays 9 to 5", page, url)
            self.assertIn('href="/privacy-notice"', page, url)
            for marketing in (
                "Powered by",
                "YourLogo",
                "Contact us",
                "Contact Us",
                "free website",
                "odoo.com",
            ):
                self.assertNotIn(marketing, page, f"{marketing} on {url}")
        self.assertIn("What we collect", self.url_open("/privacy-notice").text)

    def test_my_benefits_lists_each_payment_and_the_next_expected_one(self):
        program = self._program("Ends Cash Program")
        self._apply(program, self.alice, approve=True)
        entitlement = self._entitlement(program, self.alice, 100.0)
        paid = self._pay(entitlement, 30.0)
        failed = self._pay(entitlement, 20.0, status="failed")
        start = fields.Date.add(fields.Date.today(), days=40)
        self.env["g2p.cycle"].create({"name": "Planned", "program_id": program.id, "start_date": start})
        page = self.url_open("/my/benefits").text
        paid_block = page[page.index(f'data-payment-id="{paid.id}"') :][:1500]
        self.assertIn('data-status="paid"', paid_block)
        self.assertIn(
            format_date(self.env, paid.payment_date or fields.Date.today(), date_format="long"), paid_block
        )
        failed_block = page[page.index(f'data-payment-id="{failed.id}"') :][:1500]
        self.assertIn("g2p_payment_failed", failed_block)
        self.assertIn("Call the help line", failed_block)
        self.assertIn("Next payment expected from", page)
        self.assertIn(format_date(self.env, start, date_format="long"), page)

    def test_officers_read_words_not_technical_values(self):
        self.alice.birthdate = fields.Date.subtract(fields.Date.today(), years=31, days=3)
        self.assertEqual(self.alice.age_text, "31 years old")
        if "g2p.oidc.consent" in self.env:
            provider = self.env["auth.oauth.provider"].search([], limit=1)
            consent = self.env["g2p.oidc.consent"].create(
                {
                    "partner_id": self.alice.id,
                    "provider_id": provider.id,
                    "claims": "name",
                    "acr": "mosip:idp:acr:generated-code mosip:idp:acr:biometrics",
                }
            )
            self.assertEqual(consent.acr_label, "One-time code (OTP), Biometrics")

    def test_the_demo_story_has_no_payment_before_its_approval_or_enrolment(self):
        amina = self.env.ref("g2p_registry.demo_registrant_amina", raise_if_not_found=False)
        if not amina:
            self.skipTest("demo data not loaded")
        payments = self.env["g2p.payment"].search([("payment_date", "!=", False)])
        self.assertTrue(payments)
        for payment in payments:
            partner, program = payment.partner_id, payment.program_id
            approvals = self.env["g2p.program.application.status"].search(
                [
                    ("application_id.partner_id", "=", partner.id),
                    ("application_id.program_id", "=", program.id),
                    ("state", "=", "approved"),
                ]
            )
            for approval in approvals:
                self.assertLessEqual(
                    approval.date.date(), payment.payment_date, f"{partner.name} / {program.name}"
                )
            membership = self.env["g2p.program_membership"].search(
                [("partner_id", "=", partner.id), ("program_id", "=", program.id)]
            )
            if membership.enrollment_date:
                self.assertLessEqual(membership.enrollment_date, payment.payment_date, partner.name)

    def test_connection_page_offers_nothing_the_portal_would_refuse(self):
        page = self.url_open("/my/security").text
        self.assertIn("<h1", page)
        self.assertIn("g2p_close_account", page)
        self.assertNotIn("portal_deactivate_account_form", page)
        self.assertNotIn("alice.ends@example.com", page)
        # A password user can still change their password.
        self.assertIn('name="new1"', page)

    def test_id_sign_in_users_are_recognised_as_having_no_password(self):
        user = self.alice.user_ids
        if "oauth_provider_id" not in user._fields:
            self.skipTest("auth_oauth not installed")
        self.assertFalse(user._g2p_signs_in_with_id_only())
        provider = self.env["auth.oauth.provider"].search([], limit=1)
        user.write({"oauth_provider_id": provider.id, "oauth_uid": "sub-ends-1"})
        # A password user who also linked an ID keeps their password change.
        self.assertFalse(user._g2p_signs_in_with_id_only())
        self.env.cr.execute("UPDATE res_users SET password = NULL WHERE id = %s", [user.id])
        self.assertTrue(user._g2p_signs_in_with_id_only())
