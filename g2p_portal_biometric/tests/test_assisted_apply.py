# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import AMINA_ID, OFFICER, BiometricCase, start_simulators


@tagged("post_install", "-at_install")
class TestAssistedApply(BiometricCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sbi, cls.ida = start_simulators(cls)
        cls._configure_adapter(cls.ida, cls.sbi)

    def _verified(self):
        self.authenticate(OFFICER, OFFICER)
        self.sbi.present(AMINA_ID, quality=90)
        transaction_id = self.ok("/g2p_biometric/transaction", reg_id_id=self.reg_id.id)["transaction_id"]
        outcome = self.ok(
            "/g2p_biometric/verify",
            reg_id_id=self.reg_id.id,
            transaction_id=transaction_id,
            biometrics=self.capture(self.sbi, transaction_id),
            consent=True,
            certification="L1",
        )
        self.assertTrue(outcome["matched"], outcome)
        return outcome

    def _step(self, **data):
        response = self.url_open(
            f"/g2p_biometric/apply/{self.person.id}/{self.program.id}",
            data=dict(data, csrf_token=self.csrf_token()),
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_officer_applies_through_the_mapped_form_and_the_person_sees_it(self):
        outcome = self._verified()
        programs = self.ok("/g2p_biometric/programs", partner_id=self.person.id)
        mine = [p for p in programs if p["id"] == self.program.id]
        self.assertEqual(len(mine), 1)
        self.assertTrue(mine[0]["has_form"])
        self.assertFalse(mine[0]["refused"])
        form = self.ok("/g2p_biometric/apply/form", partner_id=self.person.id, program_id=self.program.id)
        self.assertIn('name="household_size"', form["html"])
        self.assertEqual(form["step_count"], 1)
        # The portal form's validation: out of range, then a good answer.
        invalid = self._step(g2p_step="0", g2p_action="submit", household_size="99")
        self.assertTrue(invalid["has_errors"])
        self.assertIn("is-invalid", invalid["html"])
        done = self._step(
            g2p_step="0", g2p_action="submit", household_size="4", submission_key=form["submission_key"]
        )
        application = self.env["g2p.program.application"].browse(done["application"]["id"])
        self.assertEqual(application.partner_id, self.person)
        self.assertEqual(application.answers["household_size"], 4)
        self.assertTrue(application.assisted)
        self.assertEqual(application.assisted_by_id, self.officer)
        self.assertEqual(application.assisted_attempt_id.id, outcome["attempt_id"])
        self.assertTrue(application.form_version_id)
        # A double click gives the same application.
        again = self._step(g2p_step="0", g2p_action="submit", household_size="4")
        self.assertIn(again.get("application", {}).get("id", application.id), (application.id,))
        self.assertEqual(
            self.env["g2p.program.application"].search_count(
                [("partner_id", "=", self.person.id), ("program_id", "=", self.program.id)]
            ),
            1,
        )
        receipt = self.url_open(done["application"]["receipt_url"])
        self.assertEqual(receipt.status_code, 200)
        self.assertIn(application.name, receipt.text)
        # The person sees it on their own portal pages.
        self.authenticate("bio.portal.test", "bio.portal.test")
        page = self.url_open("/my/applications")
        self.assertEqual(page.status_code, 200)
        self.assertIn(application.name, page.text)
        self.assertEqual(self.url_open(f"/my/applications/{application.id}").status_code, 200)
        # Someone else's session never acts for Amina.
        self.authenticate("bio.clerk.test", "bio.clerk.test")
        self.assertEqual(self.url_open(done["application"]["receipt_url"]).status_code, 404)

    def test_proof_belongs_to_the_officer_session_that_made_it(self):
        self._verified()
        other = self.officer.copy({"login": "bio.officer2.test"})
        other.password = "bio.officer2.test"
        self.authenticate("bio.officer2.test", "bio.officer2.test")
        self.refused("/g2p_biometric/programs", "odoo.exceptions.UserError", partner_id=self.person.id)

    def test_program_without_a_form_is_applied_for_once(self):
        plain = self.env["g2p.program"].create(
            {"name": "Assisted Plain Program", "publication_state": "published"}
        )
        self._verified()
        form = self.ok("/g2p_biometric/apply/form", partner_id=self.person.id, program_id=plain.id)
        self.assertFalse(form["html"])
        response = self.url_open(
            f"/g2p_biometric/apply/{self.person.id}/{plain.id}",
            data={"csrf_token": self.csrf_token(), "g2p_action": "submit", "submission_key": "k" * 500},
        )
        application = self.env["g2p.program.application"].browse(response.json()["application"]["id"])
        self.assertEqual(application.program_id, plain)
        self.assertTrue(application.assisted)
        self.assertEqual(len(application.submission_key), 128)
        # Applying again while it is open is refused with the foundation's reason.
        again = self.url_open(
            f"/g2p_biometric/apply/{self.person.id}/{plain.id}",
            data={"csrf_token": self.csrf_token(), "g2p_action": "submit"},
        ).json()
        self.assertIn("error", again)
        programs = self.ok("/g2p_biometric/programs", partner_id=self.person.id)
        listed = next(p for p in programs if p["id"] == plain.id)
        self.assertTrue(listed["refused"])
        self.assertEqual(listed["applications"][0]["id"], application.id)
        self.assertTrue(listed["applications"][0]["assisted"])
