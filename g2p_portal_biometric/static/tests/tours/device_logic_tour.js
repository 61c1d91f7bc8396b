/** @odoo-module **/
/**
 * The device module on its own, in the browser: port order, parsing, problems, discovery
 * with a fake device service (found, remembered, silent, hanging), capture errors, quality,
 * then discovery and device info against the real simulator on the port the test gives.
 */
import {registry} from "@web/core/registry";
import * as sbi from "@g2p_portal_biometric/js/sbi_device";

function check(condition, message) {
  if (!condition) {
    throw new Error(`Device logic: ${message}`);
  }
}

function b64url(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function jws(payload) {
  return `${b64url({alg: "RS256"})}.${b64url(payload)}.c2ln`;
}

function fakeResponse(body, status = 200) {
  return {
    ok: status < 400,
    status,
    text: async () => (typeof body === "string" ? body : JSON.stringify(body)),
  };
}

function memoryStorage() {
  const data = {};
  return {
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => (data[k] = String(v)),
    removeItem: (k) => delete data[k],
    data,
  };
}

const DEVICE = {
  deviceId: "F1",
  deviceStatus: "Ready",
  certification: "L1",
  purpose: "Auth",
  deviceSubId: [1, 2, 3],
  digitalId: b64url({
    type: "Finger",
    deviceSubType: "Slap",
    make: "Acme",
    model: "S1",
    serialNo: "SN1",
  }),
  error: {errorCode: "0", errorInfo: "Success"},
};

async function pureChecks() {
  const order = sbi.portOrder(4550);
  check(
    order.length === 100 && order[0] === 4550 && order[1] === 4501,
    "the remembered port comes first"
  );
  check(sbi.portOrder(8069)[0] === 4501, "a port outside 4501-4600 is ignored");
  check(sbi.decodeBase64Json(b64url({a: "é"})).a === "é", "base64url JSON decodes");
  check(sbi.decodeBase64Json("%%%") === null, "garbage decodes to null");
  check(sbi.jwsPayload(jws({q: 1})).q === 1, "a JWS payload decodes");

  const [device] = sbi.parseDiscovery([DEVICE], 4501);
  check(
    device.type === "Finger" && device.make === "Acme" && device.subIds[0] === "1",
    "discovery is parsed"
  );
  check(sbi.deviceProblem(device) === null, "a ready Auth device has no problem");
  const variant = (changes) => sbi.parseDiscovery([{...DEVICE, ...changes}], 4501)[0];
  check(sbi.deviceProblem(variant({deviceStatus: "Busy"})) === "busy", "busy");
  check(
    sbi.deviceProblem(variant({deviceStatus: "Not Ready"})) === "not_ready",
    "not ready"
  );
  check(
    sbi.deviceProblem(
      variant({deviceStatus: "Not Registered", error: {errorCode: "100"}})
    ) === "not_registered",
    "not registered"
  );
  check(
    sbi.deviceProblem(variant({purpose: "Registration"})) === "wrong_purpose",
    "registration device"
  );
  check(
    sbi.parseDiscovery({not: "a list"}, 4501).length === 0,
    "a non-list is no device"
  );
  check(
    sbi.parseDiscovery([{deviceId: "", error: {errorCode: "101"}}], 4501).length === 0,
    "an error entry is no device"
  );
  check(
    sbi.problemOfCode("0") === null && sbi.problemOfCode("502") === "busy",
    "error codes"
  );
  check(
    sbi.problemOfCode("701") === "timeout" &&
      sbi.problemOfCode("999") === "device_error",
    "timeouts, unknown"
  );

  // Discovery with a fake device service on port 4577 only.
  const calls = [];
  const onlyOnePort = async (url, init) => {
    calls.push([url, init.method]);
    if (url === "http://127.0.0.1:4577/device") {
      return fakeResponse([DEVICE]);
    }
    throw new TypeError("Failed to fetch");
  };
  const storage = memoryStorage();
  const found = await sbi.discover(onlyOnePort, {storage, batchSize: 25});
  check(
    found.port === 4577 && found.devices.length === 1,
    "the service is found on its port"
  );
  check(
    calls.every(([, method]) => method === "MOSIPDISC"),
    "discovery uses MOSIPDISC"
  );
  check(
    found.scanned === 100,
    `ports are scanned in batches until found (${found.scanned})`
  );
  check(storage.data[sbi.STORAGE_KEY] === "4577", "the port is remembered");
  calls.length = 0;
  const again = await sbi.discover(onlyOnePort, {storage});
  check(
    again.port === 4577 && calls.length === 1,
    "the remembered port is tried first, alone"
  );

  // Nothing answers: no device, the remembered port is forgotten.
  const nothing = await sbi.discover(
    async () => Promise.reject(new TypeError("refused")),
    {storage}
  );
  check(nothing.port === null && nothing.devices.length === 0, "no device found");
  check(!(sbi.STORAGE_KEY in storage.data), "a dead port is forgotten");

  // A service that never answers is abandoned after the timeout.
  const hanging = (url, init) =>
    new Promise((resolve, reject) =>
      init.signal.addEventListener("abort", () =>
        reject(new DOMException("aborted", "AbortError"))
      )
    );
  const started = Date.now();
  const silent = await sbi.discover(hanging, {timeoutMs: 50, batchSize: 50});
  check(silent.port === null && Date.now() - started < 3000, "hanging ports time out");

  // Requests and captures: HTTP errors, bad JSON, device error codes, quality.
  for (const [fetchImpl, problem] of [
    [async () => fakeResponse("oops", 500), "device_error"],
    [async () => fakeResponse("not json"), "bad_response"],
    [async () => fakeResponse({biometrics: [{error: {errorCode: "502"}}]}), "busy"],
    [async () => fakeResponse({biometrics: [{error: {errorCode: "701"}}]}), "timeout"],
    [
      async () => fakeResponse({biometrics: [{error: {errorCode: "100"}}]}),
      "not_registered",
    ],
    [async () => fakeResponse({biometrics: []}), "bad_response"],
  ]) {
    let error = null;
    try {
      await sbi.capture(fetchImpl, 4501, {timeout: 100}, 40);
    } catch (e) {
      error = e;
    }
    check(
      error && error.problem === problem,
      `capture error ${problem} (got ${error && error.problem})`
    );
  }
  const low = await sbi.capture(
    async () =>
      fakeResponse({
        biometrics: [
          {
            data: jws({bioType: "Finger", bioSubType: "Left Thumb", qualityScore: 30}),
            error: {errorCode: "0"},
          },
        ],
      }),
    4501,
    {timeout: 100},
    40
  );
  check(
    low.quality[0].score === 30 && low.quality[0].ok === false,
    "quality below the threshold"
  );
  const request = sbi.buildCaptureRequest({
    device,
    subTypes: ["Left IndexFinger", "Right IndexFinger"],
    requestedScore: 60,
    timeoutMs: 5000,
    transactionId: "1234567890",
    env: "Developer",
    domainUri: "http://x",
  });
  check(
    request.purpose === "Auth" &&
      request.bio[0].count === 2 &&
      request.bio[0].deviceId === "F1",
    "capture request"
  );
}

async function simulatorChecks() {
  const port = Number(new URLSearchParams(window.location.search).get("g2p_sbi_port"));
  check(port >= 4501 && port <= 4600, "the test gives the simulator's port");
  const found = await sbi.discover(window.fetch.bind(window), {
    first: port,
    last: port,
  });
  check(found.port === port, "the simulator is found");
  const finger = found.devices.find((d) => d.deviceId === "FINGER-SLAP-1");
  check(
    finger &&
      finger.status === "Ready" &&
      finger.certification === "L1" &&
      finger.type === "Finger",
    "the finger device"
  );
  const registration = found.devices.find((d) => d.deviceId === "FINGER-REG-1");
  check(
    registration && sbi.deviceProblem(registration) === "wrong_purpose",
    "the registration device is not for Auth"
  );
  const infos = await sbi.deviceInfo(window.fetch.bind(window), port);
  check(
    infos.some(
      (i) => i.deviceId === "FINGER-SLAP-1" && i.signed && i.firmware === "1.0.0"
    ),
    "device info, signed"
  );
}

registry.category("web_tour.tours").add("g2p_biometric_device_logic", {
  test: true,
  steps: () => [
    {
      content: "The device module, with fake services",
      trigger: "body",
      async run() {
        await pureChecks();
        document.body.classList.add("o_g2p_pure_ok");
      },
    },
    {
      content: "The device module, with the simulator",
      trigger: "body.o_g2p_pure_ok",
      async run() {
        await simulatorChecks();
        document.body.classList.add("o_g2p_sim_ok");
      },
    },
    {content: "Done", trigger: "body.o_g2p_sim_ok", isCheck: true},
  ],
});
