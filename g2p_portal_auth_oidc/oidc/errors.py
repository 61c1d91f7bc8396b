# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
class OIDCError(Exception):
    """A sign-in step failed. ``reason`` is a short machine code for logs and for the
    page shown to the person; ``detail`` is for operators only (never shown)."""

    def __init__(self, reason, detail=""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
