/** @odoo-module **/
/**
 * The officer's biometric device, reached from the browser (MOSIP SBI 0.9.5): the device
 * service listens on 127.0.0.1, on a port of 4501-4600, on the officer's own computer.
 *
 * No Odoo import: every function takes what it needs (fetch, storage), so the logic is
 * exercised on its own in the browser tests. Raw captures are handed back untouched.
 */

export const FIRST_PORT = 4501;
export const LAST_PORT = 4600;
export const STORAGE_KEY = "g2p_portal_biometric.sbi_port";
export const SPEC_VERSION = "0.9.5";

export const FINGERS = [
  "Left Thumb",
  "Left IndexFinger",
  "Left MiddleFinger",
  "Left RingFinger",
  "Left LittleFinger",
  "Right Thumb",
  "Right IndexFinger",
  "Right MiddleFinger",
  "Right RingFinger",
  "Right LittleFinger",
];
export const IRISES = ["Left", "Right"];

/** Error codes of the device service, as problem keys the screen explains. */
const CODE_PROBLEMS = {
  100: "not_registered",
  101: "no_biometric",
  102: "device_error",
  103: "device_error",
  104: "device_error",
  105: "no_biometric",
  106: "no_device",
  107: "device_error",
  108: "device_error",
  109: "bad_request",
  110: "not_ready",
  501: "bad_transaction",
  502: "busy",
  503: "not_ready",
  504: "wrong_purpose",
  505: "bad_request",
  701: "timeout",
  801: "timeout",
};

export class SbiError extends Error {
  constructor(problem, code = null, info = "") {
    super(`${problem}${code !== null ? ` (${code})` : ""}${info ? `: ${info}` : ""}`);
    this.name = "SbiError";
    this.problem = problem;
    this.code = code;
    this.info = info;
  }
}

/** The problem key of a device error code ("0" = none). */
export function problemOfCode(code) {
  const number = Number(code);
  if (!code && code !== 0) {
    return null;
  }
  if (number === 0) {
    return null;
  }
  return CODE_PROBLEMS[number] || "device_error";
}

/** Ports in the order to try them: the last port that worked first. */
export function portOrder(lastPort, first = FIRST_PORT, last = LAST_PORT) {
  const ports = [];
  for (let port = first; port <= last; port++) {
    ports.push(port);
  }
  const remembered = Number(lastPort);
  if (remembered >= first && remembered <= last) {
    ports.splice(ports.indexOf(remembered), 1);
    ports.unshift(remembered);
  }
  return ports;
}

/** JSON of a base64url (or base64) string, or null. */
export function decodeBase64Json(value) {
  if (typeof value !== "string" || !value) {
    return null;
  }
  try {
    let text = value.replace(/-/g, "+").replace(/_/g, "/");
    text += "=".repeat((4 - (text.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const json = JSON.parse(new TextDecoder().decode(bytes));
    return json && typeof json === "object" ? json : null;
  } catch {
    return null;
  }
}

/** The payload of a compact JWS (not verified: the server and the ID service verify), or of
 * plain base64url JSON (what unregistered devices send). */
export function jwsPayload(token) {
  if (typeof token !== "string") {
    return null;
  }
  const parts = token.split(".");
  return decodeBase64Json(parts.length === 3 ? parts[1] : parts[0]);
}

/** fetch with a custom verb, a JSON body and a hard timeout. */
export async function sbiRequest(fetchImpl, url, verb, body, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, {
      method: verb,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: {"Content-Type": "application/json"},
      signal: controller.signal,
      cache: "no-store",
    });
    if (!response.ok) {
      throw new SbiError("device_error", response.status);
    }
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new SbiError("bad_response");
    }
  } catch (error) {
    if (error instanceof SbiError) {
      throw error;
    }
    throw new SbiError(
      controller.signal.aborted ? "unreachable_timeout" : "unreachable"
    );
  } finally {
    clearTimeout(timer);
  }
}

/** One device of a MOSIPDISC answer, in the screen's words. */
export function parseDevice(raw, port) {
  if (!raw || typeof raw !== "object") {
    return null;
  }
  const digital = jwsPayload(raw.digitalId) || {};
  const code =
    raw.error && raw.error.errorCode !== undefined ? String(raw.error.errorCode) : "0";
  if (!raw.deviceId && code !== "0") {
    return null;
  }
  return {
    port,
    deviceId: String(raw.deviceId || ""),
    status: String(raw.deviceStatus || ""),
    certification: String(raw.certification || ""),
    purpose: String(raw.purpose || ""),
    serviceVersion: String(raw.serviceVersion || ""),
    subIds: Array.isArray(raw.deviceSubId) ? raw.deviceSubId.map(String) : [],
    type: String(digital.type || ""),
    subType: String(digital.deviceSubType || ""),
    make: String(digital.make || ""),
    model: String(digital.model || ""),
    serialNo: String(digital.serialNo || ""),
    provider: String(digital.deviceProvider || ""),
    errorCode: code,
    errorInfo: String((raw.error && raw.error.errorInfo) || ""),
  };
}

/** The devices of a MOSIPDISC answer (an array; anything else is no device). */
export function parseDiscovery(json, port) {
  if (!Array.isArray(json)) {
    return [];
  }
  return json.map((raw) => parseDevice(raw, port)).filter(Boolean);
}

/** Why this device cannot capture for authentication now, or null. */
export function deviceProblem(device) {
  if (device.errorCode === "100" || device.status === "Not Registered") {
    return "not_registered";
  }
  if (device.status === "Busy") {
    return "busy";
  }
  if (device.status === "Not Ready") {
    return "not_ready";
  }
  if (device.status !== "Ready") {
    return "device_error";
  }
  if (device.purpose && device.purpose !== "Auth") {
    return "wrong_purpose";
  }
  return null;
}

