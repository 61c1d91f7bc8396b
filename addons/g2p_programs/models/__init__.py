from . import (
    cycle,
    document_type,
    entitlement,
    payment,
    program,
    program_application,
    program_application_document,
    program_application_receipt,
    program_application_review,
    program_application_status,
    program_membership,
    program_publication,
)
