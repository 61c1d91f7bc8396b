# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.addons.g2p_self_service_portal.controllers.applications import G2PApplicationPortal
from odoo.tests import HttpCase, tagged

from .common import PASSWORD, PDF_BYTES, G2PPortalDataMixin, G2PPortalHttpMixin


@tagged("post_install", "-at_install")
class TestPortalRoutes(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant("Alice", "Routes", login="alice.routes@example.com")
        cls.bob = cls._registrant("Bob", "Routes", login="bob.routes@example.com")
        cls.cash = cls._program("Routes Cash", required_document_type_ids=[(6, 0, cls.doc_type.ids)])
        cls.open_program = cls._program("Routes Open Program")
        cls.alice_app = cls._apply(cls.cash, cls.alice, approve=True)
        cls.bob_app = cls._apply(cls.cash, cls.bob)
        cls.bob_doc = cls.bob_app._g2p_add_document(cls.doc_type, "bob.pdf", PDF_BYTES)
        cls.alice_open_app = cls._apply(cls.open_program, cls.alice)
        cls.alice_doc = cls.alice_open_app._g2p_add_document(cls.doc_type, "alice.pdf", PDF_BYTES)
        cls.alice_ent = cls._entitlement(cls.cash, cls.alice, 100.0)
        cls._pay(cls.alice_ent, 40.0)
        cls.ended = cls._program("Routes Ended Program")
        cls.ended.action_end()
        cls.group_program = cls._program("Routes Household Program", target_type="group")

    def setUp(self):
        super().setUp()
        self.authenticate("alice.routes@example.com", PASSWORD)

    def _get(self, url):
        return self.url_open(url, timeout=60)

    def test_home_shows_registrant_tiles_and_counters(self):
        response = self._get("/my")
        self.assertEqual(response.status_code, 200)
        for url in ("/my/programs", "/my/programs/all", "/my/applications", "/my/benefits", "/my/profile"):
            self.assertIn(f'href="{url}"', response.text)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["g2p_program_count", "g2p_application_count", "g2p_benefit_count"]},
        )
        self.assertEqual(counters["g2p_program_count"], 2)
        self.assertEqual(counters["g2p_application_count"], 2)
        self.assertEqual(counters["g2p_benefit_count"], 1)

    def test_my_programs_lists_own_programs_with_funds(self):
        response = self._get("/my/programs")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Routes Cash", response.text)
        self.assertIn("Routes Open Program", response.text)
        self.assertNotIn("Routes Ended Program", response.text)
        self.assertIn("Enrolled", response.text)
        self.assertIn(self.alice_app.name, response.text)

    def test_all_programs_offers_apply_or_reason(self):
        response = self._get("/my/programs/all")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Routes Cash", response.text)
        self.assertNotIn("Routes Ended Program", response.text)
        # Individual registrants do not see household programs.
        self.assertNotIn("Routes Household Program", response.text)
        self.assertIn("is already in progress", response.text)
        self.assertIn(self.doc_type.name, response.text)

    def test_apply_page_shows_confirmation_with_key_and_csrf(self):
        program = self._program("Routes Fresh Program")
        response = self._get(f"/my/programs/{program.id}/apply")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="submission_key"', response.text)
        self.assertIn('name="csrf_token"', response.text)

    def test_apply_page_explains_refusal(self):
        response = self._get(f"/my/programs/{self.cash.id}/apply")
        self.assertEqual(response.status_code, 200)
        self.assertIn("g2p_apply_refused", response.text)
        self.assertIn(self.alice_app.name, response.text)

    def test_my_applications_lists_only_own(self):
        response = self._get("/my/applications")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.alice_app.name, response.text)
        self.assertNotIn(self.bob_app.name, response.text)

    def test_application_detail_shows_history_documents_and_rejection(self):
        self.alice_open_app.with_context(g2p_status_note="Checked").action_review()
        self.alice_open_app.action_reject("Income above the threshold")
        response = self._get(f"/my/applications/{self.alice_open_app.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Income above the threshold", response.text)
        self.assertIn("Under Review", response.text)
        self.assertIn("alice.pdf", response.text)
        self.assertEqual(response.text.count("g2p_timeline_step"), 3)

    def test_receipt_carries_qr_code_and_check_link(self):
        response = self._get(f"/my/applications/{self.alice_app.id}/receipt")
        self.assertEqual(response.status_code, 200)
        check_url = self.alice_app.get_base_url() + f"/my/applications/{self.alice_app.id}"
        self.assertIn(f'href="{check_url}"', response.text)
        # The QR code encodes the signed verification link: the same text gives the same image.
        qr_img = re.search(r"<img[^>]*g2p_receipt_qr[^>]*>", response.text)
        self.assertTrue(qr_img)
        qr_src = re.search(r'src="([^"]+)"', qr_img.group(0))
        verify_url = G2PApplicationPortal._g2p_receipt_verify_url(None, self.alice_app)
        self.assertIn("/g2p/receipt/", verify_url)
        expected = G2PApplicationPortal._g2p_qr_data_uri(None, verify_url)
        self.assertEqual(qr_src.group(1), expected)
        other = G2PApplicationPortal._g2p_qr_data_uri(
            None, G2PApplicationPortal._g2p_receipt_verify_url(None, self.bob_app)
        )
        self.assertNotEqual(qr_src.group(1), other)

    def test_own_document_downloads(self):
        response = self._get(f"/my/applications/{self.alice_open_app.id}/documents/{self.alice_doc.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF_BYTES)
        self.assertIn("attachment", response.headers["Content-Disposition"])

    def test_my_benefits_shows_entitlement_and_amounts(self):
        response = self._get("/my/benefits")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.alice_ent.code, response.text)
        self.assertIn("Partially Paid", response.text)

    def test_profile_and_submissions_pages(self):
        self.assertEqual(self._get("/my/profile").status_code, 200)
        response = self._get("/my/profile/submissions")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.alice_app.name, response.text)
        self.assertNotIn(self.bob_app.name, response.text)

    # Someone else's records: 404 everywhere

    def test_other_registrants_records_answer_404_on_every_route(self):
        bob_app, bob_doc = self.bob_app, self.bob_doc
        gets = [
            f"/my/applications/{bob_app.id}",
            f"/my/applications/{bob_app.id}/receipt",
            f"/my/applications/{bob_app.id}/documents/{bob_doc.id}",
            # Own application, someone else's document.
            f"/my/applications/{self.alice_open_app.id}/documents/{bob_doc.id}",
            # Programs not open to this registrant.
            f"/my/programs/{self.ended.id}/apply",
            f"/my/programs/{self.group_program.id}/apply",
            "/my/applications/999999999",
        ]
        answers = {url: self._get(url).status_code for url in gets}
        self.assertEqual(answers, dict.fromkeys(gets, 404))
        posts = [
            (f"/my/applications/{bob_app.id}/documents", {"document_type_id": self.doc_type.id}),
            (f"/my/applications/{bob_app.id}/documents/{bob_doc.id}/remove", {}),
            (f"/my/applications/{self.alice_open_app.id}/documents/{bob_doc.id}/remove", {}),
            (
                f"/my/applications/{self.alice_open_app.id}/documents",
                {"document_type_id": self.doc_type.id, "replace_document_id": bob_doc.id},
            ),
            (f"/my/programs/{self.ended.id}/apply", {"submission_key": "k-ended"}),
        ]
        answers = {}
        for url, data in posts:
            files = {"file": ("x.pdf", PDF_BYTES, "application/pdf")}
            answers[url] = self._post(url, data, files=files).status_code
        self.assertEqual(answers, {url: 404 for url, _data in posts})
        self.assertTrue(bob_doc.exists())
        self.assertEqual(len(bob_app.document_ids), 1)
        self.assertFalse(
            self.env["g2p.program.application"].search(
                [("partner_id", "=", self.alice.id), ("program_id", "=", self.ended.id)]
            )
        )

    def test_ids_beyond_the_database_range_answer_404_not_500(self):
        huge = "99999999999999999999"
        gets = [
            f"/my/applications/{huge}",
            f"/my/applications/{huge}/receipt",
            f"/my/applications/{self.alice_open_app.id}/documents/{huge}",
            f"/my/programs/{huge}/apply",
        ]
        answers = {url: self._get(url).status_code for url in gets}
        self.assertEqual(answers, dict.fromkeys(gets, 404))
        posts = [
            (f"/my/applications/{huge}/documents", {"document_type_id": self.doc_type.id}),
            (f"/my/applications/{self.alice_open_app.id}/documents/{huge}/remove", {}),
            (
                f"/my/applications/{self.alice_open_app.id}/documents",
                {"document_type_id": self.doc_type.id, "replace_document_id": huge},
            ),
            (f"/my/programs/{huge}/apply", {"submission_key": "k-huge"}),
        ]
        answers = {}
        for url, data in posts:
            files = {"file": ("x.pdf", PDF_BYTES, "application/pdf")}
            answers[url] = self._post(url, data, files=files).status_code
        self.assertEqual(answers, {url: 404 for url, _data in posts})
        self.assertEqual(len(self.alice_open_app.document_ids), 1)

    def test_state_changing_posts_without_csrf_token_are_refused(self):
        fresh = self._program("Routes CSRF Program")
        posts = [
            ("/my/profile", {"city": "Forged"}),
            (f"/my/programs/{fresh.id}/apply", {"submission_key": "k-forged"}),
            (f"/my/applications/{self.alice_open_app.id}/documents/{self.alice_doc.id}/remove", {"go": "1"}),
            ("/my/account", {"name": "Forged", "email": "forged@example.com"}),
            ("/my/deactivate_account", {"validation": "alice.routes@example.com", "password": PASSWORD}),
        ]
        answers = {url: self.url_open(url, data=data, timeout=60).status_code for url, data in posts}
        self.assertEqual(answers, {url: 400 for url, _data in posts})
        self.assertNotEqual(self.alice.city, "Forged")
        self.assertTrue(self.alice.active)
        self.assertTrue(self.alice_doc.exists())
        self.assertFalse(self.env["g2p.program.application"].search([("program_id", "=", fresh.id)]))

    def test_portal_user_who_is_not_a_registrant_gets_404(self):
        self._registrant(
            "Not", "Registrant", login="plain.portal@example.com", is_registrant=False, name="Plain"
        )
        self.authenticate("plain.portal@example.com", PASSWORD)
        urls = (
            "/my/programs",
            "/my/programs/all",
            "/my/applications",
            "/my/benefits",
            "/my/profile",
            "/my/profile/submissions",
            f"/my/applications/{self.alice_app.id}",
            f"/my/applications/{self.alice_app.id}/receipt",
        )
        answers = {url: self._get(url).status_code for url in urls}
        self.assertEqual(answers, dict.fromkeys(urls, 404))
        self.assertEqual(self._get("/my").status_code, 200)

    def test_anonymous_visitor_is_sent_to_login(self):
        self.authenticate(None, None)
        response = self.url_open("/my/applications", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
