from . import applications, benefits, portal, profile
