# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import HttpCase, tagged

from .common import PASSWORD, G2PPortalDataMixin


@tagged("post_install", "-at_install")
class TestFunds(G2PPortalDataMixin, HttpCase):
    """Funds awaited and received, per program and currency, on tricky data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.alice = cls._registrant("Alice", "Funds", login="alice.funds@example.com")
        cls.bob = cls._registrant("Bob", "Funds")
        cls.cash = cls._program("Funds Cash")  # company currency
        cls.food = cls._program("Funds Food", currency_id=cls.other_currency.id)
        cls.aid = cls._program("Funds Aid", currency_id=cls.other_currency.id)
        for program in (cls.cash, cls.food, cls.aid):
            cls._apply(program, cls.alice, approve=True)
        cls._apply(cls.cash, cls.bob, approve=True)
        # Cash: 100 paid in two instalments (30 + 70); 200 with a failed payment then 50
        # paid; 80 with only a failed payment.
        e1 = cls._entitlement(cls.cash, cls.alice, 100.0)
        cls._pay(e1, 30.0)
        cls._pay(e1, 70.0)
        e2 = cls._entitlement(cls.cash, cls.alice, 200.0)
        cls._pay(e2, 200.0, status="failed")
        cls._pay(e2, 50.0)
        e3 = cls._entitlement(cls.cash, cls.alice, 80.0)
        cls._pay(e3, 80.0, status="failed")
        cls.e3 = e3
        # Food (other currency): 60 awaited, nothing paid; an issued payment is no money yet.
        e4 = cls._entitlement(cls.food, cls.alice, 60.0)
        cls._pay(e4, 60.0, status="issued")
        # Aid (other currency): 40 paid in full; 25 expired (nothing awaited any more).
        e5 = cls._entitlement(cls.aid, cls.alice, 40.0)
        cls._pay(e5, 40.0)
        e6 = cls._entitlement(cls.aid, cls.alice, 25.0)
        e6.action_expire()
        # Someone else's money never counts.
        e7 = cls._entitlement(cls.cash, cls.bob, 999.0)
        cls._pay(e7, 500.0)
        cls.env.flush_all()

    def _funds(self, programs=None):
        Entitlement = self.env["g2p.entitlement"].with_user(self.alice.user_ids)
        return Entitlement._g2p_portal_funds(self.alice, programs)

    def test_per_program_counts_each_entitlement_once_and_failed_as_nothing(self):
        funds = self._funds()
        cash = funds[self.cash.id]
        self.assertEqual(len(cash), 1)
        self.assertEqual(cash[0]["currency"], self.company_currency)
        # Received: 30 + 70 + 50 (failed payments count for nothing).
        self.assertAlmostEqual(cash[0]["received"], 150.0)
        # Awaited: e2 200 - 50 and e3 80 - 0 (e1 is paid in full).
        self.assertAlmostEqual(cash[0]["awaited"], 230.0)
        food = funds[self.food.id][0]
        self.assertEqual(food["currency"], self.other_currency)
        self.assertAlmostEqual(food["awaited"], 60.0)
        self.assertAlmostEqual(food["received"], 0.0)
        aid = funds[self.aid.id][0]
        self.assertAlmostEqual(aid["awaited"], 0.0)
        self.assertAlmostEqual(aid["received"], 40.0)

    def test_totals_are_per_currency(self):
        Entitlement = self.env["g2p.entitlement"].with_user(self.alice.user_ids)
        totals = {t["currency"]: t for t in Entitlement._g2p_portal_fund_totals(self.alice)}
        self.assertEqual(set(totals), {self.company_currency, self.other_currency})
        self.assertAlmostEqual(totals[self.company_currency]["received"], 150.0)
        self.assertAlmostEqual(totals[self.company_currency]["awaited"], 230.0)
        self.assertAlmostEqual(totals[self.other_currency]["received"], 40.0)
        self.assertAlmostEqual(totals[self.other_currency]["awaited"], 60.0)

    def test_restricting_to_programs(self):
        funds = self._funds(self.food)
        self.assertEqual(set(funds), {self.food.id})

    def test_my_programs_page_shows_the_amounts(self):
        self.authenticate("alice.funds@example.com", PASSWORD)
        html = self.url_open("/my/programs", timeout=60).text
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")
        for amount in ("150.00", "230.00", "60.00", "40.00"):
            self.assertIn(amount, text)
        self.assertNotIn("999", text)
        self.assertNotIn("500.00", text)

    def test_benefits_page_marks_failed_payment(self):
        self.authenticate("alice.funds@example.com", PASSWORD)
        html = self.url_open("/my/benefits", timeout=60).text
        self.assertIn("Payment failed", html)
        self.assertIn(self.e3.code, html)
        self.assertIn("Expired", html)
