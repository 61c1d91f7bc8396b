# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Runs the real demo OpenID Provider (setup/oidc_provider/server.js) for the tests: a temp
config, a free 127.0.0.1 port, ready when discovery answers, killed afterwards."""

import json
import os
import resource
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

SERVER_JS = Path(__file__).resolve().parents[2] / "setup" / "oidc_provider" / "server.js"


def _lift_memory_limit():
    # Odoo caps its own address space (limit_memory_hard) and children inherit the cap;
    # node reserves far more virtual memory than it uses (WebAssembly), so lift it.
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OidcProviderProcess:
    def __init__(self, clients, jwks=None, **extra):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.config = {"port": self.port, "issuer": self.issuer, "clients": clients, **extra}
        if jwks:
            self.config["jwks"] = jwks
        self.process = None
        self.tmpdir = None

    def start(self, timeout=30):
        node = shutil.which("node")
        if not node:
            raise RuntimeError("node is required to run the test OpenID Provider")
        if not (SERVER_JS.parent / "node_modules" / "oidc-provider").is_dir():
            raise RuntimeError("run `npm ci` in setup/oidc_provider (setup/test does it)")
        self.tmpdir = tempfile.mkdtemp(prefix="g2p-oidc-op-")
        config_path = os.path.join(self.tmpdir, "config.json")
        with open(config_path, "w") as f:
            json.dump(self.config, f)
        self.log = open(os.path.join(self.tmpdir, "op.log"), "w+")
        self.process = subprocess.Popen(
            [node, str(SERVER_JS), "--config", config_path],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=_lift_memory_limit,
        )
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if (
                    requests.get(self.issuer + "/.well-known/openid-configuration", timeout=1).status_code
                    == 200
                ):
                    return self
            except requests.RequestException:
                time.sleep(0.1)  # not listening yet
                continue
            time.sleep(0.1)
        output = self.output()
        self.stop()
        raise RuntimeError(f"the test OpenID Provider did not start:\n{output}")

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.tmpdir:
            self.log.close()
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None
