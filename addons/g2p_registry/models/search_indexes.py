# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Trigram indexes for the administrators' registrant search at national scale.

The backend searches registrants with ``ilike '%…%'`` (name and its parts, IDs,
phones; ``name_search`` on ``res.partner._rec_names_search``), which a btree index
cannot serve: without these, every search reads the whole registry. Each column of an
OR'ed search needs its own index, or PostgreSQL falls back to a sequential scan.
"""

import logging

import psycopg2

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

_logger = logging.getLogger(__name__)

TRIGRAM_COLUMNS = {
    # complete_name, email, ref, vat, company_registry: res.partner's _rec_names_search.
    "res_partner": (
        "name",
        "complete_name",
        "given_name",
        "family_name",
        "phone",
        "email",
        "ref",
        "vat",
        "company_registry",
    ),
    "g2p_reg_id": ("value",),
    "g2p_phone_number": ("phone_no",),
}


def g2p_has_pg_trgm(cr):
    """True once the pg_trgm extension is there, creating it when it is missing."""
    cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    if cr.fetchone():
        return True
    try:
        with cr.savepoint(flush=False):
            # pg_trgm is a trusted extension: the database owner may create it.
            cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except psycopg2.Error as error:
        _logger.warning(
            "pg_trgm is not available (%s): registrant searches will read the whole table. "
            "Ask the database administrator to run CREATE EXTENSION pg_trgm.",
            error,
        )
        return False
    return True


def g2p_create_trigram_indexes(cr, table):
    if not g2p_has_pg_trgm(cr):
        return
    for column in TRIGRAM_COLUMNS[table]:
        create_index(cr, f"{table}_{column}_g2p_trgm", table, [f'"{column}" gin_trgm_ops'], method="gin")


class ResPartner(models.Model):
    _inherit = "res.partner"

    g2p_phone_search = fields.Char(
        string="Any Phone",
        compute="_compute_g2p_phone_search",
        search="_search_g2p_phone_search",
        help="Searches the partner's phone and every phone number of the registrant.",
    )

    def _compute_g2p_phone_search(self):
        for partner in self:
            partner.g2p_phone_search = partner.phone

    def _search_g2p_phone_search(self, operator, value):
        # "phone ilike x OR id IN (phone numbers ilike x)" makes PostgreSQL read every
        # registrant: an OR with a subquery cannot combine two index scans. The union of
        # two indexed lookups can.
        if operator != "ilike" or not isinstance(value, str):
            return ["|", ("phone", operator, value), ("phone_number_ids.phone_no", operator, value)]
        partners = self.with_context(active_test=False)._search([("phone", "ilike", value)])
        numbers = self.env["g2p.phone.number"]._search([("phone_no", "ilike", value)])
        return [("id", "in", SQL("(%s UNION %s)", partners.subselect(), numbers.subselect("partner_id")))]

    def init(self):
        result = super().init()
        g2p_create_trigram_indexes(self.env.cr, self._table)
        return result


class G2PRegId(models.Model):
    _inherit = "g2p.reg.id"

    def init(self):
        result = super().init()
        g2p_create_trigram_indexes(self.env.cr, self._table)
        return result


class G2PPhoneNumber(models.Model):
    _inherit = "g2p.phone.number"

    def init(self):
        result = super().init()
        g2p_create_trigram_indexes(self.env.cr, self._table)
        return result
