# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The key with which the ID sign-in authenticates the session is single-use, short-lived,
stored only as a hash and never logged: it cannot be replayed as a password."""

import importlib.util
import re
import xmlrpc.client
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged

from .common import AMINA_ID, OidcHttpCase


@tagged("post_install", "-at_install")
class TestSignInKey(OidcHttpCase):
    def sign_in_capturing_the_key(self):
        keys = []
        model = type(self.env["g2p.oidc.signin.key"])
        issue = model._g2p_issue

        def spy(self_, user):
            key = issue(self_, user)
            keys.append(key)
            return key

        with patch.object(model, "_g2p_issue", spy), self.assertLogs("odoo", "DEBUG") as logs:
            response, _url = self.sign_in(national_id=AMINA_ID)
        self.assertEqual(response.status_code, 303, response.text[-500:])
        self.assertEqual(len(keys), 1)
        user = self.env["res.users"].browse(self.session_uid())
        self.assertTrue(user)
        return user, keys[0], logs.output

    def xmlrpc_login(self, login, password):
        common = xmlrpc.client.ServerProxy(self.base_url() + "/xmlrpc/2/common")
        return common.authenticate(self.env.cr.dbname, login, password, {})

    def jsonrpc_login(self, login, password):
        self.opener.cookies.clear()
        response = self.opener.post(
            self.base_url() + "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": self.env.cr.dbname, "login": login, "password": password},
            },
            timeout=30,
        )
        return response.json()

    def form_login(self, login, password):
        self.opener.cookies.clear()
        page = self.url_open("/web/login")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/web/login",
            data={"login": login, "password": password, "csrf_token": csrf, "db": self.env.cr.dbname},
            allow_redirects=False,
        )
        return response

    def test_the_key_of_a_sign_in_cannot_be_replayed(self):
        user, key, _logs = self.sign_in_capturing_the_key()
        self.logout()
        self.assertFalse(self.xmlrpc_login(user.login, key), "XML-RPC accepted the key")
        answer = self.jsonrpc_login(user.login, key)
        self.assertIn("error", answer)
        self.assertNotIn("result", answer)
        response = self.form_login(user.login, key)
        self.assertNotEqual(response.status_code, 303)
        self.assertFalse(self.session_uid(), "the login form accepted the key")

    def test_nothing_reusable_is_stored_and_the_key_is_not_logged(self):
        user, key, logs = self.sign_in_capturing_the_key()
        self.env.invalidate_all()
        self.assertFalse(user.sudo().oauth_access_token, "no password-like token is kept on the user")
        self.env.cr.execute("SELECT count(*) FROM res_users WHERE oauth_access_token = %s", (key,))
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.env.cr.execute("SELECT count(*) FROM g2p_oidc_signin_key WHERE key_hash = %s", (key,))
        self.assertEqual(self.env.cr.fetchone()[0], 0, "at most its hash is stored")
        self.assertFalse([line for line in logs if key in line], "the key appears in the log")

    def test_a_fresh_key_works_once_interactively_and_expires(self):
        user = self.env["res.users"].create({"login": "keyholder", "name": "Key Holder"})
        keys = self.env["g2p.oidc.signin.key"]
        key = keys._g2p_issue(user)
        self.assertFalse(self.xmlrpc_login("keyholder", key), "not over XML-RPC")
        self.assertEqual(self.jsonrpc_login("keyholder", key)["result"]["uid"], user.id)
        self.assertIn("error", self.jsonrpc_login("keyholder", key), "a second use is refused")
        key = keys._g2p_issue(user)
        keys.search([("user_id", "=", user.id)]).write(
            {"expires_at": fields.Datetime.now() - timedelta(seconds=1)}
        )
        self.assertIn("error", self.jsonrpc_login("keyholder", key), "an expired key is refused")

    def test_upgrade_drops_keys_left_as_passwords_and_the_demo_odoo_com_button(self):
        user = self.env["res.users"].create({"login": "leftover", "name": "Left Over"})
        self.env.cr.execute(
            "UPDATE res_users SET oauth_provider_id = %s, oauth_uid = 'x', oauth_access_token = 'left-over-key'"
            " WHERE id = %s",
            (self.provider.id, user.id),
        )
        self.assertEqual(self.xmlrpc_login("leftover", "left-over-key"), user.id, "control: was a password")
        script = Path(__file__).parents[1] / "migrations" / "17.0.1.1.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("g2p_oidc_post_migrate", script)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        odoo_com = self.env.ref("auth_oauth.provider_openerp")
        odoo_com.enabled = True
        self.env.flush_all()
        migration.migrate(self.env.cr, "17.0.1.0.0")
        self.assertFalse(self.xmlrpc_login("leftover", "left-over-key"))
        odoo_com.invalidate_recordset()
        demo = self.env["ir.module.module"].search([("name", "=", "g2p_portal_auth_oidc")]).demo
        self.assertEqual(odoo_com.enabled, not demo, "a demo database stops offering Odoo.com sign-in")
