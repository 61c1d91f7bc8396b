"""More than one server: two Odoo nodes behind nginx, one database, one data directory.

Starts two Odoo servers with workers (multi-process mode, each with its websocket
process and the queue_job runner) on free ports, sharing the test database and data
directory, and nginx in front with the shipped configuration (setup/nginx). A
registrant's session works on either node, a document uploaded through one downloads
through the other, jobs enqueued on either node are run, and the websocket processes
stay up. Bounded in time; every process is stopped and every record created removed.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import websocket

import odoo
from odoo import api

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "setup" / "nginx" / "odoo.conf.template"
STARTUP_TIMEOUT = 60
REGISTRANT = ("registrant@example.com", "registrant")
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(cr):
    # Removing the test's records: also those kept as audit records.
    from odoo.addons.g2p_programs.models.workflow_mixin import audit_unlink_context

    return api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, **audit_unlink_context()})


def _fixture_records(db):
    """The demo registrant's application that takes documents, and two job cycles."""
    with odoo.registry(db).cursor() as cr:
        env = _env(cr)
        if "g2p.program.application" not in env or not env["ir.module.module"].search_count(
            [("name", "=", "g2p_self_service_portal"), ("state", "=", "installed")]
        ):
            return None
        user = env["res.users"].search([("login", "=", REGISTRANT[0])], limit=1)
        document_type = env["g2p.document.type"].search([], limit=1)
        if not user or not document_type:
            return None
        program = env["g2p.program"].create(
            {
                "name": "Multi-node test program",
                "publication_state": "published",
                "entitlement_amount": 10.0,
                "required_document_type_ids": [(6, 0, document_type.ids)],
            }
        )
        application = env["g2p.program.application"].create(
            {"program_id": program.id, "partner_id": user.partner_id.id}
        )
        partners = env["res.partner"].create(
            [{"is_registrant": True, "given_name": f"Node{n}", "family_name": "Test"} for n in range(3)]
        )
        env["g2p.program_membership"].create(
            [{"partner_id": partner.id, "program_id": program.id} for partner in partners]
        ).action_enroll()
        cycles = env["g2p.cycle"].create(
            [{"name": f"Node {n}", "program_id": program.id} for n in ("A", "B")]
        )
        return {
            "application": application.id,
            "document_type": document_type.id,
            "program": program.id,
            "partners": partners.ids,
            "cycles": cycles.ids,
        }


def _remove_fixture_records(db, records):
    with odoo.registry(db).cursor() as cr:
        env = _env(cr)
        cycles = env["g2p.cycle"].browse(records["cycles"])
        uuids = [uuid for uuid in cycles.mapped("g2p_job_graph_uuid") if uuid]
        env["queue.job"].search([("graph_uuid", "in", uuids)]).unlink()
        env["g2p.entitlement"].search([("cycle_id", "in", cycles.ids)]).unlink()
        cycles.unlink()
        env["g2p.program_membership"].search([("program_id", "=", records["program"])]).unlink()
        application = env["g2p.program.application"].browse(records["application"])
        application.document_ids.unlink()
        application.unlink()
        env["g2p.program"].browse(records["program"]).unlink()
        env["res.partner"].browse(records["partners"]).unlink()


def _stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_port(port, deadline):
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise AssertionError(f"nothing listens on port {port} after {STARTUP_TIMEOUT} s")


