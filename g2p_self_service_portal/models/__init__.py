from . import g2p_entitlement, g2p_program, res_company, res_partner, res_users
