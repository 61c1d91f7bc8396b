class OIDCError(Exception):
    """A sign-in step failed. ``reason`` is a short machine code for logs and for the
    page shown to the person; ``detail`` is for operators only (never shown)."""

    def __init__(self, reason, detail=""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
