# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import time

from odoo.tests import TransactionCase


def wait_for_lock_waiter(registry, timeout=10.0):
    """Wait until some backend of this database waits on a lock (concurrency tests)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        with registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cr.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


class G2PRegistryCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Partner = cls.env["res.partner"]
        cls.RegId = cls.env["g2p.reg.id"]
        cls.Membership = cls.env["g2p.group.membership"]
        cls.national_id = cls.env.ref("g2p_registry.id_type_national_id")
        cls.ssn = cls.env.ref("g2p_registry.id_type_ssn")
        cls.voter_id = cls.env.ref("g2p_registry.id_type_voter_id")
        cls.kind_head = cls.env.ref("g2p_registry.group_membership_kind_head")
        cls.kind_spouse = cls.env.ref("g2p_registry.group_membership_kind_spouse")
        cls.kind_child = cls.env.ref("g2p_registry.group_membership_kind_child")

    @classmethod
    def _individual(cls, given="Test", family="Person", **vals):
        return cls.Partner.create(
            dict({"is_registrant": True, "given_name": given, "family_name": family}, **vals)
        )

    @classmethod
    def _household(cls, name="Test Household", **vals):
        return cls.Partner.create(dict({"is_registrant": True, "is_group": True, "name": name}, **vals))
