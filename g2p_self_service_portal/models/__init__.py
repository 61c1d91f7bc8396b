from . import g2p_entitlement, g2p_program, portal_scope, res_partner, res_users
