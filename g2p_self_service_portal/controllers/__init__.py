from . import applications, benefits, branding, home, portal, profile, receipt_verification
