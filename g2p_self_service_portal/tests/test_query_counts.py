# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import difflib
import logging
from unittest.mock import patch

from odoo import sql_db
from odoo.tests import HttpCase, tagged

from .common import PASSWORD, PDF_BYTES, G2PPortalDataMixin

_logger = logging.getLogger(__name__)

# Upper bound per page, to notice a page getting heavier even at a fixed count.
MAX_QUERIES = 60


@tagged("post_install", "-at_install")
class TestQueryCounts(G2PPortalDataMixin, HttpCase):
    """Each page runs the same number of SQL queries for 1 and for 50 of everything."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.one = cls._registrant("Una", "Counts", login="one.counts@example.com")
        cls.many = cls._registrant("Mani", "Counts", login="many.counts@example.com")
        cls.one_app = cls._g2p_fill(cls.one, 1)
        cls.many_app = cls._g2p_fill(cls.many, 50)
        cls.env.flush_all()

    @classmethod
    def _g2p_fill(cls, partner, count):
        """``count`` programs, applications, memberships, entitlements and payments."""
        first_app = None
        for index in range(count):
            program = cls._program(
                f"Counts {partner.given_name} {index}",
                required_document_type_ids=[(6, 0, cls.doc_type.ids)],
                currency_id=(cls.other_currency if index % 2 else cls.company_currency).id,
            )
            application = cls._apply(program, partner)
            if not first_app:
                for number in range(count):
                    application._g2p_add_document(cls.doc_type, f"proof-{number}.pdf", PDF_BYTES)
            application.action_approve()
            application.answers = {"household_size": index, "income": 100 + index}
            entitlement = cls._entitlement(program, partner, 100.0)
            cls._pay(entitlement, 40.0, status="paid" if index % 3 else "failed")
            first_app = first_app or application
        # The detail pages show 1 or 50 status changes and documents.
        first_app.action_complete()
        for _index in range(count - 1):
            first_app.with_context(g2p_status_note="note").write({"state": "approved"})
            first_app.write({"state": "completed"})
        return first_app

    def _count(self, login, url):
        """SQL queries of one request once caches are warm, and their text."""
        self.authenticate(login, PASSWORD)
        # The first request of a session refills per-user caches; measure after it.
        for _warm_up in range(2):
            response = self.url_open(url, timeout=120)
            self.assertEqual(response.status_code, 200, url)
        self.env.flush_all()
        self.env.invalidate_all()
        queries = []
        execute = sql_db.Cursor.execute

        def logging_execute(cursor, query, params=None, log_exceptions=True):
            queries.append(str(query)[:160])
            return execute(cursor, query, params, log_exceptions)

        before = self.cr.sql_log_count
        with patch.object(sql_db.Cursor, "execute", logging_execute):
            response = self.url_open(url, timeout=120)
        count = self.cr.sql_log_count - before
        self.assertEqual(response.status_code, 200, url)
        return count, queries, response

    def _assert_same_count(self, url_of):
        one_url, many_url = url_of(self.one_app), url_of(self.many_app)
        one_count, one_queries, one_response = self._count("one.counts@example.com", one_url)
        many_count, many_queries, many_response = self._count("many.counts@example.com", many_url)
        _logger.info("Queries for %s: %s (1 of each), %s (50 of each)", one_url, one_count, many_count)
        diff = "\n".join(difflib.unified_diff(one_queries, many_queries, lineterm=""))
        self.assertEqual(one_count, many_count, f"{one_url}\n{diff}")
        self.assertLessEqual(many_count, MAX_QUERIES, many_url)
        return one_response, many_response

    def test_my_programs(self):
        _one, many = self._assert_same_count(lambda app: "/my/programs")
        self.assertEqual(many.text.count('class="col-12 col-md-6 g2p_program"'), 50)

    def test_all_programs(self):
        self._assert_same_count(lambda app: "/my/programs/all")

    def test_my_applications(self):
        _one, many = self._assert_same_count(lambda app: "/my/applications")
        self.assertEqual(many.text.count("g2p_application_name"), 50)

    def test_application_detail(self):
        self._assert_same_count(lambda app: f"/my/applications/{app.id}")

    def test_receipt(self):
        self._assert_same_count(lambda app: f"/my/applications/{app.id}/receipt")

    def test_my_benefits(self):
        _one, many = self._assert_same_count(lambda app: "/my/benefits")
        self.assertEqual(many.text.count('class="list-group-item g2p_entitlement"'), 50)

    def test_profile(self):
        self._assert_same_count(lambda app: "/my/profile")

    def test_profile_submissions(self):
        self._assert_same_count(lambda app: "/my/profile/submissions")

    def test_home(self):
        self._assert_same_count(lambda app: "/my")

    def test_apply_page(self):
        # A fresh program each has no application yet: the confirmation page.
        program = self._program("Counts Fresh")
        self._assert_same_count(lambda app: f"/my/programs/{program.id}/apply")

    def test_counters(self):
        counters = [
            "g2p_program_count",
            "g2p_open_program_count",
            "g2p_application_count",
            "g2p_benefit_count",
        ]
        counts = []
        for login in ("one.counts@example.com", "many.counts@example.com"):
            self.authenticate(login, PASSWORD)
            self.make_jsonrpc_request("/my/counters", {"counters": counters})
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(result["g2p_application_count"], 50)
        self.assertEqual(counts[0], counts[1])
