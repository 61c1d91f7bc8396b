// An OpenID Provider configured like MOSIP eSignet, for the demo and the tests of
// g2p_portal_auth_oidc. Usage: node server.js --config FILE  (see README.md).
import {createHash, generateKeyPairSync, randomBytes} from "node:crypto";
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import http from "node:http";
import {parseArgs} from "node:util";

import Provider from "oidc-provider";

import {CLAIMS, DEFAULT_IDENTITIES} from "./identities.js";

export const ACR_VALUES = [
  "mosip:idp:acr:generated-code",
  "mosip:idp:acr:linked-wallet",
  "mosip:idp:acr:biometrics",
  "mosip:idp:acr:password",
  "mosip:idp:acr:knowledge",
];
const ACR_LABELS = {
  "mosip:idp:acr:generated-code": "One-time code (OTP)",
  "mosip:idp:acr:linked-wallet": "Wallet app QR code",
  "mosip:idp:acr:biometrics": "Biometrics",
  "mosip:idp:acr:password": "Password",
  "mosip:idp:acr:knowledge": "Knowledge-based",
};
const AMR = {
  "mosip:idp:acr:generated-code": ["otp"],
  "mosip:idp:acr:linked-wallet": ["wallet"],
  "mosip:idp:acr:biometrics": ["bio"],
  "mosip:idp:acr:password": ["pwd"],
  "mosip:idp:acr:knowledge": ["kba"],
};
const CLAIM_LABELS = {
  sub: "A pseudonymous identifier for this service",
  individual_id: "Your national ID number",
  name: "Your full name",
  "name#en": "Your full name (English)",
  "name#fr": "Your full name (French)",
  given_name: "Your given name",
  middle_name: "Your middle name",
  family_name: "Your family name",
  gender: "Your gender",
  birthdate: "Your date of birth",
  picture: "Your photo",
  locale: "Your language",
  email: "Your email address",
  email_verified: "Whether your email address is verified",
  phone_number: "Your phone number",
  phone_number_verified: "Whether your phone number is verified",
  address: "Your address",
};

export const DEMO_CLIENT_ID = "g2p-self-service-portal-demo";

// The demo client: the Odoo relying party of setup/run, whose keys are published at its
// JWKS route (so key rotation in Odoo needs no change here).
function demoClient(rpUrl) {
  const base = rpUrl.replace(/\/+$/, "");
  return {
    client_id: DEMO_CLIENT_ID,
    client_name: "G2P Self-Service Portal (demo)",
    redirect_uris: [`${base}/auth_oidc/callback`],
    post_logout_redirect_uris: [`${base}/web/login`, `${base}/`],
    jwks_uri: `${base}/auth_oidc/jwks`,
    token_endpoint_auth_signing_alg: "RS256",
  };
}

export function loadConfig(argv) {
  const {values} = parseArgs({
    args: argv,
    options: {
      config: {type: "string"},
      demo: {type: "boolean"},
      port: {type: "string"},
      issuer: {type: "string"},
      "rp-url": {type: "string"},
      "keys-file": {type: "string"},
    },
    strict: true,
  });
  const file = values.config || process.env.OIDC_CONFIG;
  const config = file ? JSON.parse(readFileSync(file, "utf8")) : {};
  const port = values.port || process.env.OIDC_PORT;
  if (port) config.port = Number(port);
  if (values.issuer || process.env.OIDC_ISSUER)
    config.issuer = values.issuer || process.env.OIDC_ISSUER;
  if (values["keys-file"]) config.keys_file = values["keys-file"];
  config.port = config.port ?? 8071;
  config.issuer = config.issuer ?? `http://127.0.0.1:${config.port}`;
  config.otp = String(config.otp ?? "111111");
  config.clients = config.clients ?? [];
  if (values.demo)
    config.clients.push(demoClient(values["rp-url"] || "http://127.0.0.1:8069"));
  if (!config.clients.length)
    throw new Error("no client configured: use --config FILE or --demo");
  config.identities = config.identities ?? DEFAULT_IDENTITIES;
  config.client_auth_methods = config.client_auth_methods ?? ["private_key_jwt"];
  config.pairwise_salt = config.pairwise_salt ?? "g2p-demo-pairwise-salt";
  // Another profile than eSignet's (a plain OpenID provider): its own claims per scope
  // and public subject identifiers, when the config says so.
  config.claims = config.claims ?? CLAIMS;
  config.subject_types = config.subject_types ?? ["pairwise"];
  return config;
}

function newSigningKey() {
  const {privateKey} = generateKeyPairSync("rsa", {modulusLength: 2048});
  const jwk = privateKey.export({format: "jwk"});
  const kid = createHash("sha256").update(jwk.n).digest("base64url").slice(0, 16);
  return {...jwk, kid, use: "sig"};
}

