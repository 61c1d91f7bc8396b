"""Fuzzes a running portal (setup/run) from outside, as a registrant and signed out.

    .venv/bin/python tests/fuzz/portal_live.py [--url http://127.0.0.1:8069] [--requests 3000]

Not part of setup/test (the suite has its own bounded Hypothesis fuzz tests). Signs in the
demo registrant with a password, then sends random values — NUL bytes, huge strings, odd
Unicode, numbers beyond PostgreSQL's range, lists where strings belong, a field named
``self`` — to every registrant-facing route with a valid CSRF token (so the posts reach the
code behind the token check), and counts the answers by status. Exits 1 when any answer is
a server error (5xx). Loopback only; bounded in requests and time.
"""

import argparse
import random
import re
import sys
import time
from collections import Counter

import requests

ATOMS = [
    "",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "é" * 300,
    "\u202e\u200b",
    "-1",
    "0",
    "99999999999999999999",
    "2147483648",
    "1e308",
    "NaN",
    "0999-12-31",
    "31/12/1999",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "//evil.example",
    "/\\evil.example",
    "true",
    "[]",
    "{}",
]
NAMES = [
    "self",
    "name",
    "given_name",
    "family_name",
    "birthdate",
    "phone",
    "email",
    "street",
    "city",
    "zip",
    "submission_key",
    "g2p_action",
    "step_index",
    "redirect",
    "counters",
    "document_type_id",
    "csrf_token_x",
    "answers",
]


def value(rng):
    atom = rng.choice(ATOMS)
    return atom if rng.random() < 0.7 else atom + rng.choice(ATOMS)


def csrf(session, url):
    page = session.get(url, timeout=30)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text) or re.search(
        r'csrf_token: "([^"]+)"', page.text
    )
    return found.group(1) if found else ""


def sign_in(session, base, login, password):
    token = csrf(session, base + "/web/login")
    session.post(
        base + "/web/login",
        data={"login": login, "password": password, "csrf_token": token, "redirect": "/my"},
        timeout=30,
    )


def ids(session, base, path, pattern):
    found = re.findall(pattern, session.get(base + path, timeout=30).text)
    return sorted({int(i) for i in found}) or [1]


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--login", default="registrant@example.com")
    parser.add_argument("--password", default="registrant")
    args = parser.parse_args(argv)
    if not re.match(r"^https?://(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$", args.url):
        parser.error("loopback addresses only")
    base, rng = args.url.rstrip("/"), random.Random(args.seed)
    me, anon = requests.Session(), requests.Session()
    sign_in(me, base, args.login, args.password)
    programs = ids(me, base, "/my/programs/all", r"/my/programs/(\d+)/apply")
    applications = ids(me, base, "/my/applications", r"/my/applications/(\d+)")
    token = csrf(me, base + "/my/profile")
    gets = [
        "/my",
        "/my/programs",
        "/my/programs/all",
        "/my/applications",
        "/my/benefits",
        "/my/profile",
        "/my/profile/submissions",
        "/privacy-notice",
        "/my/programs/{program}/apply",
        "/my/applications/{application}",
        "/my/applications/{application}/receipt",
        "/my/applications/{junk}",
        "/my/programs/{junk}/apply",
        "/g2p/receipt/{junk}",
        "/auth_oidc/callback",
        "/web/login",
    ]
    posts = [
        "/my/profile",
        "/my/programs/{program}/apply",
        "/my/applications/{application}/documents",
        "/my/drafts/{junk}/discard",
        "/web/login",
    ]
    statuses, errors = Counter(), []
    deadline = time.monotonic() + args.seconds
    for n in range(args.requests):
        if time.monotonic() > deadline:
            break
        session = me if rng.random() < 0.85 else anon
        method, template = rng.choice([("get", g) for g in gets] + [("post", p) for p in posts])
        path = template.format(
            program=rng.choice(programs),
            application=rng.choice(applications),
            junk=requests.utils.quote(value(rng)[:200], safe="") or "0",
        )
        params = {rng.choice(NAMES): value(rng) for _ in range(rng.randint(0, 4))}
        try:
            if method == "post":
                params["csrf_token"] = token
                files = None
                if path.endswith("/documents"):
                    files = {
                        "file": (
                            value(rng)[:300] or "f",
                            rng.choice([b"%PDF-1.4\n", b"\x00" * 10, b"PK\x03\x04"]),
                        )
                    }
                answer = session.post(
                    base + path, data=params, files=files, timeout=60, allow_redirects=False
                )
            else:
                answer = session.get(base + path, params=params, timeout=60, allow_redirects=False)
        except requests.RequestException as error:
            statuses["no answer"] += 1
            errors.append((path, repr(error)[:200]))
            continue
        statuses[answer.status_code] += 1
        if answer.status_code >= 500:
            errors.append((path, f"{answer.status_code} {sorted(params)}"))
        if n % 500 == 499:
            token = csrf(me, base + "/my/profile") or token
    counters = me.post(
        base + "/my/counters",
        json={"jsonrpc": "2.0", "method": "call", "params": {"counters": "x\x00"}},
        timeout=30,
    )
    statuses[f"counters {counters.status_code}"] += 1
    print("answers by status:", dict(sorted(statuses.items(), key=str)))
    for path, what in errors[:20]:
        print("server error:", path, what)
    print(f"{sum(statuses.values())} requests, {len(errors)} server errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
