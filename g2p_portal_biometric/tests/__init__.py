from . import test_assisted_apply, test_browser_journeys, test_security, test_verify_ida
