# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Per-attempt OpenID state kept in the browser session, single use and short-lived.

Callbacks that verify a person without signing anyone in (closing one's account, an
officer's verification popup) stash the attempt's nonce, PKCE verifier and owner under
its ``state``; the callback takes it back once.
"""

import time


def remember(session, key, state, data, ttl, limit):
    """Stash ``data`` for ``state``, dropping expired attempts and keeping at most ``limit``."""
    now = time.time()
    attempts = {s: a for s, a in (session.get(key) or {}).items() if now - a["at"] < ttl}
    for old in sorted(attempts, key=lambda s: attempts[s]["at"])[: max(0, len(attempts) - limit + 1)]:
        attempts.pop(old)
    attempts[state] = dict(data, at=now)
    session[key] = attempts


def take(session, key, state, ttl, uid):
    """The attempt stashed for ``state`` by user ``uid``, spent whatever happens next;
    None when unknown, used, expired or someone else's."""
    attempts = dict(session.get(key) or {})
    attempt = attempts.pop(state, None) if isinstance(state, str) else None
    session[key] = attempts
    if not attempt or time.time() - attempt["at"] > ttl or attempt["uid"] != uid:
        return None
    return attempt
