# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    g2p_gender_type,
    g2p_group_membership,
    g2p_group_membership_kind,
    g2p_id_type,
    g2p_phone_number,
    g2p_reg_id,
    g2p_verified_field,
    g2p_verified_field_label,
    res_partner,
    search_indexes,
)
