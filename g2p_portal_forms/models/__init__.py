# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    g2p_portal_form,
    g2p_portal_form_check,
    g2p_portal_form_component,
    g2p_portal_form_draft,
    g2p_portal_form_field,
    g2p_portal_form_field_builder,
    g2p_portal_form_field_option,
    g2p_portal_form_file_kind,
    g2p_portal_form_step,
    g2p_portal_form_version,
    g2p_program,
    g2p_program_application,
)
