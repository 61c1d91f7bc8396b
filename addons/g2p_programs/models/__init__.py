# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
    program_publication,
    program_state_indexes,
    registrant_notification,
    res_config_settings,
    sms_gateway,
)