def _wait_http(url, deadline):
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {STARTUP_TIMEOUT} s")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(nginx, os.X_OK):
        pytest.fail("nginx is missing: setup/lib.sh installs it (apt-get install nginx)")
    config = odoo.tools.config
    db = config["db_name"]
    records = _fixture_records(db)
    if records is None:
        pytest.skip("needs the portal module and its demo registrant")
    run = tmp_path_factory.mktemp("multi-node")
    # odoo.conf plus the job runner's channels, as a deployment's configuration has them.
    conf = run / "odoo.conf"
    conf.write_text((ROOT / "odoo.conf").read_text() + "\n[queue_job]\nchannels = root:2\n")
    odoo_bin = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
    nodes, processes = [], []
    try:
        for name in ("a", "b"):
            http_port, gevent_port = _free_port(), _free_port()
            log = run / f"node-{name}.log"
            cmd = [
                sys.executable,
                str(odoo_bin),
                "-c",
                str(conf),
                f"--addons-path={config['addons_path']}",
                f"--data-dir={config['data_dir']}",
                "-d",
                db,
                f"--db-filter=^{db}$",
                "--workers=2",
                "--max-cron-threads=0",
                "--http-interface=127.0.0.1",
                f"--http-port={http_port}",
                f"--gevent-port={gevent_port}",
                "--proxy-mode",
                "--load=base,web,queue_job",
                f"--logfile={log}",
                "--log-level=info",
            ]
            processes.append(subprocess.Popen(cmd, stdin=subprocess.DEVNULL))
            nodes.append(
                {"url": f"http://127.0.0.1:{http_port}", "gevent": gevent_port, "log": log, "http": http_port}
            )
        listen = _free_port()
        rendered = (
            TEMPLATE.read_text()
            .replace("@@RUN_DIR@@", str(run))
            .replace("@@LISTEN@@", f"127.0.0.1:{listen}")
            .replace("@@HTTP_SERVERS@@", " ".join(f"server 127.0.0.1:{n['http']};" for n in nodes))
            .replace("@@GEVENT_SERVERS@@", " ".join(f"server 127.0.0.1:{n['gevent']};" for n in nodes))
        )
        (run / "nginx.conf").write_text(rendered)
        processes.append(
            subprocess.Popen(
                [nginx, "-p", str(run), "-c", str(run / "nginx.conf"), "-g", "daemon off;"],
                stdin=subprocess.DEVNULL,
            )
        )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        for node in nodes:
            _wait_http(node["url"] + "/web/health", deadline)
        proxy = f"http://127.0.0.1:{listen}"
        _wait_http(proxy + "/web/health", deadline)
        # The websocket (gevent) process starts after the HTTP workers.
        for node in nodes:
            _wait_port(node["gevent"], deadline)
        up = time.monotonic()
        yield {"db": db, "nodes": nodes, "proxy": proxy, "records": records, "websocket_up": up}
    finally:
        for process in reversed(processes):
            _stop(process)
        _remove_fixture_records(db, records)


def _sign_in(base):
    session = requests.Session()
    page = session.get(f"{base}/web/login", timeout=20)
    token = CSRF.search(page.text).group(1)
    response = session.post(
        f"{base}/web/login",
        data={"login": REGISTRANT[0], "password": REGISTRANT[1], "csrf_token": token, "redirect": "/my"},
        timeout=20,
    )
    assert response.status_code == 200 and response.url.endswith("/my"), response.url
    return session.cookies["session_id"]


