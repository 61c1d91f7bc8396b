# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .g2p_portal_form import NO_SYNC


class G2PPortalFormComponent(models.AbstractModel):
    """A piece of a portal form (a step or a field): changing it refreshes the form's
    stored schema, in a new version once the current one has submissions."""

    _name = "g2p.portal.form.component"
    _description = "Portal Form Component"

    def _g2p_sync_forms(self, forms):
        if not self.env.context.get(NO_SYNC):
            forms.exists()._g2p_sync_version()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._g2p_sync_forms(records.form_id)
        return records

    def write(self, vals):
        forms = self.form_id
        result = super().write(vals)
        self._g2p_sync_forms(forms | self.form_id)
        return result

    def unlink(self):
        forms = self.form_id
        result = super().unlink()
        self._g2p_sync_forms(forms)
        return result
