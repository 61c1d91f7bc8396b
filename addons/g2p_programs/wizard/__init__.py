from . import application_reject_wizard
from . import payment_record_wizard
from . import application_document_upload_wizard
