# Copyright 2026 G2P Self-Service Portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Browser audits of registrant pages: accessibility (axe-core) and transfer sizes.

A small Chrome DevTools helper on top of Odoo's test browser. It opens pages as a signed-in
person, runs axe-core (npm package pinned in ``tests/browser/package.json`` and installed
by ``setup``) inside each page, checks tap-target sizes on phones, and adds up what each
page downloads: bytes over the wire, and the same responses gzip-compressed as a
deployment's reverse proxy serves them.
"""

import base64
import gzip
import json
import logging
import pathlib
import threading
import time

from odoo.tests.common import ChromeBrowser

_logger = logging.getLogger(__name__)

AXE_PATH = pathlib.Path(__file__).resolve().parents[2] / "tests/browser/node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING_IMPACTS = ("critical", "serious")
# WCAG 2.5.5 target size on phones; inline links inside a sentence are exempt.
MIN_TAP_PX = 44

_TAP_TARGETS_JS = """
(() => {
  const small = [];
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  for (const el of document.querySelectorAll(selector)) {
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!rect.width || !rect.height || style.visibility === 'hidden') continue;
    if (el.closest('.visually-hidden, .d-none')) continue;
    // A skip link is a 1 px dot until focused, then a full-size box.
    if (el.matches('.visually-hidden-focusable') && document.activeElement !== el) continue;
    // Inline links within running text are exempt (WCAG 2.5.5 "inline").
    if (el.tagName === 'A' && style.display === 'inline' && el.closest('p, li, dd, td')) {
      const parentText = el.parentElement.textContent.trim();
      if (parentText.length > el.textContent.trim().length) continue;
    }
    // A checkbox or radio whose label is a large enough target passes through its label.
    if (['checkbox', 'radio'].includes(el.type) && el.labels && el.labels.length) {
      const label = el.labels[0].getBoundingClientRect();
      if (label.height >= MIN && label.width >= MIN) continue;
    }
    if (rect.width < MIN - 0.5 || rect.height < MIN - 0.5) {
      small.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
        + ` "${(el.textContent || el.name || '').trim().slice(0, 40)}"`
        + ` ${Math.round(rect.width)}x${Math.round(rect.height)}`);
    }
  }
  return small;
})()
"""


class PageAudit:
    """One browser session that visits pages and records what it finds.

    Use as a context manager from an ``HttpCase``::

        with PageAudit(self, login, password) as audit:
            audit.visit("/my")
            ...
        self.assertFalse(audit.failures())
    """

    def __init__(self, case, login=None, password=None, check_taps=None):
        self.case = case
        self.login = login
        self.password = password
        width = int(str(case.browser_size).replace(",", "x").split("x")[0])
        self.check_taps = width < 500 if check_taps is None else check_taps
        self.browser = None
        self.results = []  # one dict per visited page
        self._requests = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------
    def __enter__(self):
        self.browser = ChromeBrowser(type(self.case))
        browser = self.browser
        browser._handlers["Network.responseReceived"] = self._on_response
        browser._handlers["Network.loadingFinished"] = self._on_finished
        browser._handlers["Network.requestServedFromCache"] = self._on_cached
        browser._websocket_request("Network.enable")
        self.case.authenticate(self.login, self.password, browser=browser)
        self.case.cr.flush()
        self.case.cr.clear()
        return self

    def __exit__(self, *exc):
        self.browser.stop()
        self.case._wait_remaining_requests()

    # ------------------------------------------------------------------
    # Network events (called from the browser's receiver thread)
    # ------------------------------------------------------------------
    def _on_response(self, requestId, response, type=None, **kw):  # pylint: disable=redefined-builtin
        with self._lock:
            entry = self._requests.setdefault(requestId, {})
            entry.update(
                url=response.get("url"),
                status=response.get("status"),
                cached=entry.get("cached")
                or response.get("fromDiskCache")
                or response.get("fromMemoryCache"),
                encoding=(response.get("headers") or {}).get("Content-Encoding")
                or (response.get("headers") or {}).get("content-encoding"),
            )

    def _on_finished(self, requestId, encodedDataLength=0, **kw):
        with self._lock:
            self._requests.setdefault(requestId, {}).update(wire=encodedDataLength, done=True)

    def _on_cached(self, requestId, **kw):
        with self._lock:
            self._requests.setdefault(requestId, {})["cached"] = True

    # ------------------------------------------------------------------
    def _evaluate(self, expression, timeout=60):
        result = self.browser._websocket_request(
            "Runtime.evaluate",
            params={"expression": expression, "awaitPromise": True, "returnByValue": True},
            timeout=timeout,
        )
        if result.get("exceptionDetails"):
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def _wait_loaded(self, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self._evaluate("document.readyState === 'complete'", timeout=5):
                    break
            except Exception as error:  # the page is navigating: ask again
                _logger.debug("page not ready yet: %s", error)
            time.sleep(0.1)
        # Let pending requests (fonts, images, lazy bundles) finish.
        time.sleep(0.5)

    def _transfer(self):
        """Sizes of what was fetched since the last reset, then reset."""
        with self._lock:
            requests, self._requests = self._requests, {}
        wire = compressed = raw = count = 0
        files = []
        for request_id, entry in requests.items():
            if entry.get("cached") or not entry.get("done") or not entry.get("url", "").startswith("http"):
                continue
            count += 1
            wire += entry.get("wire", 0)
            try:
                body = self.browser._websocket_request(
                    "Network.getResponseBody", params={"requestId": request_id}
                )
            except Exception:
                continue
            data = base64.b64decode(body["body"]) if body.get("base64Encoded") else body["body"].encode()
            raw += len(data)
            size = (
                entry.get("wire", 0) if entry.get("encoding") else len(gzip.compress(data, compresslevel=6))
            )
            compressed += size
            files.append((entry["url"].split("?")[0][-70:], size))
        return {
            "requests": count,
            "wire": wire,
            "raw": raw,
            "gzip": compressed,
            "files": sorted(files, key=lambda f: -f[1]),
        }

    def visit(self, url, name=None, script=None):
        """Open ``url`` (then run ``script``, e.g. submit a form, and wait again) and audit it."""
        with self._lock:
            self._requests = {}
        self.browser.navigate_to(self.case.base_url() + url, wait_stop=True)
        self._wait_loaded()
        if script:
            with self._lock:
                self._requests = {}
            self._evaluate(script)
            time.sleep(0.3)
            self._wait_loaded()
        return self.audit(name or url)

    def audit(self, name):
        transfer = self._transfer()
        if not self._evaluate("typeof axe !== 'undefined'"):
            self._evaluate(AXE_PATH.read_text())
        report = self._evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length})))"
            % json.dumps(AXE_TAGS)
        )
        small_taps = (
            self._evaluate(_TAP_TARGETS_JS.replace("MIN", str(MIN_TAP_PX))) if self.check_taps else []
        )
        result = {
            "page": name,
            "url": self._evaluate("location.pathname + location.search"),
            "h1": self._evaluate("document.querySelectorAll('h1').length"),
            "violations": report,
            "small_taps": small_taps,
            "transfer": transfer,
        }
        self.results.append(result)
        return result

    # ------------------------------------------------------------------
    def totals(self):
        """Number of violation nodes by impact, over every page visited."""
        totals = {}
        for result in self.results:
            for violation in result["violations"]:
                totals[violation["impact"]] = totals.get(violation["impact"], 0) + violation["count"]
        return totals

    def failures(self):
        """Human-readable list of what fails: serious/critical violations, small tap targets, no h1."""
        lines = []
        for result in self.results:
            for violation in result["violations"]:
                if violation["impact"] in FAILING_IMPACTS:
                    lines.append(
                        f"{result['page']}: {violation['impact']} {violation['id']} ({violation['help']})"
                        f" x{violation['count']}: {violation['nodes']}"
                    )
            for tap in result["small_taps"]:
                lines.append(f"{result['page']}: tap target under {MIN_TAP_PX}px: {tap}")
            if result["h1"] != 1:
                lines.append(f"{result['page']}: {result['h1']} h1 elements")
        return lines
