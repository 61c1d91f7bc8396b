#!/usr/bin/env python3
"""Simulator of a MOSIP SBI 0.9.5 device service (demo and tests only; see README.md).

    python setup/sbi_simulator/server.py [--port N] [--profile profile.json]
        [--state-dir DIR] [--ida-certificate ida-encryption.crt] [--port-file FILE]

Listens on 127.0.0.1, on --port or the first free port of 4501-4600, and answers
MOSIPDISC /device, MOSIPDINFO /info, CAPTURE /capture, RCAPTURE /capture, STREAM /stream,
CORS preflights, and the simulator-only admin endpoints under /_sim/.
"""

import argparse
import io
import json
import socket
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from sbi_simulator.device import SPEC_VERSION, Simulator  # noqa: E402

PORTS = range(4501, 4601)
MAX_BODY = 64 * 1024
METHODS = "OPTIONS, MOSIPDISC, MOSIPDINFO, CAPTURE, RCAPTURE, STREAM, GET, POST"


class Handler(BaseHTTPRequestHandler):
    server_version = "G2P-SBI-Simulator/" + SPEC_VERSION
    protocol_version = "HTTP/1.1"

    @property
    def sim(self):
        return self.server.simulator

    def log_message(self, format, *args):
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(), format % args))

    # -- plumbing ---------------------------------------------------------------------------
    def _cors(self):
        self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
        self.send_header("Vary", "Origin")
        self.send_header("Access-Control-Allow-Methods", METHODS)
        self.send_header(
            "Access-Control-Allow-Headers",
            self.headers.get("Access-Control-Request-Headers") or "Content-Type, Accept, EXT",
        )
        self.send_header("Access-Control-Allow-Private-Network", "true")
        self.send_header("Access-Control-Max-Age", "600")

    def _send(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self._cors()
        self.send_header("Cache-Control", "no-store")
        self.send_header("Location", self.sim.base_url)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self):
        """The JSON body, ``None`` when empty; raises ValueError when unreadable."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            raise ValueError("bad Content-Length")
        if length < 0 or length > MAX_BODY:
            self.close_connection = True  # the body stays unread
            raise ValueError("body too large")
        raw = self.rfile.read(length) if length else b""
        if not raw.strip():
            return None
        return json.loads(raw)

    def _path(self):
        return self.path.split("?", 1)[0].rstrip("/") or "/"

    # -- CORS preflight ---------------------------------------------------------------------
    def do_OPTIONS(self):
        self.send_response(204)
        self._cors()
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- SBI verbs --------------------------------------------------------------------------
    def do_MOSIPDISC(self):
        if self._path() != "/device":
            return self._send(404, {"error": "MOSIPDISC is served on /device"})
        try:
            body = self._body()
        except ValueError:
            body = {"type": None}
        if body is None:
            body = {}  # no body: any biometric device
        self._send(200, self.sim.discover(body if isinstance(body, dict) else {"type": None}))

    def do_MOSIPDINFO(self):
        if self._path() != "/info":
            return self._send(404, {"error": "MOSIPDINFO is served on /info"})
        try:
            self._body()
        except ValueError:
            pass  # the request body is "NA" in the spec
        self._send(200, self.sim.info())

    def _do_capture(self, registration):
        if self._path() != "/capture":
            return self._send(404, {"error": "captures are served on /capture"})
        try:
            body = self._body()
        except ValueError:
            body = None
        self._send(200, self.sim.capture(body, registration=registration))

    def do_CAPTURE(self):
        self._do_capture(False)

    def do_RCAPTURE(self):
        self._do_capture(True)

    def do_STREAM(self):
        """M-JPEG preview (spec: >= 3 frames per second) of generated frames, for a few seconds."""
        try:
            body = self._body() or {}
            device = self.sim.devices.get(str(body.get("deviceId")))
        except (ValueError, AttributeError):
            device = None
        if not device or device["purpose"] != "Registration":
            return self._send(200, {"error": {"errorCode": "202", "errorInfo": "No Device Connected."}})
        self.send_response(200)
        self._cors()
        self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seconds = min(float(self.sim.profile.get("streamSeconds", 3)), 30)
        for i in range(int(seconds * 5)):
            frame = _jpeg_frame(i, device["deviceId"])
            try:
                self.wfile.write(b"--frame\r\nContent-Type: image/jpeg\r\n")
                self.wfile.write(b"Content-Length: %d\r\n\r\n" % len(frame) + frame + b"\r\n")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.2)

    # -- simulator-only admin ---------------------------------------------------------------
    def do_GET(self):
        if self._path() == "/_sim/state":
            return self._send(200, self.sim.state())
        self._send(404, {"error": "not found"})

    def do_POST(self):
        path = self._path()
        try:
            body = self._body() or {}
            if not isinstance(body, dict):
                raise ValueError("a JSON object is expected")
            if path == "/_sim/present":
                return self._send(
                    200, self.sim.present(body.get("individualId"), body.get("quality"), body.get("deviceId"))
                )
            if path == "/_sim/device":
                return self._send(200, self.sim.set_device(str(body.get("deviceId")), body))
        except (ValueError, KeyError) as e:
            return self._send(400, {"error": str(e)})
        except Exception as e:
            return self._send(400, {"error": f"{type(e).__name__}: {e}"})
        self._send(404, {"error": "not found"})


def _jpeg_frame(index, label):
    try:
        from PIL import Image, ImageDraw
    except ImportError:  # a 1x1 grey JPEG when Pillow is missing
        return bytes.fromhex(
            "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912"
            "130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001"
            "000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303"
            "020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282"
            "090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a73747576"
            "7778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9ca"
            "d2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9"
        )
    image = Image.new("RGB", (160, 120), (40 + index * 10 % 200, 60, 90))
    ImageDraw.Draw(image).text((8, 50), f"{label} #{index}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


def bind(port):
    """A listening server on 127.0.0.1: ``port``, or the first free port of 4501-4600."""
    for candidate in [port] if port else PORTS:
        try:
            return ThreadingHTTPServer(("127.0.0.1", candidate), Handler)
        except OSError:
            continue
    raise SystemExit(f"no free port among {'%s' % port if port else '4501-4600'}")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, help="default: the first free port in 4501-4600")
    parser.add_argument("--profile", default=str(HERE / "profile.json"))
    parser.add_argument("--state-dir", default=str(HERE.parent.parent / ".state" / "sbi-simulator"))
    parser.add_argument("--ida-certificate", help="the ID service encryption certificate (PEM)")
    parser.add_argument("--port-file", help="write the chosen port there once listening")
    args = parser.parse_args(argv)
    profile = json.loads(Path(args.profile).read_text())
    server = bind(args.port)
    server.daemon_threads = True
    port = server.server_address[1]
    server.simulator = Simulator(profile, args.state_dir, args.ida_certificate, f"http://127.0.0.1:{port}")
    if args.port_file:
        Path(args.port_file).write_text(str(port))
    print(f"SBI simulator on http://127.0.0.1:{port} (state in {args.state_dir})", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    socket.setdefaulttimeout(60)
    main()
