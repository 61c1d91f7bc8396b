# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import G2PProgramsCase


class TestNotifications(G2PProgramsCase):
    """Registrants are told of each change about them, in their language, and by SMS."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The notifications are what is tested here: tracking may stay disabled.
        cls.person.write({"email": "ada@example.com"})
        cls.env["g2p.phone.number"].create({"partner_id": cls.person.id, "phone_no": "+221770001234"})

    def _said(self, record):
        record = record.entitlement_id if record._name == "g2p.payment" else record
        return record.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.person in m.partner_ids
        )

    def test_application_received_approved_and_rejected(self):
        application = self._apply(self.program)
        self.assertIn(f"Application {application.name} received", self._said(application).mapped("subject"))
        application.action_approve()
        self.assertIn(f"Application {application.name} approved", self._said(application).mapped("subject"))
        rejected = self._apply(self.program_multi)
        rejected.action_reject("Income above the threshold")
        message = self._said(rejected).filtered(lambda m: "not approved" in m.subject)
        self.assertIn("Income above the threshold", message.body)

    def test_documents_requested_carries_the_officers_message(self):
        application = self._apply(self.program)
        application.action_request_documents("Please send your birth certificate.")
        message = self._said(application).filtered(lambda m: "Documents needed" in m.subject)
        self.assertIn("Please send your birth certificate.", message.body)

    def test_entitlement_approved_and_payment_made_or_failed(self):
        entitlement = self._approved_entitlement(self.person, amount=80.0)
        self.assertIn("entitlement approved", " ".join(self._said(entitlement).mapped("subject")))
        paid = self._pay(entitlement, 50.0, status="paid")
        failed = self._pay(entitlement, 30.0, status="failed")
        self.assertIn("payment made", " ".join(self._said(paid).mapped("subject")))
        self.assertIn("payment failed", " ".join(self._said(failed).mapped("subject")))

    def test_message_in_the_registrants_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        template = self.env.ref("g2p_programs.mail_template_application_received")
        template.with_context(lang="fr_FR").subject = "Demande {{ object.name }} reçue"
        self.person.lang = "fr_FR"
        application = self._apply(self.program)
        self.assertIn(f"Demande {application.name} reçue", self._said(application).mapped("subject"))
        self.other_person.lang = "en_US"
        other = self._apply(self.program, self.other_person)
        subjects = other.message_ids.mapped("subject")
        self.assertIn(f"Application {other.name} received", subjects)

    def test_sms_goes_through_the_logging_gateway_without_the_full_number(self):
        Sms = self.env["g2p.sms.message"]
        before = Sms.search([])
        application = self._apply(self.program)
        sent = Sms.search([]) - before
        self.assertEqual(sent.mapped("number"), ["…1234"])
        self.assertIn(application.name, sent.body)
        self.assertFalse(Sms.search([("number", "ilike", "770001234")]))
        # Someone without a phone number gets no SMS.
        self._apply(self.program, self.other_person)
        self.assertEqual(Sms.search([]) - before, sent)

    def test_an_unknown_gateway_falls_back_to_logging(self):
        self.env["ir.config_parameter"].sudo().set_param("g2p_programs.sms_gateway", "no.such.gateway")
        self.assertEqual(self.env["g2p.sms.gateway"]._g2p_gateway()._name, "g2p.sms.gateway.log")
        self.env["ir.config_parameter"].sudo().set_param("g2p_programs.sms_gateway", "res.partner")
        self.assertEqual(self.env["g2p.sms.gateway"]._g2p_gateway()._name, "g2p.sms.gateway.log")

    def test_no_number_no_sms_and_no_notification_when_asked(self):
        self.assertFalse(self.env["g2p.sms.gateway"]._g2p_send_to_partner(self.other_person, "Hello"))
        application = self.Application.with_context(g2p_no_notify=True).create(
            {"program_id": self.program.id, "partner_id": self.person.id}
        )
        self.assertFalse(self._said(application))
