# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Provider JWKS cached per process, with refetches on key rotation but no refetch storm.

A token naming a kid that is not in the fetched set triggers one refetch (the provider
may have rotated its keys); the same unknown kid never triggers another until the set is
fetched again for some other reason, and all refetches of one JWKS are limited to
``REFETCH_BUDGET`` per ``REFETCH_WINDOW`` seconds, so a stream of tokens with random
kids costs a few requests a minute, not one each.
"""

import threading
import time

from . import client

MAX_AGE = 3600
REFETCH_WINDOW = 60
REFETCH_BUDGET = 3


class _Entry:
    __slots__ = ("fetched_at", "jwks", "tried", "refetches")

    def __init__(self, jwks):
        self.fetched_at = time.time()
        self.jwks = jwks
        self.tried = set()
        self.refetches = []

    def kids(self):
        return {k.get("kid") for k in self.jwks.get("keys", [])}


_CACHE = {}
_LOCK = threading.Lock()


def forget(prefix):
    """Drop every cached JWKS whose key starts with ``prefix`` (a tuple)."""
    with _LOCK:
        for key in [k for k in _CACHE if k[: len(prefix)] == prefix]:
            _CACHE.pop(key, None)


def getter(cache_key, jwks_uri):
    """get_jwks(refresh, kid=None) for jose: the cached JWKS of ``jwks_uri``."""

    def get_jwks(refresh, kid=None):
        now = time.time()
        with _LOCK:
            entry = _CACHE.get(cache_key)
            if entry and not refresh and now - entry.fetched_at < MAX_AGE:
                return entry.jwks
            if entry and refresh:
                entry.refetches = [t for t in entry.refetches if now - t < REFETCH_WINDOW]
                if kid in entry.kids() or kid in entry.tried or len(entry.refetches) >= REFETCH_BUDGET:
                    return entry.jwks
                entry.refetches.append(now)
                entry.tried.add(kid)
        jwks = client.fetch_jwks(jwks_uri)
        with _LOCK:
            fresh = _Entry(jwks)
            if entry:
                # What was tried and is still missing stays tried; the budget carries over.
                fresh.tried = {k for k in entry.tried if k not in fresh.kids()}
                fresh.refetches = entry.refetches
            _CACHE[cache_key] = fresh
        return jwks

    return get_jwks
