from . import g2p_entitlement, g2p_program, ir_http, res_partner, res_users
