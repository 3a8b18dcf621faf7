// Reads, from HashiCorp Vault, the credentials of the tenants named on stdin (one per line, as
// `hybrid plan --changed --dry-run` and `hybrid drift --dry-run` print a shard's tenants), and
// gives them to the job as the TF_VAR_ variables a deploy reads:
//   TF_VAR_<tenant>_admin_client_id, TF_VAR_<tenant>_admin_client_secret, TF_VAR_<tenant>_saml_key_password,
//   and TF_VAR_<tenant>_saml_next_key_password while the tenant's SAML key rolls over (docs/certs.md)
// (dashes of the tenant as underscores). Or, with `certs`, writes the certificate bundle (a tar.gz) to stdout.
//
//   node examples/vault-tenant-env.mjs github < tenants.txt     appends to $GITHUB_ENV, masks each secret (::add-mask::)
//   node examples/vault-tenant-env.mjs shell  < tenants.txt     prints `export NAME='value'` lines to source
//   node examples/vault-tenant-env.mjs certs | tar -xz          the bundle of certs/*/cert.pem and key.pem.enc.b64 (and certs/*/next/ during a rollover)
//   node examples/vault-tenant-env.mjs token                    a Vault token, logged in with the CI's OIDC token
//
// Vault: VAULT_ADDR; VAULT_TOKEN (hashicorp/vault-action with exportToken), or VAULT_ID_TOKEN and
// VAULT_ROLE to log in with the CI's OIDC token (JWT auth method, mount VAULT_JWT_MOUNT, default jwt).
// Layout (KV version 2): one secret per tenant at $VAULT_TENANTS_PATH/<tenant> (default
// secret/data/hybrid/tenants) with the keys admin_client_id, admin_client_secret and
// saml_key_password, and saml_next_key_password during a key rollover; the bundle base64-encoded at $VAULT_CERTS_PATH (default secret/data/hybrid/certs), key bundle.
// One secret store for the whole fleet, read only for the tenants a job needs: no CI secret per tenant.
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";

const mode = process.argv[2];
if (!["github", "shell", "certs", "token"].includes(mode ?? "")) {
  process.stderr.write("usage: node examples/vault-tenant-env.mjs github|shell|certs|token (tenants on stdin, one per line)\n");
  process.exit(2);
}
const addr = (process.env.VAULT_ADDR ?? "").replace(/\/+$/, "");
if (!addr) fail("VAULT_ADDR is not set");
const tenantsPath = process.env.VAULT_TENANTS_PATH || "secret/data/hybrid/tenants";
const certsPath = process.env.VAULT_CERTS_PATH || "secret/data/hybrid/certs";

function fail(message) {
  process.stderr.write(`vault-tenant-env: ${message}\n`);
  process.exit(1);
}

async function vault(method, path, token, body) {
  const res = await fetch(`${addr}/v1/${path}`, {
    method,
    headers: { ...(token ? { "X-Vault-Token": token } : {}), ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  // Never the body of an error: it could echo what was sent.
  if (!res.ok) fail(`${method} ${path}: Vault answered ${res.status}`);
  return res.json();
}

async function token() {
  if (process.env.VAULT_TOKEN) return process.env.VAULT_TOKEN;
  const jwt = process.env.VAULT_ID_TOKEN;
  const role = process.env.VAULT_ROLE;
  if (!jwt || !role) fail("set VAULT_TOKEN, or VAULT_ID_TOKEN and VAULT_ROLE to log in with the CI's OIDC token");
  const login = await vault("POST", `auth/${process.env.VAULT_JWT_MOUNT || "jwt"}/login`, undefined, { role, jwt });
  return login.auth.client_token;
}

const auth = await token();
if (mode === "token") {
  process.stdout.write(`${auth}\n`);
  process.exit(0);
}
if (mode === "certs") {
  const secret = await vault("GET", certsPath, auth);
  const bundle = secret?.data?.data?.bundle;
  if (typeof bundle !== "string") fail(`${certsPath} has no key bundle`);
  process.stdout.write(Buffer.from(bundle, "base64"));
  process.exit(0);
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const tenants = Buffer.concat(chunks).toString("utf8").split("\n").map((l) => l.trim()).filter(Boolean);
const lines = [];
for (const tenant of tenants) {
  if (!/^[a-z][a-z0-9-]*$/.test(tenant)) fail(`"${tenant}" is not a tenant name`);
  const secret = await vault("GET", `${tenantsPath}/${tenant}`, auth);
  const data = secret?.data?.data ?? {};
  const prefix = `TF_VAR_${tenant.replace(/-/g, "_")}`;
  for (const key of ["admin_client_id", "admin_client_secret", "saml_key_password"]) {
    const value = data[key];
    if (typeof value !== "string" || value === "") fail(`${tenantsPath}/${tenant} has no ${key}`);
    if (key !== "admin_client_id" && mode === "github") process.stdout.write(`::add-mask::${value}\n`);
    lines.push([`${prefix}_${key}`, value]);
  }
  // Only while the tenants file declares a rollover does the stack read the next key's password.
  const next = data.saml_next_key_password;
  if (typeof next === "string" && next !== "") {
    if (mode === "github") process.stdout.write(`::add-mask::${next}\n`);
    lines.push([`${prefix}_saml_next_key_password`, next]);
  }
}
if (mode === "github") {
  const file = process.env.GITHUB_ENV;
  if (!file) fail("GITHUB_ENV is not set (run it as a step of a GitHub Actions job)");
  // The multiline form, with a delimiter no value holds: a value cannot end the entry early.
  const delimiter = `EOF_${randomUUID()}`;
  appendFileSync(file, lines.map(([name, value]) => `${name}<<${delimiter}\n${value}\n${delimiter}\n`).join(""));
  process.stdout.write(`credentials of ${tenants.length} tenant(s) set for the next steps\n`);
} else {
  process.stdout.write(lines.map(([name, value]) => `export ${name}='${value.replace(/'/g, `'\\''`)}'\n`).join(""));
}
