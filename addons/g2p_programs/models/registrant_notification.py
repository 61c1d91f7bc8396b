# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Registrants are told when something about them changes: a mail template per event,
rendered in the registrant's language, posted on the record for them (so it shows on
their portal and reaches them by email), and a short SMS through the gateway."""

import logging

from markupsafe import Markup

from odoo import api, models

_logger = logging.getLogger(__name__)

NO_NOTIFY = "g2p_no_notify"


class G2PRegistrantNotificationMixin(models.AbstractModel):
    _name = "g2p.registrant.notification.mixin"
    _description = "Registrant Notifications"

    def _g2p_notified_partner(self):
        self.ensure_one()
        return self.partner_id

    def _g2p_notification_thread(self):
        """The record whose chatter carries the message (one with a chatter)."""
        self.ensure_one()
        return self

    def _g2p_notify_registrant(self, event, note=None):
        """Posts the template ``mail_template_<event>`` for the registrant of each record."""
        if self.env.context.get(NO_NOTIFY):
            return
        template = self.env.ref(f"g2p_programs.mail_template_{event}", raise_if_not_found=False)
        if not template:
            return
        template = template.sudo()
        Gateway = self.env["g2p.sms.gateway"]
        for record in self.sudo():
            partner = record._g2p_notified_partner()
            if not partner:
                continue
            render = {"note": note or ""}
            subject = template._render_field("subject", record.ids, compute_lang=True, add_context=render)[
                record.id
            ]
            body = template._render_field("body_html", record.ids, compute_lang=True, add_context=render)[
                record.id
            ]
            record._g2p_notification_thread().with_context(mail_create_nosubscribe=True).message_post(
                subject=subject,
                body=Markup(body),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partner.ids,
            )
            try:
                Gateway._g2p_send_to_partner(partner, subject)
            except Exception:  # a gateway outage must not undo the decision it reports
                _logger.exception("SMS notification %s for %s %s failed", event, record._name, record.id)


class G2PProgramApplicationNotification(models.Model):
    _name = "g2p.program.application"
    _inherit = ["g2p.program.application", "g2p.registrant.notification.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        applications = super().create(vals_list)
        applications._g2p_notify_registrant("application_received")
        return applications

    def write(self, vals):
        previous = {a.id: a.state for a in self} if "state" in vals else {}
        result = super().write(vals)
        if vals.get("state") in ("approved", "rejected"):
            changed = self.filtered(lambda a: previous.get(a.id) != a.state)
            changed._g2p_notify_registrant(f"application_{vals['state']}")
        return result

    def _g2p_portal_messages(self):
        """What was said to the registrant on this application, newest first."""
        self.ensure_one()
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("message_type", "=", "comment"),
                    ("partner_ids", "in", self.partner_id.ids),
                ],
                order="id desc",
                limit=20,
            )
        )


class G2PEntitlementNotification(models.Model):
    _name = "g2p.entitlement"
    _inherit = ["g2p.entitlement", "g2p.registrant.notification.mixin"]

    def write(self, vals):
        previous = {e.id: e.state for e in self} if "state" in vals else {}
        result = super().write(vals)
        if vals.get("state") == "approved":
            self.filtered(lambda e: previous.get(e.id) != "approved")._g2p_notify_registrant(
                "entitlement_approved"
            )
        return result


class G2PPaymentNotification(models.Model):
    _name = "g2p.payment"
    _inherit = ["g2p.payment", "g2p.registrant.notification.mixin"]

    def _g2p_notification_thread(self):
        # Payments have no chatter: the message goes on their entitlement.
        self.ensure_one()
        return self.entitlement_id

    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        for status in ("paid", "failed"):
            payments.filtered(lambda p, status=status: p.status == status)._g2p_notify_registrant(
                f"payment_{status}"
            )
        return payments

    def write(self, vals):
        previous = {p.id: p.status for p in self} if "status" in vals else {}
        result = super().write(vals)
        if vals.get("status") in ("paid", "failed"):
            changed = self.filtered(lambda p: previous.get(p.id) != p.status)
            changed._g2p_notify_registrant(f"payment_{vals['status']}")
        return result
