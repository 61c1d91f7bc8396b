# isort: off
# The workflow mixin first: the models below inherit it.
from . import workflow_mixin

# isort: on
from . import (
    cycle,
    cycle_job_chunks,
    cycle_jobs,
    document_type,
    entitlement,
    entitlement_payment,
    payment,
    program,
    program_application,
    program_application_demo,
    program_application_document,
    program_application_receipt,
    program_application_review,
    program_application_status,
    program_application_submission,
    program_dashboard,
    program_membership,
    program_state_indexes,
    res_config_settings,
    program_publication,
    registrant_notification,
    sms_gateway,
)
