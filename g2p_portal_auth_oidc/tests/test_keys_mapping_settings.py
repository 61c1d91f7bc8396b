# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import datetime
import io
import json

from PIL import Image

from odoo.exceptions import AccessDenied, AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from ..models.res_users import PASSWORD_PARAM
from ..oidc import OIDCError


def tiny_png():
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


TINY_PNG = tiny_png()


class TestRelyingPartyKeys(TransactionCase):
    def test_install_generates_one_active_key_of_each_kind(self):
        keys = self.env["g2p.oidc.key"].search([("state", "=", "active")])
        self.assertEqual(sorted(keys.mapped("alg")), ["ES256", "RS256 PS256", "RSA-OAEP-256"])

    def _age(self, keys, minutes):
        self.env.cr.execute(
            "UPDATE g2p_oidc_key SET create_date = now() at time zone 'UTC' - interval '%s minutes' WHERE id IN %s",
            (minutes, tuple(keys.ids)),
        )
        self.env.invalidate_all()

    def test_rotation_keeps_old_keys_published_until_retired(self):
        Key = self.env["g2p.oidc.key"]
        self._age(Key.search([]), 60 * 24)
        old_kids = {k["kid"] for k in Key._g2p_public_jwks()["keys"]}
        old_signing_kid, _pem = Key._g2p_signing_key("RS256")
        Key.action_rotate()
        published = {k["kid"] for k in Key._g2p_public_jwks()["keys"]}
        self.assertTrue(old_kids < published, "old keys stay in the JWKS while retiring")
        self.assertTrue(set(Key._g2p_decryption_keys()) & old_kids, "the old key still decrypts")
        retiring = Key.search([("kid", "in", list(old_kids))])
        self.assertEqual(set(retiring.mapped("state")), {"retiring"})
        # Until providers can have fetched the new JWKS, assertions keep the old key...
        self.assertEqual(Key._g2p_signing_key("RS256")[0], old_signing_kid)
        with self.assertRaises(UserError):
            retiring.action_retire()
        # ...then switch to the new one, and the old keys can go.
        self._age(Key.search([("state", "=", "active")]), 11)
        new_signing_kid, _pem = Key._g2p_signing_key("RS256")
        self.assertNotEqual(new_signing_kid, old_signing_kid)
        self.assertIn(new_signing_kid, published)
        retiring.action_retire()
        self.assertFalse({k["kid"] for k in Key._g2p_public_jwks()["keys"]} & old_kids)
        with self.assertRaises(UserError):
            Key.search([("state", "=", "active")], limit=1).action_retire()

    def test_private_keys_are_for_administrators_only(self):
        officer = new_test_user(
            self.env, "oidc_officer", groups="base.group_user,g2p_registry.group_g2p_admin"
        )
        with self.assertRaises(AccessError):
            self.env["g2p.oidc.key"].with_user(officer).search([]).read(["private_pem"])
        admin_keys = self.env["g2p.oidc.key"].search([])
        self.assertTrue(all(k.private_pem.startswith("-----BEGIN PRIVATE KEY") for k in admin_keys))
        with self.assertRaises(UserError):
            self.env["g2p.oidc.key"].with_user(officer).action_rotate()

    def test_public_jwks_has_no_private_parts(self):
        for jwk in self.env["g2p.oidc.key"]._g2p_public_jwks()["keys"]:
            self.assertFalse({"d", "p", "q", "dp", "dq", "qi"} & set(jwk), jwk)
            self.assertIn(jwk["use"], ("sig", "enc"))


