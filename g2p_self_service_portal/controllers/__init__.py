from . import applications, benefits, branding, home, portal, profile
