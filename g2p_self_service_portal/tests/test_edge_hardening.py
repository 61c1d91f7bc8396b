# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hostile input at the edge: no server error, nothing invalid stored, no way off-site."""

import json
from urllib.parse import urlencode, urljoin, urlsplit

from odoo.tests import HttpCase, tagged

from .common import PASSWORD, PDF_BYTES, G2PPortalDataMixin, G2PPortalHttpMixin

EVIL = "evil.example"


@tagged("post_install", "-at_install")
class TestEdgeHardening(G2PPortalDataMixin, G2PPortalHttpMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_data()
        cls.login = "edge.registrant@example.com"
        cls.registrant = cls._registrant("Edge", "Registrant", login=cls.login)
        cls.other = cls._registrant("Other", "Person")
        cls.program = cls._program("Edge Cash", required_document_type_ids=[(6, 0, cls.doc_type.ids)])
        cls.application = cls._apply(cls.program, cls.registrant)
        cls.others_application = cls._apply(cls.program, cls.other)

    def _signed_in(self):
        self.authenticate(self.login, PASSWORD)

    def _jsonrpc(self, url, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        response = self.url_open(url, data=json.dumps(payload), headers={"Content-Type": "application/json"})
        self.assertLess(response.status_code, 500, response.text[:500])
        return response.json()

    def _assert_stays_on_site(self, response):
        location = response.headers.get("Location", "")
        self.assertTrue(location, f"no redirect ({response.status_code})")
        # What a browser does with it: backslashes as slashes, tabs and newlines dropped.
        browser = location.replace("\\", "/").replace("\t", "").replace("\n", "").replace("\r", "")
        target = urlsplit(urljoin(self.base_url() + "/", browser))
        self.assertEqual(target.netloc, urlsplit(self.base_url()).netloc, location)

    # NUL bytes

    def test_nul_bytes_in_profile_fields_are_removed_not_a_server_error(self):
        self._signed_in()
        response = self._post("/my/profile", {"given_name": "Ed\x00ge", "city": "Da\x00kar"})
        self.assertEqual(response.status_code, 200)
        self.registrant.invalidate_recordset()
        self.assertEqual(self.registrant.given_name, "Edge")
        self.assertEqual(self.registrant.city, "Dakar")

    def test_nul_byte_in_submission_key_is_not_a_server_error(self):
        self._signed_in()
        program = self._program("Edge Open")
        response = self._post(
            f"/my/programs/{program.id}/apply",
            {"submission_key": "abc\x00def"},
            csrf_url=f"/my/programs/{program.id}/apply",
        )
        self.assertEqual(response.status_code, 200)
        application = self.env["g2p.program.application"].search(
            [("program_id", "=", program.id), ("partner_id", "=", self.registrant.id)]
        )
        self.assertEqual(application.submission_key, "abcdef")

    def test_nul_byte_in_upload_file_name_is_not_a_server_error(self):
        self._signed_in()
        url = f"/my/applications/{self.application.id}"
        csrf = self._csrf(url)
        # Written by hand: HTTP clients escape a NUL in a file name, an attacker does not.
        boundary = "g2pboundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{csrf}\r\n'.encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="document_type_id"\r\n\r\n'
            f"{self.doc_type.id}\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="pro\x00of.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n".encode()
            + PDF_BYTES
            + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        response = self.url_open(
            f"{url}/documents",
            data=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        self.assertLess(response.status_code, 500)
        self.assertEqual(self.application.document_ids.mapped("name"), ["proof.pdf"])

    def test_nul_byte_in_the_url_path_is_a_bad_request(self):
        for signed_in in (False, True):
            if signed_in:
                self._signed_in()
            for url in ("/my/applications/%00", "/my/%00", "/%00", "/my/profile%00x"):
                response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, 400, url)

    # Dates, names and parameters

    def test_birth_dates_outside_a_sensible_range_are_refused_clearly(self):
        self._signed_in()
        for value in ("0999-12-31", "1899-12-31"):
            response = self._post("/my/profile", {"birthdate": value})
            self.assertEqual(response.status_code, 400, value)
            self.assertIn("Enter a birth date after 1900-01-01", response.text)
        self.registrant.invalidate_recordset()
        self.assertFalse(self.registrant.birthdate)
        self.assertEqual(self._post("/my/profile", {"birthdate": "1900-01-01"}).status_code, 200)

    def test_a_field_named_self_is_not_a_server_error(self):
        response = self.url_open("/web/login", data={"self": "x", "login": "nobody", "password": "x"})
        self.assertLess(response.status_code, 500)
        self._signed_in()
        for url in ("/my/profile", f"/my/applications/{self.application.id}"):
            response = self._post(url, {"self": "x", "city": "Thies"}, csrf_url="/my/profile")
            self.assertLess(response.status_code, 500, url)
        self.assertLess(self.url_open("/my/applications?self=1").status_code, 500)

    def test_malformed_counters_answer_a_clean_error(self):
        self._signed_in()
        for counters in (5, "g2p_application_count", [[1]], {"a": 1}, None):
            body = self._jsonrpc("/my/counters", {"counters": counters})
            self.assertIn("error", body, counters)
            self.assertNotIn("Traceback", json.dumps(body))
            self.assertEqual(body["error"]["code"], 400)
        body = self._jsonrpc("/my/counters", {"counters": ["g2p_application_count"]})
        self.assertEqual(body["result"]["g2p_application_count"], 1)

    # The portal, stricter

    def test_registrants_read_only_their_own_applications_and_memberships_of_a_program(self):
        self.others_application.action_approve()
        self._signed_in()
        everyone = {
            "application_ids": set(self.program.application_ids.ids),
            "membership_ids": set(self.program.membership_ids.ids),
        }
        self.assertEqual(len(everyone["application_ids"]), 2)
        for method, args in (
            ("read", [self.program.ids, ["application_ids", "membership_ids"]]),
            ("search_read", [[("id", "=", self.program.id)], ["application_ids", "membership_ids"]]),
        ):
            body = self._jsonrpc(
                "/web/dataset/call_kw", {"model": "g2p.program", "method": method, "args": args, "kwargs": {}}
            )
            values = body["result"][0]
            self.assertEqual(values["application_ids"], self.application.ids, method)
            self.assertEqual(values["membership_ids"], [], method)
        body = self._jsonrpc(
            "/web/dataset/call_kw",
            {
                "model": "g2p.program",
                "method": "web_read",
                "args": [self.program.ids],
                "kwargs": {"specification": {"application_ids": {}, "membership_ids": {}}},
            },
        )
        self.assertEqual(body["result"][0]["application_ids"], self.application.ids)
        self.assertEqual(body["result"][0]["membership_ids"], [])
        # The registrant's own pages still list their own application.
        self.assertIn(self.application.name, self.url_open("/my/applications").text)

    def test_registrants_cannot_rename_themselves_through_their_user(self):
        self._signed_in()
        user = self.registrant.user_ids
        body = self._jsonrpc(
            "/web/dataset/call_kw",
            {"model": "res.users", "method": "write", "args": [user.ids, {"name": "Mallory"}], "kwargs": {}},
        )
        self.assertEqual(body["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.registrant.invalidate_recordset()
        self.assertEqual(self.registrant.name, "Edge Registrant")

    # Redirects

    def test_backslash_redirects_stay_on_the_site(self):
        for target in ("/\\" + EVIL, "/\\/" + EVIL, "/\t\\" + EVIL):
            with self.subTest(target=target):
                # The login form's redirect field, then the signed-in login page's parameter.
                self.url_open("/web/session/logout", allow_redirects=False)
                page = self.url_open("/web/login")
                csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
                response = self.url_open(
                    "/web/login",
                    data={"login": self.login, "password": PASSWORD, "redirect": target, "csrf_token": csrf},
                    allow_redirects=False,
                )
                self._assert_stays_on_site(response)
                for url, param in (
                    ("/web/login", "redirect"),
                    ("/website/lang/en_US", "r"),
                    ("/web/session/logout", "redirect"),
                ):
                    response = self.url_open(f"{url}?{urlencode({param: target})}", allow_redirects=False)
                    self._assert_stays_on_site(response)

    # Security headers

    def test_portal_pages_send_security_headers(self):
        response = self.url_open("/web/login")
        self.assertIn("SameSite=Lax", response.headers.get("Set-Cookie", ""))
        self._signed_in()
        for url in (
            "/my",
            "/my/applications",
            f"/my/applications/{self.application.id}",
            "/my/profile",
            "/web",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            headers = response.headers
            self.assertEqual(headers.get("X-Frame-Options"), "SAMEORIGIN", url)
            self.assertIn("frame-ancestors 'self'", headers.get("Content-Security-Policy", ""), url)
            self.assertEqual(headers.get("Referrer-Policy"), "same-origin", url)
            self.assertEqual(headers.get("Cache-Control"), "private, no-store", url)
