from . import (
    application_bulk_wizard,
    application_document_upload_wizard,
    application_reject_wizard,
    payment_record_wizard,
)
