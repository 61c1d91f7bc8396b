"""The project's test support makes headless Chromium usable offline at a desktop width."""

from odoo.tests import HttpCase


class TestBrowserSupport(HttpCase):
    def test_pages_render_at_desktop_width(self):
        # Without the support in conftest.py, Chromium ignores Odoo's window size and
        # renders at a phone width.
        self.browser_js(
            "/web/login",
            "window.innerWidth >= 1300 ? console.log('test successful')"
            " : console.error('rendered at ' + window.innerWidth + 'px')",
        )

    def test_remote_hosts_are_unreachable_but_pages_still_load(self):
        self.browser_js(
            "/web/login",
            """
            fetch('https://fonts.googleapis.com/css?family=Roboto')
              .then(() => console.error('the internet was reached'))
              .catch(() => console.log('test successful'));
            """,
        )


class TestBrowserSupportOnAPhone(HttpCase):
    browser_size = "360x740"

    def test_pages_render_at_the_phone_width_asked_for(self):
        # Headless Chromium opens no window narrower than 500 px by itself.
        self.browser_js(
            "/web/login",
            "window.innerWidth === 360 ? console.log('test successful')"
            " : console.error('rendered at ' + window.innerWidth + 'px')",
        )