// The provider's signing keys: inline in the config, else kept in keys_file (created on
// first start so that a restarted demo keeps its keys), else one fresh key per start.
function providerJwks(config) {
  if (config.jwks) return config.jwks;
  if (config.keys_file) {
    if (existsSync(config.keys_file))
      return JSON.parse(readFileSync(config.keys_file, "utf8"));
    const jwks = {keys: [newSigningKey()]};
    writeFileSync(config.keys_file, JSON.stringify(jwks), {mode: 0o600});
    return jwks;
  }
  return {keys: [newSigningKey()]};
}

// eSignet-like defaults; a config sets a default to null to leave it out.
function clientMetadata(client) {
  const metadata = {
    token_endpoint_auth_method: "private_key_jwt",
    id_token_signed_response_alg: "PS256",
    userinfo_signed_response_alg: "PS256",
    grant_types: ["authorization_code"],
    response_types: ["code"],
    subject_type: "pairwise",
    ...client,
  };
  return Object.fromEntries(
    Object.entries(metadata).filter(([, value]) => value !== null)
  );
}

const escapeHtml = (value) =>
  String(value).replace(
    /[&<>"']/g,
    (c) =>
      ({
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
      }[c])
  );

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - eSignet (demo)</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;padding:2rem}
main{max-width:26rem;margin:auto;background:#fff;border-radius:8px;padding:1.5rem 2rem;box-shadow:0 1px 4px #0002}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1.2rem;padding:.6rem 1.2rem;font-size:1rem;border:0;border-radius:4px;cursor:pointer}
.primary{background:#1a5fb4;color:#fff}.secondary{background:#ddd}.error{color:#b00020}.hint{color:#555;font-size:.9rem}
</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function loginPage(uid, client, acr, error) {
  return page(
    "Sign in",
    `
<p>${escapeHtml(
      client.clientName || client.clientId
    )} asks you to sign in with your national ID.</p>
<p class="hint">Method: ${escapeHtml(
      ACR_LABELS[acr] || acr
    )} (simulated; the demo code is always the same).</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="individual_id">National ID</label>
<input id="individual_id" name="individual_id" inputmode="numeric" required autofocus>
<label for="otp">One-time code</label>
<input id="otp" name="otp" inputmode="numeric" required>
<p class="hint">Demo: IDs 1234567890, 2345678901, 5550001112; code 111111.</p>
<button class="primary" type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort">
<button class="secondary" type="submit">Cancel</button>
</form>`
  );
}

function consentPage(uid, client, claimNames) {
  const items = claimNames
    .map(
      (c) =>
        `<li data-claim="${escapeHtml(c)}">${escapeHtml(CLAIM_LABELS[c] || c)}</li>`
    )
    .join("");
  return page(
    "Share your information",
    `
<p>${escapeHtml(client.clientName || client.clientId)} asks for:</p>
<ul>${items}</ul>
<form method="post" action="/interaction/${escapeHtml(uid)}/confirm">
<button class="primary" type="submit" name="decision" value="allow">Allow</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort">
<button class="secondary" type="submit" name="decision" value="deny">Deny</button>
</form>`
  );
}

// The claims the client will receive: those of the requested scopes plus the claims
// request parameter, restricted to what the provider supports.
function requestedClaims(params, claimsConfig = CLAIMS) {
  const names = new Set();
  for (const scope of String(params.scope || "").split(" ")) {
    const claims = claimsConfig[scope];
    if (Array.isArray(claims)) claims.forEach((c) => names.add(c));
  }
  if (params.claims) {
    const request =
      typeof params.claims === "string" ? JSON.parse(params.claims) : params.claims;
    for (const part of ["userinfo", "id_token"]) {
      Object.keys(request[part] || {}).forEach((c) => names.add(c));
    }
  }
  const supported = new Set(
    Object.entries(claimsConfig).flatMap(([k, v]) => (Array.isArray(v) ? v : [k]))
  );
  return [...names].filter((c) => supported.has(c));
}

function chosenAcr(params) {
  const asked = String(params.acr_values || "")
    .split(" ")
    .filter(Boolean);
  return asked.find((acr) => ACR_VALUES.includes(acr)) || ACR_VALUES[0];
}

async function readForm(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16384) throw new Error("form too large");
    chunks.push(chunk);
  }
  return Object.fromEntries(
    new URLSearchParams(Buffer.concat(chunks).toString("utf8"))
  );
}

function send(res, status, html) {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
  });
  res.end(html);
}

