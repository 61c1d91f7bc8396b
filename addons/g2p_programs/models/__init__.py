from . import (
    cycle,
    cycle_job_chunks,
    cycle_jobs,
    document_type,
    entitlement,
    payment,
    program,
    program_application,
    program_application_document,
    program_application_status,
    program_membership,
    res_config_settings,
)
