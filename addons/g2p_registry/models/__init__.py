from . import g2p_gender_type
from . import g2p_id_type
from . import g2p_group_membership_kind
from . import g2p_group_membership
from . import g2p_phone_number
from . import g2p_reg_id
from . import g2p_verified_field
from . import res_partner