/** Devices on one port, or null when nothing answers there like a device service. */
export async function probePort(
  fetchImpl,
  port,
  {timeoutMs = 800, host = "127.0.0.1"} = {}
) {
  try {
    const json = await sbiRequest(
      fetchImpl,
      `http://${host}:${port}/device`,
      "MOSIPDISC",
      {type: "Biometric Device"},
      timeoutMs
    );
    return Array.isArray(json) ? parseDiscovery(json, port) : null;
  } catch {
    return null;
  }
}

/**
 * Finds the device service: the remembered port first, then every port in parallel batches.
 * Stops at the first batch where a service answers. Remembers the port that worked.
 *
 * @returns {Promise<{port: number|null, devices: object[], scanned: number}>}
 */
export async function discover(
  fetchImpl,
  {
    storage = null,
    batchSize = 20,
    timeoutMs = 800,
    first = FIRST_PORT,
    last = LAST_PORT,
    host,
  } = {}
) {
  const remembered = storage ? storage.getItem(STORAGE_KEY) : null;
  const ports = portOrder(remembered, first, last);
  let scanned = 0;
  let index = 0;
  if (remembered && Number(remembered) === ports[0]) {
    scanned = 1;
    index = 1;
    const devices = await probePort(fetchImpl, ports[0], {timeoutMs, host});
    if (devices && devices.length) {
      return {port: ports[0], devices, scanned};
    }
  }
  while (index < ports.length) {
    const batch = ports.slice(index, index + batchSize);
    index += batchSize;
    scanned += batch.length;
    const answers = await Promise.all(
      batch.map((port) => probePort(fetchImpl, port, {timeoutMs, host}))
    );
    const found = answers.flatMap((devices) => devices || []);
    if (found.length) {
      const port = found[0].port;
      if (storage) {
        storage.setItem(STORAGE_KEY, String(port));
      }
      return {port, devices: found, scanned};
    }
  }
  if (storage && remembered) {
    storage.removeItem(STORAGE_KEY);
  }
  return {port: null, devices: [], scanned};
}

/** MOSIPDINFO: the device service's description of each device (payloads not verified here). */
export async function deviceInfo(
  fetchImpl,
  port,
  {timeoutMs = 3000, host = "127.0.0.1"} = {}
) {
  const json = await sbiRequest(
    fetchImpl,
    `http://${host}:${port}/info`,
    "MOSIPDINFO",
    undefined,
    timeoutMs
  );
  if (!Array.isArray(json)) {
    throw new SbiError("bad_response");
  }
  return json.map((item) => {
    const info = jwsPayload(item && item.deviceInfo) || {};
    return {
      deviceId: String(info.deviceId || ""),
      status: String(info.deviceStatus || ""),
      certification: String(info.certification || ""),
      firmware: String(info.firmware || ""),
      env: String(info.env || ""),
      purpose: String(info.purpose || ""),
      signed:
        typeof item.deviceInfo === "string" && item.deviceInfo.split(".").length === 3,
      errorCode: String((item && item.error && item.error.errorCode) ?? "0"),
    };
  });
}

/** The CAPTURE request for authentication (purpose Auth). */
export function buildCaptureRequest({
  device,
  subTypes = [],
  requestedScore,
  timeoutMs,
  transactionId,
  env,
  domainUri,
  previousHash = "",
}) {
  const type = device.type;
  const count = type === "Face" ? 1 : Math.max(1, subTypes.length);
  return {
    env,
    purpose: "Auth",
    specVersion: SPEC_VERSION,
    timeout: timeoutMs,
    captureTime: new Date().toISOString(),
    domainUri,
    transactionId,
    bio: [
      {
        type,
        count,
        bioSubType: type === "Face" ? [] : subTypes,
        requestedScore,
        deviceId: device.deviceId,
        deviceSubId: type === "Face" ? "0" : device.subIds[0] || "0",
        previousHash,
      },
    ],
    customOpts: [],
  };
}

/** Each capture's quality against the threshold (read from the signed data's payload). */
export function qualityReport(biometrics, threshold) {
  return biometrics.map((item) => {
    const payload = jwsPayload(item.data) || {};
    const score = Number(payload.qualityScore);
    return {
      bioType: String(payload.bioType || ""),
      subType: String(payload.bioSubType || ""),
      score: Number.isFinite(score) ? score : null,
      threshold,
      ok: Number.isFinite(score) && score >= threshold,
    };
  });
}

/**
 * CAPTURE /capture. Returns {biometrics, quality} with the biometrics exactly as the device
 * returned them; throws SbiError with the problem key on a device error.
 */
export async function capture(
  fetchImpl,
  port,
  request,
  threshold,
  {host = "127.0.0.1", graceMs = 5000} = {}
) {
  const json = await sbiRequest(
    fetchImpl,
    `http://${host}:${port}/capture`,
    "CAPTURE",
    request,
    request.timeout + graceMs
  );
  const biometrics = json && Array.isArray(json.biometrics) ? json.biometrics : null;
  if (!biometrics || !biometrics.length) {
    throw new SbiError("bad_response");
  }
  for (const item of biometrics) {
    const code = item && item.error ? String(item.error.errorCode) : "0";
    const problem = problemOfCode(code);
    if (problem) {
      throw new SbiError(problem, code, String(item.error.errorInfo || ""));
    }
    if (!item.data) {
      throw new SbiError("bad_response");
    }
  }
  return {biometrics, quality: qualityReport(biometrics, threshold)};
}
