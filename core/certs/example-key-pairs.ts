import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { TenantConfig } from "../config/tenant-config";
import { type KeySetRole, type TenantKeySet, tenantKeySets } from "../contract/signing-set";
import { CERT_SET_FILES, createCertSet } from "./cert-set";
import { PASSWORD_ENV } from "./password";
import { DEFAULT_VALIDITY_DAYS } from "./self-signed-certificate";
import { defaultSubject } from "./tenant";

/** Where the random password of an example key pair is kept, beside the key (mode 0600). */
export const EXAMPLE_PASSWORD_FILE = "key-password";

/** The tenant's key set of `role`: the current one, or the next one while a rollover is declared. */
function keySet(tenant: TenantConfig, role: KeySetRole): TenantKeySet | undefined {
  return tenantKeySets(tenant).find((s) => s.role === role);
}

/**
 * The key password the environment gives a tenant's key set, in the order a deploy and the demo
 * take it: `TF_VAR_<tenant>_saml_key_password` (what `cdktf deploy` reads; for the next set of a
 * rollover `TF_VAR_<tenant>_saml_next_key_password`), else HYBRID_KEY_PASSWORD.
 */
export function configuredKeyPassword(tenant: TenantConfig, env: NodeJS.ProcessEnv, role: KeySetRole = "current"): string | undefined {
  const set = keySet(tenant, role);
  return set ? env[`TF_VAR_${set.passwordVariable}`] || env[PASSWORD_ENV] || undefined : undefined;
}

/**
 * Makes the SAML key pair of a tenant's key set (`role`) whose cert.pem is missing, so examples and
 * the demo run on a fresh clone with no manual step. The key is encrypted under `password`
 * when given, else under a random password kept in key-password (mode 0600): fine for
 * examples, to be replaced for a real tenant (`hybrid certs rotate`).
 *
 * @returns whether a key pair was made.
 */
export function ensureExampleKeyPair(tenant: TenantConfig, password: string | undefined, role: KeySetRole = "current"): boolean {
  const set = keySet(tenant, role);
  // Only a set laid out as `hybrid certs` writes it can be made here.
  if (!set || existsSync(set.certificateFile) || basename(set.certificateFile) !== CERT_SET_FILES.certificate) return false;
  const dir = dirname(set.certificateFile);
  const used = password ?? randomBytes(18).toString("base64url");
  createCertSet(dir, { subject: defaultSubject(tenant.name), days: DEFAULT_VALIDITY_DAYS, keyBits: 2048, format: "traditional", password: used, now: new Date(), force: false });
  if (password === undefined) writeFileSync(join(dir, EXAMPLE_PASSWORD_FILE), used + "\n", { mode: 0o600 });
  return true;
}

/** The random password of an example key pair (its key-password file), or undefined. */
export function exampleKeyPassword(tenant: TenantConfig, role: KeySetRole = "current"): string | undefined {
  const set = keySet(tenant, role);
  const file = set && join(dirname(set.certificateFile), EXAMPLE_PASSWORD_FILE);
  return file && existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}
