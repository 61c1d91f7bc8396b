from . import applications, benefits, branding, counters, home, login, portal, profile, receipt_verification
