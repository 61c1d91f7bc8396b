# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json
import logging
import time

from odoo.tests import tagged

from .common import AMINA_ID, KOFI_ID, OFFICER, BiometricCase, start_simulators


def b64url_json(segment):
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def b64url(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


class VerifyMixin:
    def _transaction(self):
        return self.ok("/g2p_biometric/transaction", reg_id_id=self.reg_id.id)["transaction_id"]

    def _verify(self, biometrics=None, transaction_id=None, **extra):
        transaction_id = transaction_id or self._transaction()
        if biometrics is None:
            biometrics = self.capture(self.sbi, transaction_id)
        params = {
            "reg_id_id": self.reg_id.id,
            "transaction_id": transaction_id,
            "biometrics": biometrics,
            "consent": True,
            "certification": "L1",
        }
        params.update(extra)
        return self.ok("/g2p_biometric/verify", **params), biometrics

    def _secrets(self, biometrics):
        """What must never be stored or logged: the signed data, its bioValue, the session key."""
        found = []
        for item in biometrics:
            payload = b64url_json(item["data"].split(".")[1])
            found += [item["data"][-60:], item["sessionKey"][:60], payload["bioValue"][:60]]
        return [s for s in found if s]

    def assertStoredNowhere(self, fragments):
        """No text column of any table holds any of ``fragments``."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            """SELECT c.table_name, c.column_name FROM information_schema.columns c
                 JOIN information_schema.tables t
                   ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN ('character varying', 'text', 'jsonb', 'json', 'bytea')"""
        )
        columns = cr.fetchall()
        self.assertGreater(len(columns), 100)
        patterns = ["%" + f + "%" for f in fragments]
        for table, column in columns:
            cr.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text LIKE ANY(%s) LIMIT 1',
                [patterns],
            )
            self.assertFalse(cr.fetchone(), f"biometric data found in {table}.{column}")


@tagged("post_install", "-at_install")
class TestVerifyWithIda(VerifyMixin, BiometricCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sbi, cls.ida = start_simulators(cls)
        cls._configure_adapter(cls.ida, cls.sbi)

    def setUp(self):
        super().setUp()
        self.authenticate(OFFICER, OFFICER)
        self.sbi.present(AMINA_ID, quality=85)
        self.ida.set_mode("normal")

    def test_match_marks_the_id_verified_and_audits_it_without_biometric_data(self):
        # Everything Odoo logs while it works, every SQL query included (odoo.sql_db at DEBUG).
        with self.assertLogs("odoo", level=logging.DEBUG) as logs:
            outcome, biometrics = self._verify()
        self.assertTrue(outcome["matched"], outcome)
        self.assertEqual(outcome["result"], "match")
        self.reg_id.invalidate_recordset()
        self.assertTrue(self.reg_id.is_verified)
        self.assertEqual(self.reg_id.verification_method, "biometric")
        self.assertEqual(self.reg_id.verified_by_id, self.officer)
        self.assertIn("G2PFS0000000001", self.reg_id.verification_device)
        self.assertEqual(self.reg_id.verification_device_certification, "L1")
        attempt = self.env["g2p.biometric.attempt"].browse(outcome["attempt_id"])
        self.assertEqual(self.reg_id.verification_attempt_id, attempt)
        self.assertEqual(attempt.result, "match")
        self.assertEqual(attempt.officer_id, self.officer)
        self.assertEqual(attempt.method, "ida")
        self.assertTrue(attempt.consent)
        self.assertEqual(attempt.device_make, "G2P Demo")
        self.assertEqual(attempt.device_model, "SLAP-SIM")
        self.assertIn("Left IndexFinger 85", attempt.quality)
        self.assertEqual(attempt.modalities, "Finger: Left IndexFinger")
        # e-KYC: what the ID service knows is recorded as verified; the names typed stay.
        self.person.invalidate_recordset()
        self.assertEqual(str(self.person.birthdate), "1988-04-12")
        self.assertEqual(self.person.gender, "female")
        self.assertEqual(self.person.given_name, "Amina")
        self.assertIn("+221771234567", self.person.phone_number_ids.mapped("phone_no"))
        verified = self.env["g2p.verified.field"].search([("partner_id", "=", self.person.id)])
        self.assertEqual(set(verified.mapped("field_name")), {"birthdate", "gender"})
        fragments = self._secrets(biometrics)
        self.assertStoredNowhere(fragments)
        log_text = "\n".join(logs.output)
        self.assertIn(f"Biometric verification {attempt.id}", log_text)
        self.assertIn("INSERT INTO", log_text)
        for fragment in fragments:
            self.assertNotIn(fragment, log_text)

    def test_a_new_person_is_started_from_what_the_id_service_returns(self):
        self.reg_id.unlink()
        created = self.ok(
            "/g2p_biometric/registrant/create",
            id_type_id=self.national_id.id,
            id_value=AMINA_ID,
        )
        self.reg_id = self.env["g2p.reg.id"].browse(created["ids"][0]["id"])
        self.assertFalse(self.reg_id.is_verified)
        outcome, _biometrics = self._verify()
        self.assertTrue(outcome["matched"], outcome)
        partner = self.reg_id.partner_id
        self.assertTrue(partner.is_registrant)
        self.assertEqual((partner.given_name, partner.family_name), ("Amina", "Diallo"))
        self.assertEqual(partner.name, "Amina Diallo")
        self.assertEqual(str(partner.birthdate), "1988-04-12")
        self.assertTrue(self.reg_id.is_verified)

    def test_no_match_leaves_the_id_unverified(self):
        self.sbi.present(KOFI_ID, quality=85)
        outcome, biometrics = self._verify()
        self.assertFalse(outcome["matched"])
        self.assertEqual(outcome["result"], "no_match")
        self.assertIn("does not match", outcome["message"])
        self.reg_id.invalidate_recordset()
        self.assertFalse(self.reg_id.is_verified)
        attempt = self.env["g2p.biometric.attempt"].browse(outcome["attempt_id"])
        self.assertEqual(attempt.result, "no_match")
        self.assertStoredNowhere(self._secrets(biometrics))
        # Applying on the person's behalf needs a match.
        self.refused("/g2p_biometric/programs", partner_id=self.person.id)

    def test_tampered_capture_is_refused_before_reaching_the_service(self):
        transaction_id = self._transaction()
        biometrics = self.capture(self.sbi, transaction_id)
        header, payload, signature = biometrics[0]["data"].split(".")
        claims = b64url_json(payload)
        claims["qualityScore"] = 99
        biometrics[0]["data"] = ".".join([header, b64url(claims), signature])
        outcome, _biometrics = self._verify(biometrics, transaction_id)
        self.assertEqual(outcome["reason"], "bad_input")
        self.assertEqual(outcome["result"], "refused")
        self.reg_id.invalidate_recordset()
        self.assertFalse(self.reg_id.is_verified)

    def test_capture_of_another_transaction_is_refused(self):
        first = self._transaction()
        biometrics = self.capture(self.sbi, first)
        outcome, _biometrics = self._verify(biometrics, self._transaction())
        self.assertEqual(outcome["reason"], "bad_input")
        self.assertFalse(outcome["matched"])

    def test_a_transaction_works_once_and_only_for_its_id(self):
        outcome, biometrics = self._verify()
        self.assertTrue(outcome["matched"])
        replay = self.ok(
            "/g2p_biometric/verify",
            reg_id_id=self.reg_id.id,
            transaction_id=self.env["g2p.biometric.attempt"].browse(outcome["attempt_id"]).transaction_id,
            biometrics=biometrics,
            consent=True,
        )
        self.assertEqual(replay["reason"], "expired")
        self.assertFalse(replay["matched"])

    def test_consent_is_required(self):
        outcome, _biometrics = self._verify(consent=False)
        self.assertEqual(outcome["reason"], "no_consent")
        self.assertFalse(self.env["g2p.biometric.attempt"].browse(outcome["attempt_id"]).consent)

    def test_service_down_gives_a_clear_message_and_no_verification(self):
        self.ida.set_mode("down")
        outcome, _biometrics = self._verify()
        self.assertEqual(outcome["reason"], "unavailable")
        self.assertEqual(outcome["result"], "error")
        self.assertIn("cannot be reached", outcome["message"])
        self.reg_id.invalidate_recordset()
        self.assertFalse(self.reg_id.is_verified)

    def test_slow_service_never_holds_the_worker_beyond_the_total_timeout(self):
        self.ida.set_mode("slow", delay=15)
        started = time.monotonic()
        outcome, _biometrics = self._verify()
        elapsed = time.monotonic() - started
        self.assertEqual(outcome["reason"], "unavailable")
        self.assertLess(elapsed, self.timeout_total + 4)
        attempt = self.env["g2p.biometric.attempt"].browse(outcome["attempt_id"])
        self.assertLess(attempt.duration_ms, (self.timeout_total + 1) * 1000)

    def test_badly_signed_answer_is_not_trusted(self):
        self.ida.set_mode("bad-signature")
        outcome, _biometrics = self._verify()
        self.assertEqual(outcome["reason"], "bad_response")
        self.reg_id.invalidate_recordset()
        self.assertFalse(self.reg_id.is_verified)

    def test_captures_stop_after_the_configured_number_of_attempts(self):
        self.env["ir.config_parameter"].sudo().set_param("g2p_portal_biometric.max_attempts", "2")
        self.sbi.present(KOFI_ID, quality=85)
        for _ in range(2):
            outcome, _biometrics = self._verify()
            self.assertEqual(outcome["result"], "no_match")
        self.assertEqual(self.ok("/g2p_biometric/transaction", reg_id_id=self.reg_id.id)["attempts_left"], 0)
        self.sbi.present(AMINA_ID, quality=85)
        outcome, _biometrics = self._verify()
        self.assertEqual(outcome["reason"], "too_many")
        self.assertFalse(outcome["matched"])
