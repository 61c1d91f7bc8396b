# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import G2PRegistryCase


@tagged("post_install", "-at_install")
class TestVerifiedFieldLabels(G2PRegistryCase):
    """Officers read what was verified in words, not technical field names."""

    def test_labels_instead_of_technical_names(self):
        person = self._individual("Awa", "Label")
        person._g2p_mark_verified(["addl_name", "image_1920", "birthdate", "unknown_thing"], "eSignet")
        labels = dict(person.verified_field_ids.mapped(lambda v: (v.field_name, v.field_label)))
        self.assertEqual(labels["addl_name"], "Additional Name")
        self.assertEqual(labels["image_1920"], "Photo")
        self.assertNotIn("_", labels["birthdate"])
        self.assertEqual(labels["unknown_thing"], "unknown_thing")
        arch = self.env["res.partner"].get_views(
            [(self.env.ref("g2p_registry.view_individual_form").id, "form")]
        )
        self.assertIn("field_label", str(arch))
