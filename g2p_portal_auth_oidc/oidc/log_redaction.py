# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Keeps authorization codes out of the access log.

werkzeug logs every request line, query string included: the callback's ``code`` (and
``state``) would sit in the log for anyone who reads it. A filter on the werkzeug logger
redacts them from the callback's request line; nothing else is touched."""

import logging
import re

_SECRET_PARAMS = re.compile(r"([?&](?:code|state|session_state)=)[^&\s\"]*")
CALLBACK_MARK = "/auth_oidc/callback"


def redact(text):
    if not isinstance(text, str) or CALLBACK_MARK not in text:
        return text
    return _SECRET_PARAMS.sub(r"\1[redacted]", text)


class RedactCallbackSecrets(logging.Filter):
    def filter(self, record):
        record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) for a in record.args)
        return True


def install(logger_name="werkzeug"):
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, RedactCallbackSecrets) for f in logger.filters):
        logger.addFilter(RedactCallbackSecrets())
