# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The rules of portal form conditions, on the server.

``static/src/js/form_conditions.js`` implements exactly these rules for the browser; both
are tested against ``tests/condition_cases.json``.
"""

_TRUE = {"yes", "true", "1", "on"}
_FALSE = {"no", "false", "0", "off"}

# Field types whose answer a condition may test, and how (see ``condition_matches``).
CONDITION_TYPES = (
    "char",
    "text",
    "number",
    "email",
    "phone",
    "selection",
    "multi_selection",
    "boolean",
    "declaration",
)


def yes_no(value):
    """``"yes"``, ``"no"`` or ``""`` for a yes/no answer, however it was written."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    text = str(value if value is not None else "").strip().lower()
    if text in _TRUE:
        return "yes"
    if text in _FALSE:
        return "no"
    return ""


def condition_matches(ftype, answer, expected):
    """Whether ``answer`` (of a field of type ``ftype``) satisfies a condition expecting
    ``expected``. The one definition of conditions: ``static/src/js/form_conditions.js``
    implements exactly these rules for the browser, and both are tested against
    ``tests/condition_cases.json``.

    - no answer never matches;
    - yes/no: both sides read as yes or no (``Yes``, ``true``, ``on``, ``1`` … are yes);
    - declaration: ticked is yes;
    - multiple choice: the expected value is among the chosen ones;
    - number: numerically equal;
    - anything else: equal once surrounding spaces are removed.
    """
    expected = str(expected if expected is not None else "").strip()
    if answer is None or answer == "" or answer == [] or answer is False and ftype != "boolean":
        return False
    if ftype == "boolean":
        return yes_no(answer) != "" and yes_no(answer) == yes_no(expected)
    if ftype == "declaration":
        return yes_no(answer) != "no" and yes_no(expected) == "yes"
    if ftype == "multi_selection":
        values = answer if isinstance(answer, list) else [answer]
        return expected in [str(v).strip() for v in values]
    if ftype == "number":
        try:
            return float(str(answer).strip()) == float(expected)
        except ValueError:
            return False
    return str(answer).strip() == expected
