from . import g2p_program
from . import g2p_entitlement
from . import res_partner
