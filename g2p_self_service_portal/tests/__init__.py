from . import test_portal_routes
from . import test_portal_security_rules
from . import test_funds
from . import test_apply_idempotent
from . import test_documents
from . import test_profile
from . import test_query_counts
from . import test_browser_journeys
