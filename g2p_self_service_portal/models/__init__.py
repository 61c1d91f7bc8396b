# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    g2p_entitlement,
    g2p_program,
    ir_http,
    ir_http_language,
    portal_scope,
    res_company,
    res_partner,
    res_users,
)