export function createProvider(config) {
  const identities = new Map(
    config.identities.map((i) => [String(i.individual_id), i])
  );
  const provider = new Provider(config.issuer, {
    clients: config.clients.map(clientMetadata),
    jwks: providerJwks(config),
    cookies: {keys: [randomBytes(32).toString("hex")]},
    acrValues: ACR_VALUES,
    claims: config.claims,
    scopes: ["openid", "profile", "email", "phone", "address"],
    responseTypes: ["code"],
    subjectTypes: config.subject_types,
    pairwiseIdentifier: async (ctx, accountId, client) =>
      createHash("sha256")
        .update(`${client.sectorIdentifier}|${accountId}|${config.pairwise_salt}`)
        .digest("base64url"),
    pkce: {required: () => true},
    clientAuthMethods: config.client_auth_methods,
    enabledJWA: {
      clientAuthSigningAlgValues: ["RS256", "PS256", "ES256"],
      idTokenSigningAlgValues: ["PS256", "RS256"],
      userinfoSigningAlgValues: ["PS256", "RS256"],
      userinfoEncryptionAlgValues: ["RSA-OAEP-256"],
      userinfoEncryptionEncValues: ["A256GCM"],
    },
    discovery: {
      claims_locales_supported: ["en", "fr"],
      ui_locales_supported: ["en", "fr"],
    },
    features: {
      devInteractions: {enabled: false},
      claimsParameter: {enabled: true},
      encryption: {enabled: true},
      jwtUserinfo: {enabled: true},
      rpInitiatedLogout: {enabled: true},
      // Not part of eSignet's profile.
      pushedAuthorizationRequests: {enabled: false},
      resourceIndicators: {enabled: false},
      dPoP: {enabled: false},
    },
    extraParams: ["claims_locales"],
    // oidc-provider refuses to fetch from loopback addresses (SSRF protection); the demo's
    // relying party publishes its JWKS on 127.0.0.1, so that protection is dropped here.
    fetch: (url, {dispatcher, ...options}) => globalThis.fetch(url, options),
    interactions: {url: (ctx, interaction) => `/interaction/${interaction.uid}`},
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    async findAccount(ctx, accountId) {
      const identity = identities.get(accountId);
      if (!identity) return undefined;
      return {
        accountId,
        async claims() {
          return {sub: accountId, ...identity};
        },
      };
    },
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page(
        "Sign-in error",
        `<p class="error" role="alert">${escapeHtml(out.error)}: ${escapeHtml(
          out.error_description || ""
        )}</p>`
      );
    },
  });
  provider.on("server_error", (ctx, err) => console.error("server_error", err));
  return {provider, identities};
}

async function handleInteraction(provider, identities, config, req, res) {
  const [, , uid, action] = new URL(req.url, config.issuer).pathname.split("/");
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  const client = await provider.Client.find(details.params.client_id);
  const acr = chosenAcr(details.params);

  if (req.method === "GET" && !action) {
    if (details.prompt.name === "login")
      return send(res, 200, loginPage(uid, client, acr));
    return send(
      res,
      200,
      consentPage(uid, client, requestedClaims(details.params, config.claims))
    );
  }
  if (req.method !== "POST")
    return send(res, 405, page("Not allowed", "<p>Method not allowed.</p>"));
  const form = await readForm(req);

  if (action === "abort") {
    return provider.interactionFinished(
      req,
      res,
      {
        error: "access_denied",
        error_description: "End-User denied the request",
      },
      {mergeWithLastSubmission: false}
    );
  }
  if (action === "login") {
    const id = String(form.individual_id || "").trim();
    if (!identities.has(id) || form.otp !== config.otp) {
      return send(
        res,
        400,
        loginPage(uid, client, acr, "Unknown ID or wrong one-time code.")
      );
    }
    return provider.interactionFinished(
      req,
      res,
      {
        login: {accountId: id, acr, amr: AMR[acr]},
      },
      {mergeWithLastSubmission: false}
    );
  }
  if (action === "confirm") {
    if (details.prompt.name !== "consent") throw new Error("no consent pending");
    const {accountId} = details.session;
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({accountId, clientId: details.params.client_id});
    const {missingOIDCScope, missingOIDCClaims} = details.prompt.details;
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(" "));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(
      req,
      res,
      {consent: {grantId}},
      {mergeWithLastSubmission: true}
    );
  }
  return send(res, 404, page("Not found", "<p>Unknown step.</p>"));
}

export function createServer(config) {
  const {provider, identities} = createProvider(config);
  const callback = provider.callback();
  return http.createServer(async (req, res) => {
    if (req.url.startsWith("/interaction/")) {
      try {
        await handleInteraction(provider, identities, config, req, res);
      } catch (err) {
        console.error("interaction error:", err.message);
        if (!res.headersSent)
          send(
            res,
            400,
            page(
              "Sign-in error",
              `<p class="error" role="alert">${escapeHtml(err.message)}</p>`
            )
          );
      }
      return;
    }
    callback(req, res);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig(process.argv.slice(2));
  const server = createServer(config);
  server.listen(config.port, "127.0.0.1", () => {
    console.log(
      `eSignet-like OpenID Provider ${config.issuer} listening on 127.0.0.1:${
        server.address().port
      }`
    );
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
