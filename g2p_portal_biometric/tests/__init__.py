from . import test_assisted_apply, test_security, test_verify_ida
