"""Clients of the scale benchmark: registrant sessions, page timings, load, admin RPC."""

import re
import statistics
import threading
import time

import requests

CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


def percentiles(values):
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def pick(share):
        return round(ordered[min(int(share * len(ordered)), len(ordered) - 1)] * 1000, 1)

    return {
        "n": len(ordered),
        "p50": pick(0.5),
        "p95": pick(0.95),
        "p99": pick(0.99),
        "mean": round(statistics.mean(ordered) * 1000, 1),
    }


def login(url, user, password):
    session = requests.Session()
    page = session.get(f"{url}/web/login", timeout=60)
    token = CSRF.search(page.text)[1]
    answer = session.post(
        f"{url}/web/login",
        data={"login": user, "password": password, "csrf_token": token, "redirect": "/my"},
        timeout=60,
    )
    if "/web/login" in answer.url:
        raise RuntimeError(f"sign-in of {user} failed")
    return session


def timed_get(session, url, timeout=120):
    start = time.perf_counter()
    response = session.get(url, timeout=timeout, allow_redirects=False)
    return time.perf_counter() - start, response


def measure_pages(url, sessions, pages, repeat, timeout=120):
    """{page template: {"times": [...], "errors": n, "timeouts": n}} over every session,
    ``repeat`` rounds. A page that timed out once is not requested again in this call."""
    results = {page: {"times": [], "errors": 0, "timeouts": 0} for page in pages}
    for _round in range(repeat):
        for session, values in sessions:
            for page in pages:
                path = page.format(**values)
                if "{" in page and not all(values.get(k) for k in re.findall(r"{(\w+)}", page)):
                    continue
                if results[page]["timeouts"]:
                    continue
                try:
                    elapsed, response = timed_get(session, url + path, timeout=timeout)
                except requests.Timeout:
                    results[page]["timeouts"] += 1
                    continue
                if response.status_code == 200:
                    results[page]["times"].append(elapsed)
                else:
                    results[page]["errors"] += 1
    return results


def measure_submit(url, sessions):
    """Apply to a program (GET the step, POST it once): times of the POSTs."""
    times, errors, skipped = [], 0, 0
    for session, values in sessions:
        program = values.get("open_program")
        if not program:
            skipped += 1
            continue
        page = session.get(f"{url}/my/programs/{program}/apply", timeout=120)
        token = CSRF.search(page.text)
        key = re.search(r'name="submission_key"\s+value="([^"]+)"', page.text)
        if page.status_code != 200 or not token or not key:
            skipped += 1
            continue
        start = time.perf_counter()
        answer = session.post(
            f"{url}/my/programs/{program}/apply",
            data={"csrf_token": token[1], "submission_key": key[1]},
            timeout=120,
            allow_redirects=False,
        )
        elapsed = time.perf_counter() - start
        if answer.status_code in (302, 303) and "/my/applications/" in answer.headers.get("Location", ""):
            times.append(elapsed)
        else:
            errors += 1
    return times, errors, skipped


def load(url, sessions, pages, concurrency, duration, max_requests=20_000):
    """Requests per second with ``concurrency`` registrants looping over ``pages``."""
    stop_at = time.monotonic() + duration
    counts = {"ok": 0, "errors": 0}
    times, lock = [], threading.Lock()

    def run(index):
        session, values = sessions[index % len(sessions)]
        n = index
        while time.monotonic() < stop_at and counts["ok"] + counts["errors"] < max_requests:
            page = pages[n % len(pages)].format(**values)
            n += 1
            try:
                elapsed, response = timed_get(session, url + page, timeout=60)
                ok = response.status_code == 200
            except requests.RequestException:
                elapsed, ok = 0.0, False
            with lock:
                counts["ok" if ok else "errors"] += 1
                if ok:
                    times.append(elapsed)

    start = time.monotonic()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - start
    return {"rps": round(counts["ok"] / wall, 1), "errors": counts["errors"], **percentiles(times)}


class Rpc:
    """JSON-RPC as the administrator."""

    def __init__(self, url, db, login_, password):
        self.url, self.session = url, requests.Session()
        answer = self.session.post(
            f"{url}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": db, "login": login_, "password": password}},
            timeout=120,
        ).json()
        if answer.get("error") or not answer["result"].get("uid"):
            raise RuntimeError(f"administrator sign-in failed: {answer.get('error')}")

    def call(self, model, method, *args, **kwargs):
        answer = self.session.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            },
            timeout=300,
        ).json()
        if answer.get("error"):
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]

    def timed(self, repeat, model, method, *args, **kwargs):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            self.call(model, method, *args, **kwargs)
            times.append(time.perf_counter() - start)
        return times
