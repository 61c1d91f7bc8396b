# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exceptions of the IDA client. Messages are for logs and officers: they never contain
biometric data, keys or request bodies."""


class IdaError(Exception):
    """Base class: the ID could not be verified; ``code`` is a short machine-readable reason."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


class IdaUnavailable(IdaError):
    """The ID authentication service did not answer in time (timeout, connection refused,
    HTTP 5xx, total time cap exceeded). Retrying later may work."""


class IdaBadResponse(IdaError):
    """The service answered something we cannot trust: unsigned or badly signed, not JSON,
    wrong shape, another transaction, or larger than the configured cap."""


class IdaBadInput(IdaError):
    """The capture handed to us is malformed or was tampered with (refused before sending)."""
