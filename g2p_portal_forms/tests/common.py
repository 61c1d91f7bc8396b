# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import Command
from odoo.tests import TransactionCase

from ..schema import FormSchema

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
PASSWORD = "forms-test-pass"
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


class G2PFormsMixin:
    """A program with a three-step form using every field type and rule."""

    @classmethod
    def _g2p_setup_forms(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.document_type = cls.env["g2p.document.type"].create(
            {"name": "Test Proof", "code": "TEST_FORMS_PROOF"}
        )
        cls.form = cls.env["g2p.portal.form"].create(
            {
                "name": "Test application",
                "intro": "<p>Welcome to the test form.</p>",
                "step_ids": [
                    Command.create({"sequence": 1, "title": "About you"}),
                    Command.create({"sequence": 2, "title": "Details"}),
                    Command.create({"sequence": 3, "title": "Documents"}),
                ],
            }
        )
        cls.step_you, cls.step_details, cls.step_docs = cls.form.step_ids.sorted("sequence")
        cls.fields = {}
        cls._add(
            cls.step_you,
            "given_name",
            "Given name",
            "char",
            required=True,
            max_length=40,
            storage="profile",
            profile_field="given_name",
        )
        cls._add(
            cls.step_you, "family_name", "Family name", "char", storage="profile", profile_field="family_name"
        )
        cls._add(
            cls.step_you,
            "birthdate",
            "Date of birth",
            "date",
            storage="profile",
            profile_field="birthdate",
            max_value="today",
        )
        cls._add(cls.step_you, "email", "Email", "email", storage="profile", profile_field="email")
        cls._add(cls.step_you, "phone", "Phone", "phone", storage="profile", profile_field="phone")
        cls._add(
            cls.step_you,
            "gender",
            "Gender",
            "selection",
            widget="dropdown",
            storage="profile",
            profile_field="gender",
        )
        cls._add(cls.step_details, "nickname", "Nickname", "char", pattern="[A-Za-z]+", max_length=10)
        cls._add(cls.step_details, "story", "Your story", "text", max_length=50)
        cls._add(
            cls.step_details, "children", "Children", "number", required=True, min_value="0", max_value="10"
        )
        cls._add(
            cls.step_details,
            "start_date",
            "Start date",
            "date",
            min_value="2020-01-01",
            max_value="2030-12-31",
        )
        cls._add(cls.step_details, "contact_email", "Contact email", "email")
        cls._add(cls.step_details, "contact_phone", "Contact phone", "phone")
        cls._add(
            cls.step_details,
            "color",
            "Favourite colour",
            "selection",
            required=True,
            widget="radio",
            option_ids=[
                Command.create({"value": "red", "label": "Red"}),
                Command.create({"value": "blue", "label": "Blue"}),
            ],
        )
        cls._add(
            cls.step_details,
            "foods",
            "Foods",
            "multi_selection",
            min_value="1",
            max_value="2",
            option_ids=[Command.create({"value": v, "label": v.title()}) for v in ("rice", "beans", "oil")],
        )
        cls._add(cls.step_details, "has_pet", "Do you have a pet?", "boolean", required=True)
        cls._add(cls.step_details, "pet_name", "Pet name", "char", required=True, default_value="Rex")
        cls.fields["pet_name"].write(
            {"visible_if_field_id": cls.fields["has_pet"].id, "visible_if_value": "yes"}
        )
        cls._add(
            cls.step_docs,
            "proof",
            "Proof of residence",
            "file",
            required=True,
            allowed_mimetypes="application/pdf,image/png",
            max_size_mb=0.01,
            document_type_id=cls.document_type.id,
        )
        cls.program = cls.env["g2p.program"].create(
            {
                "name": "Test Forms Program",
                "portal_form_id": cls.form.id,
                "allow_multiple_applications": True,
                "publication_state": "published",
            }
        )

    @classmethod
    def _add(cls, step, name, label, ftype, **vals):
        cls.fields[name] = cls.env["g2p.portal.form.field"].create(
            dict(
                {
                    "form_id": step.form_id.id,
                    "step_id": step.id,
                    "sequence": len(cls.fields) + 1,
                    "name": name,
                    "label": label,
                    "field_type": ftype,
                },
                **vals,
            )
        )
        return cls.fields[name]

    @classmethod
    def _registrant(cls, given="Ada", family="Lovelace", login=None, **vals):
        partner = cls.env["res.partner"].create(
            dict({"is_registrant": True, "given_name": given, "family_name": family}, **vals)
        )
        if login:
            cls.env["res.users"].with_context(no_reset_password=True).create(
                {
                    "login": login,
                    "password": PASSWORD,
                    "partner_id": partner.id,
                    "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
                }
            )
        return partner

    def _schema(self):
        return FormSchema(self.env, self.form.current_version_id.schema)

    @staticmethod
    def _person_step():
        return {
            "given_name": ["Ada"],
            "family_name": ["Lovelace"],
            "birthdate": ["1990-05-01"],
            "email": ["ada@example.com"],
            "phone": ["+221 77 000 00 00"],
            "gender": ["female"],
        }

    @staticmethod
    def _details_step(**overrides):
        data = {
            "nickname": ["Ada"],
            "story": ["Short story"],
            "children": ["2"],
            "start_date": ["2024-01-15"],
            "contact_email": ["c@example.com"],
            "contact_phone": ["+221 70 000 00 00"],
            "color": ["blue"],
            "foods": ["rice", "oil"],
            "has_pet": ["no"],
        }
        data.update(overrides)
        return data

    def _fill_draft(self, draft, proof=PDF_BYTES):
        """Fills every step of ``draft`` with valid answers; returns the errors of each step."""
        return [
            draft._g2p_save_step(0, self._person_step(), {}, move=1),
            draft._g2p_save_step(1, self._details_step(), {}, move=1),
            draft._g2p_save_step(2, {}, {"proof": ("proof.pdf", proof)} if proof else {}, move=0),
        ]


class G2PFormsCase(G2PFormsMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._g2p_setup_forms()
