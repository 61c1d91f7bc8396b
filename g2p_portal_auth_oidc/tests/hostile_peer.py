# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A misbehaving HTTP peer for the tests: answers each path with what a test sets (any
status, headers and body, or a function that writes slowly), and records the requests."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass  # quiet

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        peer = self.server.peer
        peer.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
        route = peer.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if callable(route):
            route(self)
            return
        status, content_type, payload = route
        payload = payload.encode() if isinstance(payload, str) else payload
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer


def trickle_body(interval=0.5, total=60):
    """A route that sends its headers, then one byte of body every ``interval`` seconds."""

    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(total))
        handler.end_headers()
        with contextlib.suppress(OSError):  # the client hung up, as it should
            for _i in range(total):
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(interval)

    return route


def trickle_headers(interval=0.5, count=120):
    """A route that never finishes its headers: one header byte every ``interval`` seconds."""

    def route(handler):
        with contextlib.suppress(OSError):
            handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            for _i in range(count):
                handler.wfile.write(b"a")
                handler.wfile.flush()
                time.sleep(interval)

    return route


class HostilePeer:
    def __init__(self):
        self.routes = {}
        self.requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.peer = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
