# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two transactions naming a household head at once: one head in the end.

Everything committed here is removed again in ``finally``.
"""

import threading

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from .common import wait_for_lock_waiter


@tagged("post_install", "-at_install")
class TestGroupHeadConcurrency(TransactionCase):
    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def test_two_heads_named_at_once_leave_one_head(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            Partner = env["res.partner"]
            group = Partner.create({"name": "Race Household", "is_registrant": True, "is_group": True})
            first = Partner.create({"name": "Race First", "is_registrant": True})
            second = Partner.create({"name": "Race Second", "is_registrant": True})
            head = env.ref("g2p_registry.group_membership_kind_head")
            ids = {"group": group.id, "first": first.id, "second": second.id, "head": head.id}
        cr1 = self.registry.cursor()
        outcome = {}

        def add_second_head():
            with self.registry.cursor() as cr2:
                env2 = self._env(cr2)

                def add():
                    env2["g2p.group.membership"].create(
                        {"group": ids["group"], "individual": ids["second"], "kind": [(6, 0, [ids["head"]])]}
                    )

                try:
                    retrying(add, env2)
                    cr2.commit()
                    outcome["second"] = "committed"
                except ValidationError:
                    # As a request would: the refused transaction is rolled back whole.
                    cr2.rollback()
                    outcome["second"] = "refused"

        try:
            env1 = self._env(cr1)
            env1["g2p.group.membership"].create(
                {"group": ids["group"], "individual": ids["first"], "kind": [(6, 0, [ids["head"]])]}
            )
            env1.flush_all()
            thread = threading.Thread(target=add_second_head)
            thread.start()
            # The second transaction must be held by the first one's lock.
            self.assertTrue(
                wait_for_lock_waiter(self.registry), "the second head was not serialized behind the first"
            )
            cr1.commit()
            thread.join(60)
            self.assertEqual(outcome.get("second"), "refused")
            with self.registry.cursor() as cr:
                cr.execute(
                    'SELECT individual, is_head FROM g2p_group_membership WHERE "group" = %s',
                    [ids["group"]],
                )
                self.assertEqual(cr.fetchall(), [(ids["first"], True)])
        finally:
            cr1.close()
            with self.registry.cursor() as cr:
                env = self._env(cr)
                env["g2p.group.membership"].search([("group", "=", ids["group"])]).unlink()
                env["res.partner"].browse([ids["group"], ids["first"], ids["second"]]).unlink()