def test_session_and_documents_shared_between_nodes(cluster):
    a, b = (node["url"] for node in cluster["nodes"])
    proxy = cluster["proxy"]
    cookies = {"session_id": _sign_in(proxy)}
    for base in (a, b, a, b, proxy, proxy):
        page = requests.get(f"{base}/my", cookies=cookies, timeout=20, allow_redirects=False)
        assert page.status_code == 200, (base, page.status_code, page.headers.get("Location"))
        assert "Amina" in page.text
    # nginx compresses what Odoo sends.
    page = requests.get(f"{proxy}/my", cookies=cookies, timeout=20, headers={"Accept-Encoding": "gzip"})
    assert page.headers.get("Content-Encoding") == "gzip"

    application = cluster["records"]["application"]
    url = f"/my/applications/{application}"
    links = re.compile(rf'href="{url}/documents/(\d+)"')
    before = requests.get(b + url, cookies=cookies, timeout=20)
    assert before.status_code == 200
    known = set(links.findall(before.text))
    content = b"%PDF-1.4\n% uploaded through node A at " + str(time.time()).encode() + b"\n%%EOF\n"
    uploaded = requests.post(
        a + url + "/documents",
        cookies=cookies,
        data={
            "csrf_token": CSRF.search(before.text).group(1),
            "document_type_id": cluster["records"]["document_type"],
        },
        files={"file": ("proof.pdf", content, "application/pdf")},
        timeout=30,
        allow_redirects=False,
    )
    assert uploaded.status_code == 303, uploaded.text[:2000]
    after = requests.get(b + url, cookies=cookies, timeout=20)
    new = set(links.findall(after.text)) - known
    assert len(new) == 1, after.text[:2000]
    document = new.pop()
    downloaded = requests.get(f"{b}{url}/documents/{document}", cookies=cookies, timeout=20)
    assert downloaded.status_code == 200
    assert downloaded.content == content
    removed = requests.post(
        f"{a}{url}/documents/{document}/remove",
        cookies=cookies,
        data={"csrf_token": CSRF.search(after.text).group(1)},
        timeout=20,
        allow_redirects=False,
    )
    assert removed.status_code == 303


def _admin(base, db):
    session = requests.Session()
    response = session.post(
        f"{base}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": "admin", "password": "admin"}},
        timeout=20,
    )
    assert response.json().get("result", {}).get("uid"), response.text[:500]
    return session


def _call(session, base, model, method, ids):
    response = session.post(
        f"{base}/web/dataset/call_kw/{model}/{method}",
        json={"jsonrpc": "2.0", "params": {"model": model, "method": method, "args": [ids], "kwargs": {}}},
        timeout=30,
    )
    assert "error" not in response.json(), response.text[:2000]


def test_job_runner_runs_jobs_enqueued_on_either_node(cluster):
    db = cluster["db"]
    cycles = cluster["records"]["cycles"]
    for node, cycle in zip(cluster["nodes"], cycles, strict=True):
        _call(
            _admin(node["url"], db),
            node["url"],
            "g2p.cycle",
            "action_generate_entitlements_in_background",
            [cycle],
        )
    deadline = time.monotonic() + 40
    registry = odoo.registry(db)
    while True:
        with registry.cursor() as cr:
            cr.execute(
                """SELECT c.id, c.g2p_job_operation, count(e.id) FROM g2p_cycle c
                   LEFT JOIN g2p_entitlement e ON e.cycle_id = c.id WHERE c.id IN %s GROUP BY c.id""",
                (tuple(cycles),),
            )
            rows = cr.fetchall()
            cr.execute(
                """SELECT j.state, count(*) FROM queue_job j JOIN g2p_cycle c
                   ON c.g2p_job_graph_uuid = j.graph_uuid WHERE c.id IN %s GROUP BY j.state""",
                (tuple(cycles),),
            )
            states = dict(cr.fetchall())
        if all(operation is None for _id, operation, _count in rows) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert [(operation, count) for _id, operation, count in sorted(rows)] == [(None, 3), (None, 3)], (
        rows,
        states,
    )
    assert set(states) == {"done"} and states["done"] == 4, states


def test_websocket_processes_stay_up(cluster):
    # Up for 10 s at least (the other tests ran meanwhile): long enough for a
    # crash-looping gevent process to restart a dozen times.
    time.sleep(max(0.0, 10 - (time.monotonic() - cluster["websocket_up"])))
    for node in cluster["nodes"]:
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{node['gevent']}/websocket", timeout=10, origin=node["url"]
        )
        ws.close()
    proxy = cluster["proxy"]
    ws = websocket.create_connection(
        proxy.replace("http://", "ws://") + "/websocket", timeout=10, origin=proxy
    )
    ws.close()
    for node in cluster["nodes"]:
        log = node["log"].read_text()
        assert log.count("Evented Service (longpolling) running on") == 1, log[-3000:]
        assert "Traceback" not in log, log[-3000:]
