"""Runs the SBI device simulator (``setup/sbi_simulator/server.py``) as a subprocess, for the
tests and for ``setup/run``.

Usage (any test, Odoo's or plain pytest)::

    import sys
    sys.path.insert(0, "<repo>/setup")          # or load this file by path
    from sbi_simulator.process import SbiSimulatorProcess

    with SbiSimulatorProcess(ida_certificate=ida.encryption_certificate_path) as sbi:
        sbi.port            # a free port in 4501-4600 (the server picks the first free one)
        sbi.base_url        # "http://127.0.0.1:<port>"
        sbi.present("1234567890", quality=80)     # who is in front of the device now
        sbi.call("MOSIPDISC", "/device", {"type": "Biometric Device"})
        sbi.device_ca_path  # the device provider CA certificate (PEM) the ID service trusts

``profile`` is a dict (see README.md, "Profile") or a path to a JSON file; ``None`` uses the
demo profile ``profile.json``. ``state_dir`` keeps the generated CA and device keys between runs
(default: a temporary directory removed afterwards). ``ida_certificate`` is the path of the ID
authentication service's encryption certificate (PEM) that CAPTURE encrypts for; it is read at
each capture, so it may appear after the simulator started.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
SETUP = HERE.parent
if str(SETUP) not in sys.path:
    sys.path.insert(0, str(SETUP))


class SimulatorProcess:
    """Common lifecycle: start ``script`` with ``args``, wait for the port file and ``probe()``,
    terminate on ``stop()``/context exit. Subclasses set ``script`` and ``probe``."""

    script = None
    name = "simulator"

    def __init__(self, state_dir=None, port=None, extra_args=()):
        self.requested_port = port
        self.port = None
        self.base_url = None
        self.process = None
        self._own_state = state_dir is None
        self.tmpdir = tempfile.mkdtemp(prefix=f"g2p-{self.name}-")
        self.state_dir = Path(state_dir) if state_dir else Path(self.tmpdir) / "state"
        self.extra_args = list(extra_args)
        self.log = None

    # -- to override ------------------------------------------------------------------------
    def arguments(self):
        return []

    def probe(self):
        raise NotImplementedError

    # -- lifecycle --------------------------------------------------------------------------
    def start(self, timeout=30):
        port_file = Path(self.tmpdir) / "port"
        args = [sys.executable, str(self.script), "--state-dir", str(self.state_dir)]
        args += ["--port-file", str(port_file)]
        if self.requested_port:
            args += ["--port", str(self.requested_port)]
        args += self.arguments() + self.extra_args
        self.log = open(os.path.join(self.tmpdir, f"{self.name}.log"), "w+")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                break
            if self.port is None and port_file.is_file():
                text = port_file.read_text().strip()
                if text.isdigit():
                    self.port = int(text)
                    self.base_url = f"http://127.0.0.1:{self.port}"
            if self.port is not None:
                try:
                    if self.probe():
                        return self
                except requests.RequestException:
                    pass  # not answering yet
            time.sleep(0.05)
        output = self.output()
        self.stop()
        raise RuntimeError(f"the {self.name} did not start:\n{output}")

    def output(self):
        if not self.log or self.log.closed:
            return ""
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
        if self.log and not self.log.closed:
            self.log.close()
        if self.tmpdir:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _write_json(self, name, data):
        path = Path(self.tmpdir) / name
        path.write_text(json.dumps(data))
        return path


class SbiSimulatorProcess(SimulatorProcess):
    script = HERE / "server.py"
    name = "sbi-simulator"

    def __init__(self, profile=None, port=None, state_dir=None, ida_certificate=None, extra_args=()):
        super().__init__(state_dir=state_dir, port=port, extra_args=extra_args)
        self.profile = profile
        self.ida_certificate = ida_certificate

    @property
    def device_ca_path(self):
        """PEM of the device provider CA (generated at first start in the state dir)."""
        return self.state_dir / "device-ca.crt"

    def arguments(self):
        args = []
        if isinstance(self.profile, dict):
            args += ["--profile", str(self._write_json("profile.json", self.profile))]
        elif self.profile:
            args += ["--profile", str(self.profile)]
        if self.ida_certificate:
            args += ["--ida-certificate", str(self.ida_certificate)]
        return args

    def probe(self):
        return self.call("MOSIPDISC", "/device", {"type": "Biometric Device"}, timeout=1).status_code == 200

    def call(self, verb, path, body=None, timeout=10, headers=None):
        """One HTTP request with any verb (MOSIPDISC, MOSIPDINFO, CAPTURE, RCAPTURE...)."""
        data = json.dumps(body) if body is not None else None
        return requests.request(verb, self.base_url + path, data=data, timeout=timeout, headers=headers or {})

    def present(self, individual_id=None, quality=None, device_id=None):
        """Simulator only: who is in front of the device (``None`` = nobody, captures fail with
        error 101), with an optional quality (0-100) overriding the profile's."""
        body = {"individualId": individual_id, "quality": quality}
        if device_id:
            body["deviceId"] = device_id
        response = requests.post(self.base_url + "/_sim/present", json=body, timeout=5)
        response.raise_for_status()
        return response.json()

    def set_device(self, device_id, **changes):
        """Simulator only: change a device at run time (``status``, ``error``, ``delay_ms``...)."""
        response = requests.post(
            self.base_url + "/_sim/device", json={"deviceId": device_id, **changes}, timeout=5
        )
        response.raise_for_status()
        return response.json()
