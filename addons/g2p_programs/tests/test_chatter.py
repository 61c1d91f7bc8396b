# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import G2PProgramsCase


class TestChatter(G2PProgramsCase):
    """State changes leave a trace in the chatter of programs, applications,
    cycles and entitlements."""

    def setUp(self):
        super().setUp()
        # The shared fixtures switch tracking off for speed; switch it back on.
        self.env = self.env(context=dict(self.env.context, tracking_disable=False))

    def _tracked_states(self, record):
        record.env.cr.flush()
        messages = self.env["mail.message"].search([("model", "=", record._name), ("res_id", "=", record.id)])
        tracked = messages.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        return tracked.mapped("new_value_char")

    def test_application_and_program_track_their_state(self):
        application = self.env["g2p.program.application"].create(
            {"program_id": self.program_multi.id, "partner_id": self.person.id}
        )
        # Creation and review happen in separate requests in real life.
        self.env.cr.flush()
        application.action_review()
        self.assertIn("Under Review", self._tracked_states(application))
        program = self.env["g2p.program"].browse(self.program.id)
        program.action_end()
        self.assertIn("Ended", self._tracked_states(program))

    def test_cycle_and_entitlement_track_their_state(self):
        cycle = self.env["g2p.cycle"].create({"name": "Tracked", "program_id": self.program.id})
        self._enrolled(self.person)
        entitlement = self.env["g2p.entitlement"].create(
            {"cycle_id": cycle.id, "partner_id": self.person.id, "initial_amount": 5.0}
        )
        self.env.cr.flush()
        cycle.action_to_approve()
        cycle.action_approve()
        self.assertIn("Approved", self._tracked_states(cycle))
        self.assertIn("Approved", self._tracked_states(entitlement))

    def test_entitlement_chatter_records_each_payment_outcome(self):
        cycle = self.env["g2p.cycle"].create({"name": "Paid", "program_id": self.program.id})
        self._enrolled(self.person)
        entitlement = self.env["g2p.entitlement"].create(
            {"cycle_id": cycle.id, "partner_id": self.person.id, "initial_amount": 100.0}
        )
        entitlement.action_submit()
        entitlement.action_approve()
        self.env.cr.flush()
        Payment = self.env["g2p.payment"]
        Payment.create({"entitlement_id": entitlement.id, "amount_issued": 100.0, "status": "failed"})
        self.env.cr.flush()
        Payment.create({"entitlement_id": entitlement.id, "amount_issued": 60.0, "status": "paid"})
        self.env.cr.flush()
        messages = self.env["mail.message"].search(
            [("model", "=", "g2p.entitlement"), ("res_id", "=", entitlement.id)]
        )
        values = messages.tracking_value_ids
        statuses = values.filtered(lambda t: t.field_id.name == "last_payment_status").mapped(
            "new_value_char"
        )
        self.assertIn("Failed", statuses)
        self.assertIn("Paid", statuses)
        paid = values.filtered(lambda t: t.field_id.name == "amount_paid").mapped("new_value_float")
        self.assertIn(60.0, paid)
