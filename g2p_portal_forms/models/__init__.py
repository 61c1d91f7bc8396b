from . import g2p_portal_form
from . import g2p_portal_form_step
from . import g2p_portal_form_field
from . import g2p_portal_form_field_option
from . import g2p_portal_form_version
from . import g2p_portal_form_draft
from . import g2p_program
from . import g2p_program_application
