#!/usr/bin/env python3
"""Simulator of MOSIP's ID Authentication (IDA) auth API 1.2, for the demo and the tests only
(see README.md).

    python setup/ida_simulator/server.py [--port N] [--state-dir DIR] [--identities FILE]
        [--device-ca device-ca.crt ...] [--mode normal|slow|down|...] [--delay SECONDS]

POST /idauthentication/v1/auth/<MISP-LicenseKey>/<Auth-Partner-ID>/<Partner-Api-Key>
checks the request (partner, signature, thumbprint, encryption, HMAC, device signatures, hash
chain, transaction, freshness) and answers match / no match per demo identity, signed in the
``response-signature`` header. Simulator-only endpoints live under /_sim/.
"""

import argparse
import json
import os
import re
import secrets
import ssl
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from sbi_simulator import crypto  # noqa: E402

from ida_simulator import checks  # noqa: E402

AUTH_PREFIX = "/idauthentication/v1/auth/"
KYC_PREFIX = "/idauthentication/v1/kyc/"
MAX_BODY = 256 * 1024
MODES = {"normal", "slow", "down", "bad-signature", "unsigned", "huge", "trickle"}


class Keys:
    """The service's key material (generated at first start in the state dir)."""

    def __init__(self, state_dir, device_ca_paths):
        state = Path(state_dir)
        self.encryption_key, self.encryption_cert = crypto.load_or_create_pair(
            state, "ida-encryption", "G2P demo IDA encryption"
        )
        self.signing_key, self.signing_cert = crypto.load_or_create_pair(
            state, "ida-signing", "G2P demo IDA signing"
        )
        self.partner_key, self.partner_cert = crypto.load_or_create_pair(
            state, "partner-demo", "g2p-demo-partner"
        )
        partner_file = state / "partner-demo.json"
        if not partner_file.is_file():
            partner_file.write_text(
                json.dumps(
                    {
                        "partnerId": "g2p-demo-partner",
                        "mispLicenseKey": "demo-misp-" + secrets.token_hex(8),
                        "apiKey": "demo-api-" + secrets.token_hex(8),
                        "domainUri": "https://ida.g2p-demo.example",
                        "env": "Developer",
                    },
                    indent=2,
                )
            )
        self.partner = json.loads(partner_file.read_text())
        self.device_ca_paths = [Path(p) for p in device_ca_paths]
        self.rogue_key = crypto.new_key()
        self.rogue_cert = crypto.issue_cert("rogue", self.rogue_key)

    def device_cas(self):
        """Read at each request: the device simulator may create its CA after we started."""
        return [crypto.load_cert(p.read_bytes()) for p in self.device_ca_paths if p.is_file()]


