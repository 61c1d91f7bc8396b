from . import test_schema_validation
from . import test_form_builder
from . import test_versioning
from . import test_drafts
from . import test_prefill
from . import test_portal_apply
from . import test_apply_tour
from . import test_query_counts
