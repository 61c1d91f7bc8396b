# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import G2PRegistryCase

VIEWER = "g2p_registry.group_g2p_registry_viewer"
OFFICER = "g2p_registry.group_g2p_registry_officer"
MANAGER = "g2p_registry.group_g2p_program_manager"
ADMIN = "g2p_registry.group_g2p_admin"


@tagged("post_install", "-at_install")
class TestAccessRights(G2PRegistryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain_user = new_test_user(cls.env, login="g2p_plain", groups="base.group_user")
        cls.viewer = new_test_user(cls.env, login="g2p_viewer", groups=f"base.group_user,{VIEWER}")
        cls.officer = new_test_user(cls.env, login="g2p_officer", groups=f"base.group_user,{OFFICER}")
        cls.manager = new_test_user(cls.env, login="g2p_manager", groups=f"base.group_user,{MANAGER}")
        cls.admin = new_test_user(cls.env, login="g2p_admin", groups=f"base.group_user,{ADMIN}")
        cls.person = cls._individual("Adama", "Cisse")
        cls.person_id = cls.RegId.create(
            {"partner_id": cls.person.id, "id_type": cls.national_id.id, "value": "5550001112"}
        )
        cls.phone = cls.env["g2p.phone.number"].create(
            {"partner_id": cls.person.id, "phone_no": "+221 70 000 00 00"}
        )
        # An ordinary contact that is not a registrant, e.g. a supplier with a tax ID.
        cls.contact = cls.Partner.create({"name": "Supplier Ltd"})
        cls.contact_id = cls.RegId.create(
            {"partner_id": cls.contact.id, "id_type": cls.voter_id.id, "value": "SUPPLIER-1"}
        )

    def test_groups_imply_each_other(self):
        self.assertTrue(self.admin.has_group(MANAGER))
        self.assertTrue(self.admin.has_group(OFFICER))
        self.assertTrue(self.manager.has_group(VIEWER))
        self.assertFalse(self.officer.has_group(MANAGER))
        self.assertFalse(self.viewer.has_group(OFFICER))

    def test_plain_internal_user_cannot_read_registry_data(self):
        for model in ("g2p.reg.id", "g2p.phone.number", "g2p.group.membership", "g2p.verified.field"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.plain_user).search([])
        with self.assertRaises(AccessError):
            self.person_id.with_user(self.plain_user).read(["value"])

    def test_viewer_reads_but_cannot_write(self):
        person = self.person.with_user(self.viewer)
        self.assertEqual(person.reg_ids.value, "5550001112")
        self.assertEqual(person.phone_number_ids.phone_no, "+221 70 000 00 00")
        self.assertTrue(self.env["g2p.id.type"].with_user(self.viewer).search([]))
        with self.assertRaises(AccessError):
            self.person_id.with_user(self.viewer).write({"status": "revoked"})
        with self.assertRaises(AccessError):
            self.RegId.with_user(self.viewer).create(
                {"partner_id": self.person.id, "id_type": self.ssn.id, "value": "V-1"}
            )
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.viewer).create({"name": "New", "is_registrant": True})

    def test_officer_registers_people_and_ids(self):
        env = self.env(user=self.officer)
        person = env["res.partner"].create(
            {"is_registrant": True, "given_name": "Binta", "family_name": "Sarr"}
        )
        reg_id = env["g2p.reg.id"].create(
            {"partner_id": person.id, "id_type": self.national_id.id, "value": "5550001113"}
        )
        env["g2p.phone.number"].create({"partner_id": person.id, "phone_no": "+221 70 111 11 11"})
        household = env["res.partner"].create({"is_registrant": True, "is_group": True, "name": "Sarr"})
        env["g2p.group.membership"].create(
            {"group": household.id, "individual": person.id, "kind": [(6, 0, self.kind_head.ids)]}
        )
        reg_id.action_mark_verified()
        self.assertTrue(reg_id.is_verified)
        self.assertEqual(reg_id.verified_by_id, self.officer)
        self.assertEqual(household.individual_membership_ids.individual, person)

    def test_officer_cannot_manage_configuration_or_delete(self):
        env = self.env(user=self.officer)
        with self.assertRaises(AccessError):
            env["g2p.id.type"].create({"name": "Passport", "code": "PASSPORT"})
        with self.assertRaises(AccessError):
            env["g2p.gender.type"].create({"name": "X", "code": "x"})
        with self.assertRaises(AccessError):
            env["g2p.group.membership.kind"].create({"name": "Cousin", "code": "cousin"})
        with self.assertRaises(AccessError):
            self.national_id.with_user(self.officer).write({"id_validation": r"\d+"})
        with self.assertRaises(AccessError):
            self.person_id.with_user(self.officer).unlink()

    def test_admin_manages_configuration_and_deletes(self):
        env = self.env(user=self.admin)
        id_type = env["g2p.id.type"].create({"name": "Passport", "code": "PASSPORT", "kind": "foundational"})
        env["g2p.gender.type"].create({"name": "X", "code": "x"})
        env["g2p.group.membership.kind"].create({"name": "Cousin", "code": "cousin"})
        id_type.id_validation = r"[A-Z]\d{7}"
        self.person_id.with_user(self.admin).unlink()
        self.assertFalse(self.person_id.exists())

    def test_registry_staff_only_see_ids_of_registrants(self):
        for user in (self.viewer, self.officer, self.manager):
            with self.subTest(user=user.login):
                visible = self.RegId.with_user(user).search([("value", "in", ["5550001112", "SUPPLIER-1"])])
                self.assertEqual(visible, self.person_id)
                with self.assertRaises(AccessError):
                    self.contact_id.with_user(user).read(["value"])
        visible = self.RegId.with_user(self.admin).search([("value", "in", ["5550001112", "SUPPLIER-1"])])
        self.assertEqual(visible, self.person_id | self.contact_id)

    def test_officer_cannot_attach_ids_to_non_registrants(self):
        with self.assertRaises(AccessError):
            self.RegId.with_user(self.officer).create(
                {"partner_id": self.contact.id, "id_type": self.ssn.id, "value": "S-1"}
            )
        with self.assertRaises(AccessError):
            self.env["g2p.phone.number"].with_user(self.officer).create(
                {"partner_id": self.contact.id, "phone_no": "+1 555"}
            )

    def test_only_officers_may_record_verification(self):
        # A future group allowed to edit IDs (e.g. registrants on the portal) must still not
        # vouch for them.
        editors = self.env["res.groups"].create({"name": "ID editors"})
        self.env["ir.model.access"].create(
            {
                "name": "ID editors",
                "model_id": self.env.ref("g2p_registry.model_g2p_reg_id").id,
                "group_id": editors.id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
            }
        )
        editor = new_test_user(self.env, login="g2p_editor", groups="base.group_user")
        editor.groups_id = [(4, editors.id)]
        reg_id = self.person_id.with_user(editor)
        reg_id.write({"description": "updated by the registrant"})
        self.assertEqual(self.person_id.description, "updated by the registrant")
        with self.assertRaises(AccessError):
            reg_id.write({"is_verified": True})
        with self.assertRaises(AccessError):
            reg_id._g2p_mark_verified("manual")
        with self.assertRaises(AccessError):
            self.RegId.with_user(editor).create(
                {
                    "partner_id": self.person.id,
                    "id_type": self.ssn.id,
                    "value": "S-2",
                    "is_verified": True,
                    "verification_method": "manual",
                }
            )
        created = self.RegId.with_user(editor).create(
            {"partner_id": self.person.id, "id_type": self.ssn.id, "value": "S-3", "is_verified": False}
        )
        self.assertFalse(created.is_verified)
        self.assertFalse(self.person_id.is_verified)
