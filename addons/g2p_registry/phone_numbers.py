# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Phone numbers checked with Google's libphonenumber rules for the registry's country."""

import phonenumbers


def registry_country_code(env, partner=None):
    """The country whose numbering plan applies: the person's, else the registry's company."""
    country = (partner and partner.country_id) or env.company.country_id
    return country.code if country else None


def normalized_phone(raw, country_code):
    """``raw`` in international format when it is a valid number, else None.

    A number without a leading + is read in the ``country_code`` numbering plan."""
    text = " ".join(str(raw or "").split())
    if not text or sum(c.isdigit() for c in text) < 4:
        return None
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else country_code)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
