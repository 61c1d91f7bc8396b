# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from urllib.parse import parse_qs, urlsplit

from odoo.tests import new_test_user, tagged

from .common import AMINA_ID, KOFI_ID, OidcHttpCase


@tagged("post_install", "-at_install")
class TestAccountClose(OidcHttpCase):
    """A registrant who signs in with their ID closes their account by signing in again."""

    def _signed_in_amina(self):
        response, _url = self.sign_in(national_id=AMINA_ID)
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.env.invalidate_all()
        user = self.env["res.users"].browse(self.session_uid())
        self.assertTrue(user.partner_id.is_registrant)
        return user

    def _security_csrf(self):
        page = self.url_open("/my/security", timeout=30)
        self.assertEqual(page.status_code, 200)
        form = re.search(r'<form action="/my/account/close" method="post">(.*?)</form>', page.text, re.S)
        self.assertTrue(form, "no close button on /my/security")
        return re.search(r'name="csrf_token" value="([^"]+)"', form.group(1)).group(1), page.text

    def _start_close(self):
        csrf, _page = self._security_csrf()
        response = self.url_open(
            "/my/account/close", data={"csrf_token": csrf}, allow_redirects=False, timeout=30
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        location = response.headers["Location"]
        self.assertTrue(location.startswith(self.op.issuer + "/auth?"), location)
        return location

    def assertOpen(self, user, response, status):
        self.assertEqual(response.status_code, status, response.text[:500])
        self.assertIn('data-result="refused"', response.text)
        self.env.invalidate_all()
        self.assertTrue(user.active)
        self.assertTrue(user.oauth_uid)
        self.assertTrue(user.partner_id.active)
        self.assertEqual(self.session_uid(), user.id, "still signed in")

    def test_security_page_offers_closing_with_id_and_no_login(self):
        user = self._signed_in_amina()
        _csrf, page = self._security_csrf()
        self.assertIn("g2p_close_account_with_id", page)
        # Neither Odoo's password form nor the officer-only note, and no technical login.
        self.assertNotIn("portal_deactivate_account_form", page)
        self.assertNotIn('class="g2p_close_account mb-4"', page)
        self.assertNotIn(user.login, page)

    def test_signing_in_again_closes_the_account_and_keeps_the_record(self):
        user = self._signed_in_amina()
        partner = user.partner_id
        reg_ids = partner.reg_ids.ids
        auth_url = self._start_close()
        params = parse_qs(urlsplit(auth_url).query)
        self.assertEqual(params["prompt"], ["login"])
        self.assertEqual(params["max_age"], ["0"])
        self.assertEqual(params["redirect_uri"], [self.base_url() + "/my/account/close/callback"])
        callback_url = self.authorize_at_provider(auth_url, AMINA_ID)
        response = self.callback(callback_url)
        self.assertEqual(response.status_code, 303, re.sub(r"<[^>]+>|\s+", " ", response.text)[-3000:])
        self.assertTrue(response.headers["Location"].endswith("/my/account/closed"))
        self.env.invalidate_all()
        self.assertFalse(user.active)
        self.assertFalse(user.oauth_uid)
        self.assertTrue(user.login.startswith("__closed_user_"))
        self.assertFalse(self.env["res.users.deletion"].search([("user_id", "=", user.id)]))
        # The registry record stays as it was.
        self.assertTrue(partner.active)
        self.assertTrue(partner.is_registrant)
        self.assertEqual(partner.reg_ids.ids, reg_ids)
        self.assertFalse(self.session_uid(), "signed out")
        page = self.url_open("/my/account/closed", timeout=30)
        self.assertIn('data-result="closed"', page.text)
        # Shown once, to this browser only.
        again = self.url_open("/my/account/closed", allow_redirects=False, timeout=30)
        self.assertEqual(again.status_code, 303)
        self.assertIn("/web/login", again.headers["Location"])
        # Nothing signs in to the closed account again.
        response, _url = self.sign_in(national_id=AMINA_ID)
        self.assertIn('data-reason="account_closed"', response.text)
        self.assertFalse(self.session_uid())

    def test_another_persons_sub_is_refused(self):
        user = self._signed_in_amina()
        auth_url = self._start_close()
        callback_url = self.authorize_at_provider(auth_url, KOFI_ID)
        self.assertOpen(user, self.callback(callback_url), 403)

    def test_a_state_works_once(self):
        user = self._signed_in_amina()
        auth_url = self._start_close()
        callback_url = self.authorize_at_provider(auth_url, AMINA_ID)
        # The first use fails at the token endpoint (a forged code): the state is spent.
        forged = re.sub(r"code=[^&]+", "code=forged-code", callback_url)
        self.assertOpen(user, self.callback(forged), 400)
        replayed = self.callback(callback_url)
        self.assertOpen(user, replayed, 400)
        self.assertIn("expired or was already used", replayed.text)
        # A state unknown to this session, and an error from the provider.
        self.assertOpen(user, self.callback("/my/account/close/callback?state=unknown&code=x"), 400)
        auth_url = self._start_close()
        state = parse_qs(urlsplit(auth_url).query)["state"][0]
        self.assertOpen(
            user, self.callback(f"/my/account/close/callback?state={state}&error=access_denied"), 403
        )

    def test_closing_needs_the_csrf_token(self):
        user = self._signed_in_amina()
        response = self.url_open(
            "/my/account/close", data={"confirm": "1"}, allow_redirects=False, timeout=30
        )
        self.assertEqual(response.status_code, 400, response.text[:300])
        response = self.url_open(
            "/my/account/close", data={"csrf_token": "forged"}, allow_redirects=False, timeout=30
        )
        self.assertEqual(response.status_code, 400, response.text[:300])
        self.env.invalidate_all()
        self.assertTrue(user.active)
        self.assertEqual(self.session_uid(), user.id)

    def test_password_user_keeps_odoos_form(self):
        new_test_user(
            self.env,
            login="close.pw@example.com",
            password="close.pw@example.com",
            groups="base.group_portal",
        )
        self.authenticate("close.pw@example.com", "close.pw@example.com")
        page = self.url_open("/my/security", timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn("portal_deactivate_account_form", page.text)
        self.assertNotIn("g2p_close_account_with_id", page.text)
        # And cannot use the ID route.
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/my/account/close", data={"csrf_token": csrf}, allow_redirects=False, timeout=30
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn('data-result="refused"', response.text)
