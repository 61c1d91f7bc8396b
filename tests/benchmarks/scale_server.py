"""An Odoo server run as a subprocess for the scale benchmark, and its request log.

Odoo logs one werkzeug line per request with the SQL query count and time
(``"GET /my HTTP/1.1" 200 - 45 0.031 0.120``): the benchmark reads them from here.
"""

import os
import re
import socket
import subprocess
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
ODOO_SRC = Path(os.environ.get("ODOO_SRC", Path.home() / ".cache/odoo/17.0"))
PYTHON = ROOT / ".venv/bin/python"
LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) \S+ (?P<queries>\d+) (?P<qtime>[\d.]+) (?P<other>[\d.]+)'
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def route_key(path):
    """/my/applications/123?x → /my/applications/<id>: one row per route."""
    path = path.split("?", 1)[0]
    return re.sub(r"/\d+(?=/|$)", "/<id>", path)


class OdooServer:
    def __init__(self, db, workers, addons_path=None, extra=()):
        self.db, self.workers, self.port = db, workers, free_port()
        self.addons_path = addons_path or f"{ODOO_SRC / 'odoo/addons'},{ROOT / 'addons'},{ROOT}"
        self.extra = list(extra)
        self.queries = defaultdict(list)  # route key -> query counts
        self.errors = []
        self.lock = threading.Lock()
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        cmd = [
            str(PYTHON), str(ODOO_SRC / "odoo-bin"), "-c", str(ROOT / "odoo.conf"),
            f"--addons-path={self.addons_path}", "-d", self.db, f"--db-filter=^{self.db}$",
            f"--http-port={self.port}", f"--workers={self.workers}", "--max-cron-threads=0",
            "--log-level=info", "--limit-time-real=600", "--limit-time-cpu=600",
            f"--gevent-port={free_port()}", *self.extra,
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, bufsize=1
        )
        threading.Thread(target=self._read_log, daemon=True).start()
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/web/login", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"Odoo exited: {self.errors[-5:]}")
            time.sleep(0.5)
        raise RuntimeError("Odoo did not answer within 180 s")

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def _read_log(self):
        for line in self.proc.stderr:
            match = LINE.search(line)
            if match:
                with self.lock:
                    self.queries[(match["method"], route_key(match["path"]))].append(int(match["queries"]))
            elif " ERROR " in line or "Traceback" in line:
                self.errors.append(line.strip())

    def reset(self):
        with self.lock:
            self.queries.clear()

    def query_counts(self, method, path):
        with self.lock:
            return list(self.queries.get((method, route_key(path)), []))

    def worker_rss_mb(self):
        """Resident memory of the server's processes (master and workers), in MB."""
        result = []
        for pid in [self.proc.pid, *children(self.proc.pid)]:
            try:
                with open(f"/proc/{pid}/status") as status:
                    for line in status:
                        if line.startswith("VmRSS:"):
                            result.append(int(line.split()[1]) / 1024)
            except OSError:
                pass
        return result


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []
