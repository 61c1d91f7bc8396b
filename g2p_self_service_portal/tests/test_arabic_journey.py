# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import PASSWORD, G2PPortalDataMixin

LOGIN = "arabic.registrant@example.com"


class ArabicRegistrantMixin(G2PPortalDataMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.arabic = cls.env.ref("base.lang_ar")
        cls.french = cls.env.ref("base.lang_fr")
        missing = (cls.arabic | cls.french).filtered(lambda lang: not lang.active)
        if missing:  # the demo data installs them; a database without demo data does not
            cls.env["base.language.install"].create(
                {"lang_ids": [Command.set(missing.ids)], "overwrite": False}
            ).lang_install()
        for website in cls.env["website"].search([]):
            website.language_ids |= cls.arabic | cls.french
        cls._g2p_setup_data()
        cls.registrant = cls._registrant("Amina", "Haddad", login=LOGIN, lang=cls.arabic.code)
        cls.program = cls._program("Arabic Journey Program")


@tagged("post_install", "-at_install")
class TestRegistrantLanguage(ArabicRegistrantMixin, HttpCase):
    def test_signed_in_pages_follow_the_registrants_language(self):
        self.authenticate(LOGIN, PASSWORD)
        # The sign-in page was shown in the website's language, which the browser keeps.
        self.opener.cookies.set("frontend_lang", "en_US")
        response = self.url_open("/my", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/ar/my"), response.headers["Location"])
        del self.opener.cookies["frontend_lang"]  # from now on, the server's cookie only
        page = self.url_open("/ar/my")
        self.assertEqual(page.status_code, 200)
        self.assertIn('dir="rtl"', page.text)
        self.assertIn('lang="ar-001"', page.text)
        # The switcher: Arabic is current; French is a link named in French, to the same page.
        self.assertIn('class="g2p_lang_switcher" aria-label=', page.text)
        self.assertRegex(
            page.text, r'<span class="[^"]*g2p_lang_current[^"]*" aria-current="true" lang="ar-001"'
        )
        self.assertRegex(page.text, r'href="/fr/my\?*"[^>]*lang="fr-FR" hreflang="fr-FR">Français<')
        # Then the choice is the visitor's: French stays French.
        self.assertIn('dir="ltr"', self.url_open("/fr/my").text)
        response = self.url_open("/my/programs/all", allow_redirects=False)
        self.assertTrue(response.headers["Location"].endswith("/fr/my/programs/all"))

    def test_a_language_chosen_before_signing_in_is_kept(self):
        self.authenticate(LOGIN, PASSWORD)
        # What the browser keeps after the visitor chose French on the sign-in page.
        self.opener.cookies.set("frontend_lang", "fr_FR")
        response = self.url_open("/my", allow_redirects=False)
        self.assertTrue(response.headers["Location"].endswith("/fr/my"), response.headers["Location"])


@tagged("post_install", "-at_install")
class TestArabicJourneyOnAPhone(ArabicRegistrantMixin, HttpCase):
    """A registrant whose language is Arabic signs in and applies on a 360 px phone."""

    browser_size = "360x740"
    touch_enabled = True

    def test_sign_in_and_apply_in_arabic_right_to_left(self):
        self.assertEqual(self.registrant.user_ids.lang, "ar_001")
        self.start_tour("/web/login?debug=tests&redirect=/my", "g2p_arabic_journey", login=None)
        application = self.env["g2p.program.application"].search(
            [("partner_id", "=", self.registrant.id), ("program_id", "=", self.program.id)]
        )
        self.assertEqual(len(application), 1)
