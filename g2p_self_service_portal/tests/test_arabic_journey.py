from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import G2PPortalDataMixin


@tagged("post_install", "-at_install")
class TestArabicJourneyOnAPhone(G2PPortalDataMixin, HttpCase):
    """A registrant whose language is Arabic signs in and applies on a 360 px phone."""

    browser_size = "360x740"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        arabic = cls.env.ref("base.lang_ar")
        french = cls.env.ref("base.lang_fr")
        missing = (arabic | french).filtered(lambda lang: not lang.active)
        if missing:  # the demo data installs them; a database without demo data does not
            cls.env["base.language.install"].create(
                {"lang_ids": [Command.set(missing.ids)], "overwrite": False}
            ).lang_install()
        for website in cls.env["website"].search([]):
            website.language_ids |= arabic | french
        cls._g2p_setup_data()
        cls.registrant = cls._registrant(
            "Amina", "Haddad", login="arabic.registrant@example.com", lang=arabic.code
        )
        cls.program = cls._program("Arabic Journey Program")

    def test_sign_in_and_apply_in_arabic_right_to_left(self):
        self.assertEqual(self.registrant.user_ids.lang, "ar_001")
        self.start_tour("/web/login?debug=tests&redirect=/my", "g2p_arabic_journey", login=None)
        application = self.env["g2p.program.application"].search(
            [("partner_id", "=", self.registrant.id), ("program_id", "=", self.program.id)]
        )
        self.assertEqual(len(application), 1)
