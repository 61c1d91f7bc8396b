from . import applications, benefits, counters, login, portal, profile
