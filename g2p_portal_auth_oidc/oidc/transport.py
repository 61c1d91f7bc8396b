# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Outbound HTTP with a bound on the whole call, not on each read.

``requests`` timeouts apply to each socket operation: a peer sending one byte every few
seconds keeps a call (and the Odoo worker and database connection behind it) busy for as
long as it likes. Here every call has a deadline: a watchdog shuts the call's sockets
down when it passes, whatever phase the call is in (connect, headers, body), and the body
is read in chunks up to a size cap. Proxies configured in the environment still apply;
redirects are not followed.
"""

import contextlib
import socket
import threading
import time

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .errors import OIDCError

TOTAL_TIMEOUT = 10
MAX_BYTES = 1024 * 1024
_CHUNK = 8192


class _Watchdog:
    """Remembers the sockets of one call; ``fire`` shuts them all down."""

    def __init__(self):
        self.sockets = []
        self.fired = False
        self.lock = threading.Lock()

    def watch(self, sock):
        with self.lock:
            if self.fired:
                sock.close()
                raise OSError("deadline passed")
            self.sockets.append(sock)
        return sock

    def fire(self):
        with self.lock:
            self.fired = True
            for sock in self.sockets:
                with contextlib.suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)


def _adapter(watchdog):
    class Conn(HTTPConnection):
        def _new_conn(self):
            return watchdog.watch(super()._new_conn())

    class SecureConn(HTTPSConnection):
        def _new_conn(self):
            return watchdog.watch(super()._new_conn())

    class Pool(HTTPConnectionPool):
        ConnectionCls = Conn

    class SecurePool(HTTPSConnectionPool):
        ConnectionCls = SecureConn

    pools = {"http": Pool, "https": SecurePool}

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            manager = super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = pools
            return manager

        def proxy_manager_for(self, *args, **kwargs):
            manager = super().proxy_manager_for(*args, **kwargs)
            manager.pool_classes_by_scheme = pools
            return manager

    return Adapter(max_retries=0)


def bounded_request(method, url, what, *, total=TOTAL_TIMEOUT, max_bytes=MAX_BYTES, **kwargs):
    """(response, body bytes) of one HTTP call that ends within ``total`` seconds and reads
    at most ``max_bytes``; any failure is an OIDCError("provider_unreachable")."""
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        raise OIDCError("configuration", f"{what}: not an http(s) URL")
    deadline = time.monotonic() + total
    watchdog = _Watchdog()
    timer = threading.Timer(total, watchdog.fire)
    timer.daemon = True
    headers = {"Accept-Encoding": "identity", **kwargs.pop("headers", {})}
    session = requests.Session()
    adapter = _adapter(watchdog)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    timer.start()
    try:
        response = session.request(
            method,
            url,
            headers=headers,
            timeout=(total, total),
            stream=True,
            # Following a redirect would read its body unbounded (requests does, to free the
            # connection); providers answer their endpoints directly.
            allow_redirects=False,
            **kwargs,
        )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise OIDCError("provider_error", f"{what} {url}: {declared} bytes, over {max_bytes}")
        chunks, size = [], 0
        while True:
            chunk = response.raw.read(_CHUNK, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise OIDCError("provider_error", f"{what} {url}: over {max_bytes} bytes")
            chunks.append(chunk)
            if time.monotonic() > deadline:
                break
        if watchdog.fired or time.monotonic() > deadline:
            raise OIDCError("provider_unreachable", f"{what} {url}: no complete answer within {total}s")
        return response, b"".join(chunks)
    except OIDCError:
        raise
    except (requests.RequestException, OSError, ValueError) as e:
        if watchdog.fired:
            raise OIDCError(
                "provider_unreachable", f"{what} {url}: no complete answer within {total}s"
            ) from e
        raise OIDCError("provider_unreachable", f"{what} {url}: {type(e).__name__}: {e}") from e
    except urllib3.exceptions.HTTPError as e:
        # urllib3's own errors from the middle of a read (ProtocolError and the like), when
        # the watchdog shuts the socket or the peer misbehaves.
        raise OIDCError("provider_unreachable", f"{what} {url}: {type(e).__name__}") from e
    finally:
        timer.cancel()
        session.close()
