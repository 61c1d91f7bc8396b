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
