// Biometric sign-in (acr mosip:idp:acr:biometrics) for the demo provider, as eSignet does it:
// the person's browser captures from the MOSIP SBI device service on 127.0.0.1:4501-4600
// (the SBI simulator in the demo), and the provider, an ID authentication partner, asks the
// ID authentication service (the IDA simulator) whether the capture matches the ID.
//
// The IDA request (encrypted, signed, HMAC'd) is built by the project's own IDA client
// (g2p_portal_biometric/ida, pure Python) through ida_check.py: one implementation of that
// protocol for Odoo and for the demo provider, and the same bytes on the wire.
import {spawn} from "node:child_process";
import {randomInt} from "node:crypto";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

export const BIO_ACR = "mosip:idp:acr:biometrics";
const HERE = dirname(fileURLToPath(import.meta.url));
const CHECK_TIMEOUT_MS = 30000;
export const MAX_CAPTURE_BYTES = 600 * 1024;

export function newTransactionId() {
  return String(randomInt(1000000000, 9999999999));
}

// Runs ida_check.py: {"status": "match" | "no_match" | "refused" | "unavailable" | ...}.
export function checkCapture(config, request) {
  const bio = config.biometrics || {};
  return new Promise((resolve) => {
    if (!bio.ida_config) {
      resolve({status: "unavailable", errorCode: "not_configured"});
      return;
    }
    const child = spawn(
      bio.python || "python3",
      [join(HERE, "ida_check.py"), bio.ida_config],
      {stdio: ["pipe", "pipe", "pipe"]}
    );
    let out = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), CHECK_TIMEOUT_MS);
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) =>
      console.error("ida_check:", String(chunk).slice(0, 500))
    );
    child.on("close", () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out));
      } catch {
        resolve({status: "unavailable", errorCode: "check_failed"});
      }
    });
    child.stdin.end(JSON.stringify(request));
  });
}

export function outcomeMessage(status) {
  return (
    {
      no_match: "The capture does not match this ID. Try again.",
      bad_input: "The capture could not be trusted. Capture again with the device.",
      refused: "The ID authentication service refused the request.",
    }[status] ||
    "The ID authentication service is not available right now. Try again later."
  );
}

// The page: the ID (prefilled from login_hint), then a capture from the local device that
// fills the hidden field and submits. `autostart` (tests, hands-free demo) captures at once.
export function bioLoginPage({
  page,
  escapeHtml,
  uid,
  client,
  config,
  transactionId,
  loginHint,
  error,
}) {
  const bio = config.biometrics || {};
  const [first, last] = String(bio.sbi_ports || "4501-4600")
    .split("-")
    .map(Number);
  const attrs = {
    "data-first": first,
    "data-last": last || first,
    "data-txn": transactionId,
    "data-env": bio.env || "Developer",
    "data-domain": bio.domain_uri || "",
    "data-autostart": bio.autostart && !error ? "1" : "",
  };
  const dataAttrs = Object.entries(attrs)
    .map(([k, v]) => `${k}="${escapeHtml(v)}"`)
    .join(" ");
  return page(
    "Sign in with biometrics",
    `
<p>${escapeHtml(
      client.clientName || client.clientId
    )} asks you to prove who you are with your fingerprint.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(
      uid
    )}/login" id="bio-form" ${dataAttrs} autocomplete="off">
<label for="individual_id">National ID</label>
<input id="individual_id" name="individual_id" inputmode="numeric" required value="${escapeHtml(
      loginHint || ""
    )}">
<input type="hidden" name="capture" id="capture">
<p id="bio-status" class="hint" role="status">Place a finger on the device, then press Capture.</p>
<button class="primary" type="button" id="bio-capture">Capture</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort">
<button class="secondary" type="submit">Cancel</button>
</form>
<script>
(function () {
  const form = document.getElementById("bio-form");
  const status = document.getElementById("bio-status");
  const cfg = form.dataset;
  async function call(port, verb, path, body, ms) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), ms);
    try {
      const r = await fetch("http://127.0.0.1:" + port + path, {method: verb, body: body && JSON.stringify(body), signal: ctl.signal});
      return await r.json();
    } finally { clearTimeout(timer); }
  }
  function digital(d) {
    try { return JSON.parse(atob(String(d.digitalId).split(".").length === 3 ? d.digitalId.split(".")[1].replace(/-/g, "+").replace(/_/g, "/") : d.digitalId.replace(/-/g, "+").replace(/_/g, "/"))); } catch (e) { return {}; }
  }
  async function findDevice() {
    const ports = [];
    for (let p = Number(cfg.first); p <= Number(cfg.last); p++) ports.push(p);
    for (let i = 0; i < ports.length; i += 20) {
      const answers = await Promise.all(ports.slice(i, i + 20).map((p) =>
        call(p, "MOSIPDISC", "/device", {type: "Biometric Device"}, 800).then((list) => ({p, list}), () => null)));
      for (const a of answers) {
        if (!a || !Array.isArray(a.list)) continue;
        const d = a.list.find((x) => x.deviceStatus === "Ready" && x.purpose === "Auth" && digital(x).type === "Finger");
        if (d) return {port: a.p, device: d};
      }
    }
    return null;
  }
  async function run() {
    if (!document.getElementById("individual_id").value) { status.textContent = "Type your national ID first."; return; }
    status.textContent = "Looking for the fingerprint device...";
    const found = await findDevice();
    if (!found) { status.textContent = "No fingerprint device found on this computer. Check that it is plugged in and its service is running."; return; }
    status.textContent = "Capturing: keep your finger on the device...";
    let answer;
    try {
      answer = await call(found.port, "CAPTURE", "/capture", {
        env: cfg.env, purpose: "Auth", specVersion: "0.9.5", timeout: 10000, captureTime: new Date().toISOString(),
        domainUri: cfg.domain, transactionId: cfg.txn,
        bio: [{type: "Finger", count: 1, bioSubType: ["Left IndexFinger"], requestedScore: 40, deviceId: found.device.deviceId,
               deviceSubId: String((found.device.deviceSubId || ["1"])[0]), previousHash: ""}],
        customOpts: []}, 20000);
    } catch (e) { status.textContent = "The device did not answer. Try again."; return; }
    const bios = answer && answer.biometrics;
    const err = bios && bios[0] && bios[0].error;
    if (!bios || (err && String(err.errorCode) !== "0")) { status.textContent = "The device could not capture (" + (err ? err.errorInfo : "no answer") + "). Try again."; return; }
    document.getElementById("capture").value = JSON.stringify(bios);
    status.textContent = "Checking with the ID system...";
    form.submit();
  }
  document.getElementById("bio-capture").addEventListener("click", run);
  if (cfg.autostart) run();
})();
</script>`
  );
}
