# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Any compliant provider, without guesswork: the real provider process configured a second
way, as a plain (non-eSignet) OpenID provider, set up with the generic preset only."""

import datetime
import json

from odoo.tests import TransactionCase, tagged

from ..oidc import client as oidc_client
from ..oidc import jose
from .common import OidcHttpCase
from .oidc_provider_process import OidcProviderProcess

GENERIC_ID = "7770001112"
GENERIC_NUMBER = "GEN-7770001112"
# Characters a strict provider decodes from the form-encoded Basic credentials.
GENERIC_SECRET = "s3cr:et+with/special chars&=%-0123456789"


@tagged("post_install", "-at_install")
class TestGenericProvider(OidcHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        base = cls.base_url()
        cls.generic_op = OidcProviderProcess(
            [
                {
                    "client_id": "generic-rp",
                    "client_secret": GENERIC_SECRET,
                    "token_endpoint_auth_method": "client_secret_basic",
                    "id_token_signed_response_alg": "RS256",
                    "userinfo_signed_response_alg": None,
                    "subject_type": "public",
                    "redirect_uris": [base + "/auth_oidc/callback"],
                    "post_logout_redirect_uris": [base + "/web/login"],
                }
            ],
            client_auth_methods=["client_secret_basic", "client_secret_post"],
            subject_types=["public"],
            claims={
                "openid": ["sub"],
                "profile": ["name", "given_name", "family_name", "birthdate", "gender", "national_number"],
                "email": ["email", "email_verified"],
            },
            identities=[
                {
                    "individual_id": GENERIC_ID,
                    "name": "Ines Generic",
                    "given_name": "Ines",
                    "family_name": "Generic",
                    "birthdate": "1991-02-03",
                    "gender": "female",
                    "email": "ines@example.org",
                    "email_verified": True,
                    "national_number": GENERIC_NUMBER,
                }
            ],
        ).start()
        cls.addClassCleanup(cls.generic_op.stop)
        cls.voter_id = cls.env.ref("g2p_registry.id_type_voter_id")
        cls.generic = cls.env["auth.oauth.provider"].create(
            {
                "name": "Plain OpenID",
                "body": "Sign in with Plain OpenID",
                "client_id": "generic-rp",
                "enabled": True,
                "oidc_flow": "oidc_code",
                "oidc_issuer": cls.generic_op.issuer,
                "oidc_client_secret": GENERIC_SECRET,
            }
        )
        cls.generic.action_oidc_generic_preset()
        cls.generic.write(
            {"oidc_self_service": True, "oidc_allow_signup": True, "oidc_id_type_id": cls.voter_id.id}
        )

    def setUp(self):
        super().setUp()
        self.op = self.generic_op

    def test_generic_preset_is_filled_from_discovery(self):
        p = self.generic
        self.assertEqual(p.oidc_client_auth_method, "client_secret_basic")
        self.assertEqual(p.oidc_userinfo_format, "auto")
        self.assertEqual(p.oidc_id_claim, "sub")
        self.assertFalse(p.oidc_acr_values)
        self.assertFalse(p.oidc_claims)
        discovered = json.loads(p.oidc_metadata)
        self.assertEqual(
            set(jose.parse_algs(p.oidc_id_token_algs)),
            set(discovered["id_token_signing_alg_values_supported"]) & set(jose.SIGNING_ALGS),
        )
        birthdate = p.oidc_mapping_ids.filtered(lambda m: m.target == "birthdate")
        self.assertEqual(birthdate.date_format, "%Y-%m-%d")
        self.assertNotIn("individual_id", p.scope)

    def test_sign_in_with_sub_as_the_identity(self):
        response, _url = self.sign_in(provider=self.generic, national_id=GENERIC_ID)
        self.assertEqual(response.status_code, 303, response.text[-800:])
        user = self.env["res.users"].browse(self.session_uid())
        self.assertEqual(user.oauth_uid, GENERIC_ID, "public sub")
        partner = user.partner_id
        self.assertEqual(partner.reg_ids.filtered(lambda r: r.id_type == self.voter_id).value, GENERIC_ID)
        self.assertEqual(partner.birthdate, datetime.date(1991, 2, 3), "ISO date read by default")
        self.assertEqual(partner.gender, "female")
        self.assertEqual(partner.given_name, "Ines")
        self.assertFalse(self.generic.oidc_mapping_problems)

    def test_sign_in_with_a_custom_id_claim(self):
        self.generic.oidc_id_claim = "national_number"
        response, _url = self.sign_in(provider=self.generic, national_id=GENERIC_ID)
        self.assertEqual(response.status_code, 303, response.text[-800:])
        partner = self.env["res.users"].browse(self.session_uid()).partner_id
        self.assertEqual(partner.reg_ids.filtered(lambda r: r.id_type == self.voter_id).value, GENERIC_NUMBER)
        self.assertEqual(partner.email, "ines@example.org")

    def test_json_userinfo_is_what_this_provider_answers(self):
        # Control for the "auto" format: the provider really answers plain JSON.
        self.generic.oidc_userinfo_format = "jwt"
        before = self.snapshot()
        response, _url = self.sign_in(provider=self.generic, national_id=GENERIC_ID)
        self.assertRefused(response, before, reason="invalid_userinfo")

    def test_secret_with_special_characters_passes_client_secret_basic(self):
        # Without the form encoding the provider decodes "+" to a space and refuses the secret.
        self.assertIn("+", GENERIC_SECRET)
        self.assertEqual(oidc_client.basic_auth_header("a b", "c+d"), "Basic YStiOmMlMkJk")
        response, _url = self.sign_in(provider=self.generic, national_id=GENERIC_ID)
        self.assertEqual(response.status_code, 303, response.text[-800:])


class TestMappingDefaultsAndProblems(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env["auth.oauth.provider"].create(
            {
                "name": "Q",
                "body": "Q",
                "client_id": "q",
                "oidc_flow": "oidc_code",
                "oidc_issuer": "https://q.example",
                "oidc_allow_signup": True,
                "oidc_id_claim": "sub",
                "oidc_id_type_id": cls.env.ref("g2p_registry.id_type_voter_id").id,
            }
        )

    def test_new_mapping_reads_iso_dates_and_new_providers_accept_any_userinfo_format(self):
        mapping = self.env["g2p.oidc.claim.mapping"].create(
            {"provider_id": self.provider.id, "claim": "birthdate", "target": "birthdate"}
        )
        self.assertEqual(mapping.date_format, "%Y-%m-%d")
        self.assertEqual(
            mapping._g2p_partner_values({"birthdate": "1987-05-14"}, ["en"])[0]["birthdate"],
            datetime.date(1987, 5, 14),
        )
        self.assertEqual(self.provider.oidc_userinfo_format, "auto")

    def test_unusable_claim_is_shown_to_the_administrator(self):
        self.env["g2p.oidc.claim.mapping"].create(
            {"provider_id": self.provider.id, "claim": "birthdate", "target": "birthdate"}
        )
        self.env["res.users"].sudo()._g2p_oidc_signin(
            self.provider, {"sub": "Q-1", "name": "Q One", "birthdate": "14/05/1987"}
        )
        problems = self.provider.oidc_mapping_problems
        self.assertIn("birthdate", problems)
        self.assertIn("%Y-%m-%d", problems)
        self.assertNotIn("14/05/1987", problems, "the value itself is personal data")
        arch = self.env["auth.oauth.provider"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("oidc_mapping_problems", arch)
        self.provider.action_oidc_clear_mapping_problems()
        self.assertFalse(self.provider.oidc_mapping_problems)

    def test_id_sign_in_creates_the_portal_user_from_the_portal_template(self):
        template = self.env.ref("base.template_portal_user_id")
        group = self.env["res.groups"].create({"name": "Deployment portal extra"})
        template.groups_id = [(4, group.id)]
        login, _key = (
            self.env["res.users"].sudo()._g2p_oidc_signin(self.provider, {"sub": "Q-2", "name": "Q Two"})
        )
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user.share)
        self.assertIn(group, user.groups_id, "the template's groups apply")
        self.assertIn(self.env.ref("base.group_portal"), user.groups_id)
        self.assertTrue(user.active)
