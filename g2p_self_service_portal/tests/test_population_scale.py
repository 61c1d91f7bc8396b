# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo import Command, fields, sql_db
from odoo.tests import HttpCase, tagged

from .common import PASSWORD, G2PPortalDataMixin

LOGIN = "pia.population@example.com"
# Other registrants added to the registrant's own programs: a page that read their rows
# would return thousands of them.
OTHERS = 2000
PAGES = (
    "/my",
    "/my/programs",
    "/my/programs/all",
    "/my/applications",
    "/my/applications/{app}",
    "/my/applications/{app}/receipt",
    "/my/benefits",
    "/my/profile",
    "/my/profile/submissions",
    "/my/programs/{open_program}/apply",
)


@tagged("post_install", "-at_install")
class TestPopulationScale(G2PPortalDataMixin, HttpCase):
    """A registrant's pages run the same queries and read the same rows, whether the
    registry holds a handful of registrants or thousands more in the same programs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.pia = cls._registrant("Pia", "Population", login=LOGIN)
        cls.household = cls.env["res.partner"].create(
            {"name": "Population Household", "is_registrant": True, "is_group": True}
        )
        head = cls.env.ref("g2p_registry.group_membership_kind_head")
        cls.env["g2p.group.membership"].create(
            {"group": cls.household.id, "individual": cls.pia.id, "kind": [Command.set(head.ids)]}
        )
        cls.big = cls._program("Population Big Program")
        cls.family = cls._program("Population Family Program", target_type="group")
        cls.open_program = cls._program("Population Open Program")
        cls.app = cls._apply(cls.big, cls.pia, approve=True)
        cls.entitlement = cls._entitlement(cls.big, cls.pia, 30.0)
        cls._pay(cls.entitlement, 10.0)
        cls._apply(cls.family, cls.household, approve=True)
        cls.cycle = cls.entitlement.cycle_id
        cls.env.flush_all()

    @classmethod
    def _g2p_add_population(cls, count):
        """``count`` registrants (a quarter of them heading a household) enrolled in the same
        programs, each with an application, its history, an entitlement and a payment.
        Written in SQL: the ORM would take minutes for what the test needs in seconds."""
        cr, uid, now = cls.env.cr, cls.env.uid, fields.Datetime.now()
        company, currency = cls.env.company.id, cls.big.currency_id.id
        cr.execute(
            """INSERT INTO res_partner (name, complete_name, given_name, family_name, is_registrant,
                                        is_group, active, type, partner_share, create_uid, write_uid,
                                        create_date, write_date)
               SELECT 'Other ' || n, 'Other ' || n, 'Other', n::text, true, n > %(count)s, true,
                      'contact', true, %(uid)s, %(uid)s, %(now)s, %(now)s
                 FROM generate_series(1, %(count)s + %(count)s / 4) n
            RETURNING id, is_group""",
            {"count": count, "uid": uid, "now": now},
        )
        rows = cr.fetchall()
        people = [pid for pid, group in rows if not group]
        households = [pid for pid, group in rows if group]
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [[r[0] for r in rows]]
        )
        head = cls.env.ref("g2p_registry.group_membership_kind_head").id
        cr.execute(
            """WITH m AS (
                   INSERT INTO g2p_group_membership ("group", individual, is_head, start_date,
                                                     create_uid, write_uid, create_date, write_date)
                   SELECT h, p, true, %(today)s, %(uid)s, %(uid)s, %(now)s, %(now)s
                     FROM unnest(%(households)s::int[], %(heads)s::int[]) AS t(h, p)
                   RETURNING id)
               INSERT INTO g2p_group_membership_kind_rel (membership_id, kind_id) SELECT id, %(head)s FROM m""",
            {"households": households, "heads": people[: len(households)], "head": head, "uid": uid,
             "now": now, "today": fields.Date.today()},
        )  # fmt: skip
        for program, partners in ((cls.big, people), (cls.family, households)):
            cr.execute(
                """WITH m AS (
                       INSERT INTO g2p_program_membership (partner_id, program_id, company_id, state,
                                                           enrollment_date, create_uid, write_uid,
                                                           create_date, write_date)
                       SELECT p, %(program)s, %(company)s, 'enrolled', %(today)s, %(uid)s, %(uid)s, %(now)s, %(now)s
                         FROM unnest(%(partners)s::int[]) p
                       RETURNING id, partner_id),
                   a AS (
                       INSERT INTO g2p_program_application (program_id, partner_id, company_id,
                                                            program_membership_id, name, state, date_applied,
                                                            create_uid, write_uid, create_date, write_date)
                       SELECT %(program)s, partner_id, %(company)s, id, 'POP-' || %(program)s || '-' || partner_id,
                              'approved', %(now)s, %(uid)s, %(uid)s, %(now)s, %(now)s FROM m
                       RETURNING id)
                   INSERT INTO g2p_program_application_status (application_id, company_id, user_id, state,
                                                               previous_state, date, create_uid, write_uid,
                                                               create_date, write_date)
                   SELECT id, %(company)s, %(uid)s, s.state, s.previous, %(now)s, %(uid)s, %(uid)s, %(now)s, %(now)s
                     FROM a, (VALUES ('submitted', NULL), ('approved', 'submitted')) s(state, previous)""",
                {"program": program.id, "company": company, "partners": partners, "uid": uid, "now": now,
                 "today": fields.Date.today()},
            )  # fmt: skip
        cr.execute(
            """WITH e AS (
                   INSERT INTO g2p_entitlement (partner_id, cycle_id, program_id, company_id, currency_id, code,
                                                state, initial_amount, amount_paid, amount_awaited,
                                                last_payment_status, create_uid, write_uid, create_date, write_date)
                   SELECT p, %(cycle)s, %(program)s, %(company)s, %(currency)s, 'POP-ENT-' || p, 'approved',
                          30, 0, 30, 'issued', %(uid)s, %(uid)s, %(now)s, %(now)s
                     FROM unnest(%(partners)s::int[]) p
                   RETURNING id, partner_id)
               INSERT INTO g2p_payment (entitlement_id, partner_id, program_id, cycle_id, company_id, currency_id,
                                        name, status, amount_issued, create_uid, write_uid, create_date, write_date)
               SELECT id, partner_id, %(program)s, %(cycle)s, %(company)s, %(currency)s, 'POP-PAY-' || id,
                      'issued', 30, %(uid)s, %(uid)s, %(now)s, %(now)s FROM e""",
            {"cycle": cls.cycle.id, "program": cls.big.id, "company": company, "currency": currency,
             "partners": people, "uid": uid, "now": now},
        )  # fmt: skip
        cls.env.invalidate_all()

    def _measure(self, url):
        """Query count of one request once caches are warm, and the rows each query returned."""
        for _warm_up in range(2):
            response = self.url_open(url, timeout=120)
            self.assertEqual(response.status_code, 200, url)
        self.env.flush_all()
        self.env.invalidate_all()
        rows = []
        execute = sql_db.Cursor.execute

        def counting_execute(cursor, query, params=None, log_exceptions=True):
            result = execute(cursor, query, params, log_exceptions)
            rows.append(max(cursor._obj.rowcount, 0))
            return result

        before = self.cr.sql_log_count
        with patch.object(sql_db.Cursor, "execute", counting_execute):
            response = self.url_open(url, timeout=120)
        self.assertEqual(response.status_code, 200, url)
        return self.cr.sql_log_count - before, rows

    def test_pages_do_not_grow_with_the_population(self):
        self.authenticate(LOGIN, PASSWORD)
        urls = [page.format(app=self.app.id, open_program=self.open_program.id) for page in PAGES]
        small = {url: self._measure(url) for url in urls}
        self._g2p_add_population(OTHERS)
        for url in urls:
            count, rows = self._measure(url)
            with self.subTest(url=url):
                self.assertEqual(count, small[url][0], f"{url}: query count changed with the population")
                self.assertEqual(rows, small[url][1], f"{url}: rows read changed with the population")
                # Reference data (the country list) aside, nothing comes near the population.
                self.assertLess(max(rows), OTHERS / 2, f"{url}: a query returned {max(rows)} rows")
        # The population is there: an administrator sees it.
        self.assertEqual(
            self.env["g2p.program_membership"].search_count([("program_id", "=", self.big.id)]), OTHERS + 1
        )
