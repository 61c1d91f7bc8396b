# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The work of one chunk of a cycle's background jobs, in a bounded number of queries.

Each chunk covers an id range (memberships for generation, entitlements for approval
and payments) and writes it with one set-based statement, so its cost does not grow
with the number of records it touches. Every chunk is idempotent: run twice, or retried
after a failure half-way (its transaction is rolled back), it leaves the same rows as
run once. Generation relies on the unique index of one live entitlement per
beneficiary and cycle (``ON CONFLICT ... DO NOTHING``); approval and payments select
only the rows still waiting for them, locked for the transaction.

The statements write what the ORM would (related copies, stored computed fields,
audit columns) for the fields of the models as they are; the tests compare their
result with the one-shot buttons field by field. One thing differs on purpose: a
million entitlements do not get a million chatter messages each; the cycle's chatter
records each operation once, and each entitlement keeps who approved it and when.
"""

from odoo import _, fields, models
from odoo.addons.g2p_registry.tools import select_for_update
from odoo.exceptions import UserError

from .entitlement import PAYABLE_STATES

APPROVABLE_STATES = ("draft", "pending_validation")


class G2PCycleJobChunks(models.Model):
    _inherit = "g2p.cycle"

    def _g2p_chunk_check(self, check):
        """The "can I?" check of the chunk's transition, as the running job asks it."""
        self.ensure_one()
        self.env.flush_all()
        getattr(self._g2p_as_job(), check)()

    def _g2p_chunk_generate(self, first_id, last_id):
        """Entitlements for the enrolled memberships with ids in [first_id, last_id]."""
        self._g2p_chunk_check("_check_can_generate_entitlements")
        program = self.program_id
        currency = program.currency_id
        per_member = program.target_type == "group" and program.entitlement_per_member
        amount = (
            """%(amount)s * (
                SELECT count(*) FROM g2p_group_membership gm
                WHERE gm."group" = m.partner_id
                  AND (gm.ended_date IS NULL OR gm.ended_date > %(today)s))"""
            if per_member
            else "%(amount)s"
        )
        # Nothing owed (e.g. a household without active members): no entitlement,
        # as in the one-shot generation.
        self.env.cr.execute(
            f"""
            INSERT INTO g2p_entitlement (
                cycle_id, partner_id, program_id, company_id, currency_id, initial_amount,
                valid_from, valid_until, state, amount_paid, amount_awaited,
                create_uid, create_date, write_uid, write_date)
            SELECT %(cycle)s, m.partner_id, %(program)s, %(company)s, %(currency)s, a.amount,
                   %(valid_from)s, %(valid_until)s, 'draft', 0, 0,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
            FROM g2p_program_membership m
            JOIN res_partner p ON p.id = m.partner_id AND p.is_registrant
            CROSS JOIN LATERAL (SELECT round(({amount})::numeric, %(digits)s) AS amount) a
            WHERE m.program_id = %(program)s AND m.state = 'enrolled'
              AND m.id BETWEEN %(first)s AND %(last)s AND a.amount > 0
            ORDER BY m.id
            ON CONFLICT (cycle_id, partner_id) WHERE state <> 'cancelled' DO NOTHING
            """,
            {
                "cycle": self.id,
                "program": program.id,
                "company": self.company_id.id,
                "currency": currency.id,
                "amount": program.entitlement_amount or 0.0,
                "today": fields.Date.context_today(self),
                "digits": currency.decimal_places,
                "valid_from": self.start_date or None,
                "valid_until": self.end_date or None,
                "uid": self.env.uid,
                "first": first_id,
                "last": last_id,
            },
        )
        created = self.env.cr.rowcount
        self.env["g2p.entitlement"].invalidate_model()
        self.invalidate_recordset()
        return created

    def _g2p_chunk_lock(self, first_id, last_id, states, join="", extra=""):
        """Ids of the cycle's entitlements in the range still in ``states``, locked.

        ``join`` and ``extra`` are constant clauses of this module.
        """
        rows = select_for_update(
            self.env.cr,
            f"""
            SELECT e.id FROM g2p_entitlement e {join}
            WHERE e.cycle_id = %s AND e.state IN %s AND e.id BETWEEN %s AND %s {extra}
            ORDER BY e.id
            """,
            (self.id, tuple(states), first_id, last_id),
            of="e",
        )
        return [row[0] for row in rows]

    def _g2p_sequence_sql(self, code):
        """SQL expression of the next reference of sequence ``code`` and its params.

        The same numbers as ``next_by_code`` (a PostgreSQL sequence per standard
        ir.sequence), drawn in the statement that uses them.
        """
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", code), ("company_id", "in", [self.env.company.id, False])],
            order="company_id",
            limit=1,
        )
        if not sequence or sequence.implementation != "standard" or sequence.use_date_range:
            raise UserError(
                _(
                    "The sequence %s must be a standard sequence without date ranges " "for background jobs.",
                    code,
                )
            )
        prefix, suffix = sequence._get_prefix_suffix()
        expression = "%(prefix)s || lpad(n::text, greatest(%(padding)s, length(n::text)), '0') || %(suffix)s"
        params = {
            "prefix": prefix or "",
            "suffix": suffix or "",
            "padding": sequence.padding,
            "seq": f"ir_sequence_{sequence.id:03d}",
        }
        return expression, params

    def _g2p_chunk_approve(self, first_id, last_id):
        """Submit and approve the cycle's waiting entitlements with ids in the range."""
        self._g2p_chunk_check("_check_can_approve")
        Entitlement = self.env["g2p.entitlement"]
        Entitlement.check_access_rights("write")
        ids = self._g2p_chunk_lock(first_id, last_id, APPROVABLE_STATES)
        if not ids:
            return 0
        cr = self.env.cr
        # The checks of action_submit and action_approve, for the whole chunk at once.
        cr.execute(
            """
            SELECT e.id FROM g2p_entitlement e
            LEFT JOIN g2p_program_membership m
              ON m.partner_id = e.partner_id AND m.program_id = e.program_id AND m.state = 'enrolled'
            WHERE e.id IN %s AND m.id IS NULL LIMIT 1
            """,
            (tuple(ids),),
        )
        row = cr.fetchone()
        if row:
            entitlement = Entitlement.browse(row[0])
            raise UserError(
                _(
                    "%(partner)s is not enrolled in the program %(program)s and cannot receive "
                    "an entitlement from it.",
                    partner=entitlement.partner_id.name,
                    program=entitlement.program_id.name,
                )
            )
        cr.execute(
            "SELECT id FROM g2p_entitlement WHERE id IN %s AND state = 'draft' AND initial_amount <= 0 LIMIT 1",
            (tuple(ids),),
        )
        row = cr.fetchone()
        if row:
            raise UserError(
                _("The entitlement %s has no amount to submit.", Entitlement.browse(row[0]).display_name)
            )
        code, params = self._g2p_sequence_sql("g2p.entitlement")
        cr.execute(
            f"""
            WITH numbered AS (SELECT id, nextval(%(seq)s) AS n FROM unnest(%(ids)s) AS id ORDER BY id)
            UPDATE g2p_entitlement e
            SET state = 'approved', code = {code},
                approval_date = %(today)s, approved_by_id = %(uid)s,
                amount_awaited = greatest(e.initial_amount - coalesce(e.amount_paid, 0), 0),
                write_uid = %(uid)s, write_date = now() at time zone 'UTC'
            FROM numbered WHERE e.id = numbered.id
            """,
            dict(params, ids=ids, today=fields.Date.context_today(self), uid=self.env.uid),
        )
        Entitlement.invalidate_model()
        return len(ids)

    def _g2p_chunk_pay(self, first_id, last_id):
        """Issue a payment of the amount awaited to each payable entitlement in the range.

        An entitlement with a payment still in flight (issued) gets none: a retried
        chunk never issues a second transfer.
        """
        self._g2p_chunk_check("_check_can_pay_in_background")
        ids = self._g2p_chunk_lock(
            first_id,
            last_id,
            PAYABLE_STATES,
            # Looked up by entitlement only: a condition on the payment status would
            # let the planner combine it with the status index, whose statistics lag
            # behind while a batch inserts hundreds of thousands of issued payments.
            join="""LEFT JOIN LATERAL (
                SELECT bool_or(p.status = 'issued') AS in_flight
                FROM g2p_payment p WHERE p.entitlement_id = e.id) payments ON true""",
            extra="AND e.amount_awaited > 0 AND payments.in_flight IS NOT TRUE",
        )
        if not ids:
            return 0
        name, params = self._g2p_sequence_sql("g2p.payment")
        self.env.cr.execute(
            f"""
            WITH numbered AS (SELECT id, nextval(%(seq)s) AS n FROM unnest(%(ids)s) AS id ORDER BY id)
            INSERT INTO g2p_payment (
                name, entitlement_id, partner_id, program_id, cycle_id, company_id, currency_id,
                amount_issued, amount_paid, status, payment_date,
                create_uid, create_date, write_uid, write_date)
            SELECT {name}, e.id, e.partner_id, e.program_id, e.cycle_id, e.company_id, e.currency_id,
                   e.amount_awaited, 0, 'issued', %(today)s,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
            FROM numbered JOIN g2p_entitlement e ON e.id = numbered.id
            ORDER BY e.id
            """,
            dict(params, ids=ids, today=fields.Date.context_today(self), uid=self.env.uid),
        )
        # The latest payment of each of them is now this one, issued.
        self.env.cr.execute(
            """
            UPDATE g2p_entitlement SET last_payment_status = 'issued',
                write_uid = %s, write_date = now() at time zone 'UTC'
            WHERE id IN %s
            """,
            (self.env.uid, tuple(ids)),
        )
        self.env["g2p.entitlement"].invalidate_model()
        self.env["g2p.payment"].invalidate_model()
        return len(ids)
