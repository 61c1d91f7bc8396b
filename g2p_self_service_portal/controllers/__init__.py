from . import applications, benefits, portal, profile, receipt_verification
