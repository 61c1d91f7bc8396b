"""Test support shared by every test of the suite (loaded by pytest from the repo root).

Two quirks of the Odoo 17.0 build used here are handled in one place instead of in Odoo:

* Odoo passes ``--window-size=1366x768`` to Chromium, which current Chromium ignores (it
  wants ``1366,768``), so pages would render at a phone width. Journeys that want a phone
  width set ``browser_size`` (e.g. "360x740"), which is emulated exactly.
* Nothing in the tests may reach the internet: Chromium's own background traffic is
  switched off, and requests to remote hosts (web fonts imported by website CSS) are
  answered locally with an empty response instead of failing the page.
"""

import re
import socket
import time

import pytest
from _pytest.unittest import TestCaseFunction

import odoo
from odoo.tests import common

_WINDOW_SIZE = re.compile(r"^--window-size=(\d+)x(\d+)$")
_OFFLINE_SWITCHES = [
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
    # Every host name but loopback resolves nowhere: web fonts and the like fail fast.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]

_original_spawn = common.ChromeBrowser._spawn_chrome


def _spawn_chrome(self, cmd):
    fixed = []
    for arg in cmd:
        match = _WINDOW_SIZE.match(arg)
        fixed.append(f"--window-size={match[1]},{match[2]}" if match else arg)
    # The URL (about:blank) stays last.
    fixed[-1:-1] = _OFFLINE_SWITCHES
    return _original_spawn(self, fixed)


common.ChromeBrowser._spawn_chrome = _spawn_chrome

# Headless Chromium opens no window narrower than 500 px: a phone-sized ``browser_size``
# (e.g. "360x740") is emulated through the DevTools protocol before each navigation.
_CHROMIUM_MIN_WIDTH = 500
_original_navigate_to = common.ChromeBrowser.navigate_to


def _navigate_to(self, url, wait_stop=False):
    width, height = (int(n) for n in re.split(r"[x,]", self.test_class.browser_size))
    if width < _CHROMIUM_MIN_WIDTH:
        self._websocket_request(
            "Emulation.setDeviceMetricsOverride",
            params={"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True},
        )
    return _original_navigate_to(self, url, wait_stop=wait_stop)


common.ChromeBrowser.navigate_to = _navigate_to


def pytest_collection_modifyitems(items):
    """Give the cross-module tests (outside any addon) the attributes Odoo sets on addon tests."""
    for item in items:
        cls = getattr(item, "cls", None)
        if cls is None or not issubclass(cls, common.BaseCase) or getattr(cls, "test_tags", None):
            continue
        cls.test_tags = {"standard", "at_install"}
        cls.test_module = "g2p_suite"
        cls.test_class = cls.__name__
        cls.test_sequence = 0


@pytest.fixture(scope="module", autouse=True)
def load_http():
    """Replaces pytest-odoo's fixture of that name, which restarts the server for every test
    module and races with its own shutdown; the session fixture below starts it once."""
    yield


@pytest.fixture(scope="session", autouse=True)
def odoo_http_server(request):
    if not request.config.getoption("--odoo-http"):
        yield
        return
    server = odoo.service.server.ThreadedServer(odoo.http.root)
    odoo.service.server.server = server
    server.http_spawn()
    port = odoo.tools.config["http_port"]
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    else:
        raise RuntimeError(f"Odoo's test HTTP server did not start on port {port}")
    yield
    if server.httpd:
        server.httpd.shutdown()


def _add_sub_test(self, test, subtest, err):
    """pytest's unittest bridge has no addSubTest: report a failing subTest as the test's failure."""
    if err is None:
        return
    if issubclass(err[0], test.failureException):
        self.addFailure(test, err)
    else:
        self.addError(test, err)


if not hasattr(TestCaseFunction, "addSubTest"):
    TestCaseFunction.addSubTest = _add_sub_test
