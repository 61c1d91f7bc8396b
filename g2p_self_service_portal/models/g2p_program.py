# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, models

OPEN_APPLICATION_STATES = ("submitted", "under_review", "approved")


class G2PProgram(models.Model):
    _inherit = "g2p.program"

    # Everyone's memberships and applications of a program, as registrants would read
    # them through the RPC interface: only those their record rules let them see.
    _g2p_own_only_fields = ("membership_ids", "application_ids")

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        wanted = [name for name in self._g2p_own_only_fields if name in fnames]
        if not wanted or self.env.su or not self.env.user.share:
            return result
        for name in wanted:
            comodel = self.env[self._fields[name].comodel_name]
            listed = {id_ for values in result for id_ in values.get(name) or ()}
            visible = set(comodel.search([("id", "in", list(listed))]).ids) if listed else set()
            for values in result:
                if name in values:
                    values[name] = [id_ for id_ in values[name] if id_ in visible]
        return result

    @api.model
    def _g2p_portal_open_domain(self, partners):
        """Active programs a registrant (acting for ``partners``) may apply to."""
        target_types = []
        if partners.filtered(lambda p: not p.is_group):
            target_types.append("individual")
        if partners.filtered("is_group"):
            target_types.append("group")
        return [("target_type", "in", target_types)] + self._g2p_accepting_applications_domain()

    @api.model
    def _g2p_portal_my_domain(self, partners):
        """Programs a registrant applied to or is a member of."""
        return [
            "|",
            ("membership_ids.partner_id", "in", partners.ids),
            ("application_ids.partner_id", "in", partners.ids),
        ]

    def _g2p_portal_applicant(self, partners):
        """The partner that applies to this program: the individual, or the household."""
        self.ensure_one()
        wanted_group = self.target_type == "group"
        return partners.filtered(lambda p: bool(p.is_group) == wanted_group)[:1]

    def _g2p_portal_apply_states(self, partners):
        """What the All Programs page offers for each program, in a fixed number of queries.

        The decision is the foundation's (g2p.program._g2p_refusal_reasons, batched per
        applicant); this adds what the page shows: Apply or Reapply, and the open application.

        :return: {program_id: {"action": "apply" | "reapply" | False,
                               "reason": str | False,
                               "open_application": g2p.program.application}}
        """
        Application = self.env["g2p.program.application"]
        applications = Application.search(
            [("partner_id", "in", partners.ids), ("program_id", "in", self.ids)],
            order="date_applied desc, id desc",
        )
        by_program = defaultdict(lambda: Application)
        for application in applications:
            by_program[application.program_id.id] |= application
        applicants = {program.id: program._g2p_portal_applicant(partners) for program in self}
        reasons = {}
        # One batch per applicant (the registrant, and the household they head).
        for applicant in self.env["res.partner"].union(*applicants.values()):
            programs = self.filtered(lambda p, a=applicant: applicants[p.id] == a)
            # sudo: the rule reads applications the portal rules may hide; the
            # applicant is one of the registrant's own partners.
            reasons.update(programs.sudo()._g2p_refusal_reasons(applicant.sudo()))
        states = {}
        for program in self:
            applicant = applicants[program.id]
            mine = by_program[program.id].filtered(lambda a, p=applicant: a.partner_id == p)
            open_application = mine.filtered(lambda a: a.state in OPEN_APPLICATION_STATES)[:1]
            if not applicant:
                action, reason = False, _("Only the head of a household can apply to this program.")
            elif reasons[program.id]:
                action, reason = False, reasons[program.id]
            else:
                action, reason = ("reapply" if mine else "apply"), False
            states[program.id] = {
                "action": action,
                "reason": reason,
                "open_application": open_application,
            }
        return states