class Handler(BaseHTTPRequestHandler):
    server_version = "G2P-IDA-Simulator/1.2"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        """The request line only (never a body), with the license and API keys masked."""
        line = re.sub(r"(/idauthentication/v1/(auth|kyc)/)\S*", r"\1***", format % args)
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(), line))

    def _send(self, status, body, headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _read(self, limit=MAX_BODY):
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self.close_connection = True
            return None
        if length < 0 or length > limit:
            self.close_connection = True  # the body stays unread
            return None
        return self.rfile.read(length)

    # -- simulator-only -----------------------------------------------------------------------
    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/_sim/health":
            return self._send(
                200, {"status": "up", "mode": self.server.mode, "authRequests": self.server.auth_requests}
            )
        if path == "/_sim/partner":
            keys = self.server.keys
            return self._send(
                200,
                {
                    **keys.partner,
                    "privateKeyPem": crypto.key_pem(keys.partner_key),
                    "certificatePem": crypto.cert_pem(keys.partner_cert),
                },
            )
        if path == "/_sim/certificates":
            keys = self.server.keys
            return self._send(
                200,
                {
                    "encryptionCertificatePem": crypto.cert_pem(keys.encryption_cert),
                    "signingCertificatePem": crypto.cert_pem(keys.signing_cert),
                },
            )
        self._send(404, {"error": "not found"})

    def do_POST(self):
        path = self.path.split("?")[0]
        if path == "/_sim/mode":
            try:
                body = json.loads(self._read() or b"{}")
                mode = body["mode"]
                if mode not in MODES:
                    raise ValueError(f"mode must be one of {sorted(MODES)}")
                self.server.mode = mode
                self.server.delay = float(body.get("delay", self.server.delay))
            except (ValueError, KeyError, TypeError) as e:
                return self._send(400, {"error": str(e)})
            return self._send(200, {"mode": self.server.mode, "delay": self.server.delay})
        if path.startswith(AUTH_PREFIX):
            return self._auth(path[len(AUTH_PREFIX) :])
        if path.startswith(KYC_PREFIX):
            return self._auth(path[len(KYC_PREFIX) :], kyc=True)
        self._send(404, {"error": "not found"})

    # -- the auth API ---------------------------------------------------------------------------
    def _auth(self, rest, kyc=False):
        with self.server.lock:
            self.server.auth_requests += 1
        mode = self.server.mode
        if mode == "down":
            return self._send(503, {"error": "service unavailable (simulated outage)"})
        if mode == "slow":
            time.sleep(self.server.delay)
        body = self._read()
        transaction_id = identity = None
        try:
            if body is None:
                raise checks.Refused("IDA-MLC-009", "request")
            try:
                transaction_id = json.loads(body).get("transactionID")
            except (ValueError, AttributeError):
                transaction_id = None
            parts = rest.split("/")
            if len(parts) != 3:
                raise checks.Refused("IDA-MPA-009")
            keys = self.server.keys
            checks.check_partner(keys, *parts)
            checks.check_signature(keys, self.headers.get("signature"), body)
            api_id = "mosip.identity.kyc" if kyc else "mosip.identity.auth"
            identity, values = checks.check_request(keys, body, self.server.identities, api_id=api_id)
            refusal = checks.match(identity, values)
        except checks.Refused as e:
            refusal = e
        except Exception as e:
            sys.stderr.write(f"unexpected {type(e).__name__} while checking a request\n")
            refusal = checks.Refused("IDA-MLC-007")
        transaction_id = transaction_id if isinstance(transaction_id, str) else None
        if kyc:
            kyc_response = checks.kyc_response(self.server.keys, identity if refusal is None else None)
            return self._answer(transaction_id, refusal, "mosip.identity.kyc", kyc_response)
        self._answer(transaction_id, refusal)

    def _answer(self, transaction_id, refusal, api_id="mosip.identity.auth", payload=None):
        response = {
            "id": api_id,
            "version": "1.0",
            "responseTime": crypto.now_iso(),
            "transactionID": transaction_id,
            "response": payload
            or {
                "authStatus": refusal is None,
                "authToken": str(uuid.uuid4()) if refusal is None else None,
            },
            "errors": None
            if refusal is None
            else [{"errorCode": refusal.code, "errorMessage": str(refusal)}],
        }
        mode = self.server.mode
        if mode == "huge":
            response["padding"] = "x" * (1024 * 1024)
        body = json.dumps(response).encode()
        keys = self.server.keys
        key, cert = (
            (keys.rogue_key, keys.rogue_cert)
            if mode == "bad-signature"
            else (keys.signing_key, keys.signing_cert)
        )
        signature = crypto.jws_sign(body, key, [cert], detached=True)
        if mode == "unsigned":
            return self._send(200, body)
        if mode != "trickle":
            return self._send(200, body, {"response-signature": signature})
        # Status line, headers and body a few bytes at a time: every read is quick, the whole is slow.
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nresponse-signature: {signature}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        raw = head + body
        self.close_connection = True
        for i in range(0, len(raw), 16):
            try:
                self.wfile.write(raw[i : i + 16])
                self.wfile.flush()
            except OSError:
                return
            time.sleep(max(self.server.delay, 0.05) / 10)


def write_client_config(keys, state_dir, base_url):
    """``<state>/client-config.json``: everything a client (Odoo's adapter, ``IdaConfig``) needs
    to speak to this simulator as the demo partner — demo secrets, in the git-ignored state."""
    config = {
        "endpoint_url": base_url + AUTH_PREFIX.rstrip("/"),
        "misp_license_key": keys.partner["mispLicenseKey"],
        "partner_id": keys.partner["partnerId"],
        "api_key": keys.partner["apiKey"],
        "partner_private_key_pem": crypto.key_pem(keys.partner_key),
        "partner_certificate_pem": crypto.cert_pem(keys.partner_cert),
        "ida_certificate_pem": crypto.cert_pem(keys.encryption_cert),
        "ida_signing_certificate_pem": crypto.cert_pem(keys.signing_cert),
        "domain_uri": keys.partner["domainUri"],
        "env": keys.partner["env"],
    }
    if base_url.startswith("https:"):
        config["tls_ca_pem"] = (state_dir / "ida-tls.crt").read_text()
    path = state_dir / "client-config.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(config, f, indent=2)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument("--state-dir", default=str(HERE.parent.parent / ".state" / "ida-simulator"))
    parser.add_argument("--identities", default=str(HERE / "identities.json"))
    parser.add_argument("--device-ca", action="append", default=[], help="trusted device provider CA (PEM)")
    parser.add_argument("--mode", default="normal", choices=sorted(MODES))
    parser.add_argument("--delay", type=float, default=0.0, help="seconds, for the slow and trickle modes")
    parser.add_argument("--port-file", help="write the chosen port there once listening")
    parser.add_argument("--tls", action="store_true", help="HTTPS with a generated certificate (ida-tls.crt)")
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    if args.tls:
        crypto.load_or_create_pair(args.state_dir, "ida-tls", "127.0.0.1", server_ip="127.0.0.1")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        state = Path(args.state_dir)
        context.load_cert_chain(state / "ida-tls.crt", state / "ida-tls.key")
        server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    server.keys = Keys(args.state_dir, args.device_ca)
    identities = json.loads(Path(args.identities).read_text())["identities"]
    server.identities = {i["individualId"]: i for i in identities}
    server.mode, server.delay = args.mode, args.delay
    server.lock = threading.Lock()
    server.auth_requests = 0
    port = server.server_address[1]
    base_url = f"{'https' if args.tls else 'http'}://127.0.0.1:{port}"
    write_client_config(server.keys, Path(args.state_dir), base_url)
    if args.port_file:
        Path(args.port_file).write_text(str(port))
    print(
        f"IDA simulator on {'https' if args.tls else 'http'}://127.0.0.1:{port} (state in {args.state_dir})",
        flush=True,
    )
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
