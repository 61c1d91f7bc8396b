# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One HTTP POST with a cap on the WHOLE exchange (connect, send, headers, body) and on the
response size. A watchdog closes the socket at the deadline, so a server that answers slowly,
or trickles its body a few bytes at a time, cannot hold the caller longer than the cap."""

import contextlib
import http.client
import socket
import ssl
import threading
import time
from urllib.parse import urlsplit

from .errors import IdaBadResponse, IdaError, IdaUnavailable


def post(url, body, headers, timeout_total, max_response_bytes, verify_tls=True, ca_pem=None):
    """``(status, headers dict with lower-case names, body bytes)``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IdaError("the ID service URL must be http(s)://host/...", "configuration")
    deadline = time.monotonic() + timeout_total
    if parts.scheme == "https":
        context = ssl.create_default_context()
        if ca_pem:
            context.load_verify_locations(cadata=ca_pem)
        if not verify_tls:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout_total, context=context)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout_total)
    expired = threading.Event()

    def watchdog():
        expired.set()
        sock = conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(timeout_total, watchdog)
    timer.daemon = True
    timer.start()
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        chunks, size = [], 0
        while True:
            if time.monotonic() >= deadline:
                raise IdaUnavailable(f"no complete answer within {timeout_total:g} s", "timeout")
            chunk = response.read1(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > max_response_bytes:
                raise IdaBadResponse(f"the answer exceeds {max_response_bytes} bytes", "too_large")
            chunks.append(chunk)
        if expired.is_set():
            raise IdaUnavailable(f"no complete answer within {timeout_total:g} s", "timeout")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, b"".join(chunks)
    except IdaError:
        raise
    except ssl.SSLCertVerificationError as e:
        raise IdaUnavailable(f"TLS certificate of the ID service not trusted: {e.verify_message}", "tls")
    except (OSError, http.client.HTTPException) as e:
        if expired.is_set() or time.monotonic() >= deadline:
            raise IdaUnavailable(f"no complete answer within {timeout_total:g} s", "timeout")
        raise IdaUnavailable(f"the ID service cannot be reached ({type(e).__name__})", "unreachable")
    finally:
        timer.cancel()
        conn.close()