class TestClaimMapping(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env["auth.oauth.provider"].create(
            {
                "name": "P",
                "body": "P",
                "client_id": "c",
                "oidc_flow": "oidc_code",
                "oidc_issuer": "https://op.example",
            }
        )
        cls.provider._oidc_apply_esignet_preset()
        cls.mappings = cls.provider.oidc_mapping_ids

    def values(self, claims, locales=("fr",)):
        return self.mappings._g2p_partner_values(claims, list(locales))[0]

    def test_localized_name_prefers_the_requested_locale(self):
        claims = {"name#en": "Amina Diallo", "name#fr": "Aminata Diallo"}
        self.assertEqual(self.values(claims, ("fr",))["name"], "Aminata Diallo")
        self.assertEqual(self.values(claims, ("en_US",))["name"], "Amina Diallo")
        self.assertEqual(self.values({"name#ar": "x"}, ("en",))["name"], "x")

    def test_birthdate_format_and_gender_mapping(self):
        values = self.values({"birthdate": "1988/04/12", "gender": "Female"})
        self.assertEqual(values["birthdate"], datetime.date(1988, 4, 12))
        self.assertEqual(values["gender"], "female")
        values = self.values({"birthdate": "12-04-1988", "gender": "Unknown"})
        self.assertNotIn("birthdate", values, "a date in another format is skipped, not guessed")
        self.assertNotIn("gender", values)

    def test_address_path_country_and_picture(self):
        values = self.values(
            {
                "address": {"street_address": "1 Main St", "locality": "Dakar", "country": "sn"},
                "picture": f"data:image/png;base64,{TINY_PNG}",
            }
        )
        self.assertEqual((values["street"], values["city"]), ("1 Main St", "Dakar"))
        self.assertEqual(values["country_id"], self.env.ref("base.sn").id)
        self.assertTrue(values["image_1920"])
        self.assertNotIn(
            "image_1920", self.values({"picture": "http://169.254.169.254/latest"}), "no URL fetch"
        )

    def test_picture_that_is_not_a_readable_raster_image_is_skipped(self):
        svg = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>").decode()
        for picture in (
            "data:image/png;base64,iVBORw0KGgo=",  # a PNG signature and nothing else
            "data:image/png;base64," + base64.b64encode(b"plain text").decode(),
            "data:image/png;base64,!!!",
            "data:image/svg+xml;base64," + svg,
        ):
            with self.assertLogs("odoo.addons.g2p_portal_auth_oidc.models.g2p_oidc_claim_mapping") as logs:
                self.assertNotIn("image_1920", self.values({"picture": picture}), picture)
            self.assertNotIn(picture[-8:], logs.output[0])

    def test_preset_fills_esignet_choices(self):
        p = self.provider
        self.assertEqual(p.oidc_client_auth_method, "private_key_jwt")
        self.assertEqual(p.oidc_userinfo_format, "jwt")
        self.assertIn("mosip:idp:acr:biometrics", p.oidc_acr_values)
        self.assertTrue(json.loads(p.oidc_claims)["userinfo"]["individual_id"]["essential"])
        self.assertEqual(p.oidc_id_type_id, self.env.ref("g2p_registry.id_type_national_id"))

    def test_hmac_or_none_only_algorithm_list_is_refused(self):
        with self.assertRaises(ValidationError):
            self.provider.oidc_id_token_algs = "HS256 none"


class TestPasswordLogin(TransactionCase):
    def setUp(self):
        super().setUp()
        partner = self.env["res.partner"].create({"name": "Reg", "is_registrant": True})
        self.user = new_test_user(self.env, "reg_pw", groups="base.group_portal", password="reg_pw_secret_1")
        self.user.partner_id = partner
        self.user.oauth_access_token = "one-time-key"

    def check(self, password):
        self.user.with_user(self.user)._check_credentials(password, {"interactive": True})

    def test_registrant_password_works_until_switched_off(self):
        self.check("reg_pw_secret_1")
        self.env["ir.config_parameter"].set_param(PASSWORD_PARAM, "True")
        with self.assertRaises(AccessDenied):
            self.check("reg_pw_secret_1")
        # Only the one-time key of an ID sign-in, once; the stored access token is no password.
        key = self.env["g2p.oidc.signin.key"]._g2p_issue(self.user)
        self.check(key)
        with self.assertRaises(AccessDenied):
            self.check(key)
        with self.assertRaises(AccessDenied):
            self.check("one-time-key")

    def test_staff_keep_their_password(self):
        self.env["ir.config_parameter"].set_param(PASSWORD_PARAM, "True")
        staff = new_test_user(self.env, "staff_pw", groups="base.group_user", password="staff_pw_secret_1")
        staff.with_user(staff)._check_credentials("staff_pw_secret_1", {"interactive": True})


@tagged("post_install", "-at_install")
class TestJwksRoute(HttpCase):
    def test_jwks_route_publishes_active_and_retiring_public_keys(self):
        self.env["g2p.oidc.key"].action_rotate()
        response = self.url_open("/auth_oidc/jwks")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"].split(";")[0], "application/json")
        keys = response.json()["keys"]
        self.assertEqual(len(keys), 6)
        self.assertFalse(any("d" in k for k in keys))


class TestIdClaimValue(TransactionCase):
    """The ID claim decides whose account opens: a blank one must never match anybody."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env["auth.oauth.provider"].create(
            {
                "name": "Voter registry",
                "body": "Voter registry",
                "client_id": "voters",
                "oidc_flow": "oidc_code",
                "oidc_issuer": "https://voters.example",
                "oidc_allow_signup": True,
            }
        )
        # A functional ID type without a format to check the value against.
        cls.provider.oidc_id_type_id = cls.env.ref("g2p_registry.id_type_voter_id")
        cls.users = cls.env["res.users"].sudo()

    def test_blank_or_boolean_id_claims_are_refused(self):
        for sub, value in (("sub-1", " "), ("sub-2", "\t"), ("sub-3", True)):
            with self.subTest(value=value):
                partners = self.env["res.partner"].search_count([])
                with self.assertRaises(OIDCError) as caught:
                    self.users._g2p_oidc_signin(
                        self.provider, {"sub": sub, "individual_id": value, "name": "X"}
                    )
                self.assertEqual(caught.exception.reason, "no_id")
                self.assertEqual(self.env["res.partner"].search_count([]), partners)
