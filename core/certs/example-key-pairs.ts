import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { TenantConfig } from "../config/tenant-config";
import { tenantVariableNames } from "../contract/tenant-variables";
import { CERT_SET_FILES, createCertSet } from "./cert-set";
import { PASSWORD_ENV } from "./password";
import { DEFAULT_VALIDITY_DAYS } from "./self-signed-certificate";
import { defaultSubject } from "./tenant";

/** Where the random password of an example key pair is kept, beside the key (mode 0600). */
export const EXAMPLE_PASSWORD_FILE = "key-password";

/**
 * The key password the environment gives a tenant, in the order a deploy and the demo take it:
 * `TF_VAR_<tenant>_saml_key_password` (what `cdktf deploy` reads), else HYBRID_KEY_PASSWORD.
 */
export function configuredKeyPassword(tenant: TenantConfig, env: NodeJS.ProcessEnv): string | undefined {
  return env[`TF_VAR_${tenantVariableNames(tenant.name).samlKeyPassword}`] || env[PASSWORD_ENV] || undefined;
}

/**
 * Makes the SAML key pair of a tenant whose cert.pem is missing, so examples and the
 * demo run on a fresh clone with no manual step. The key is encrypted under `password`
 * when given, else under a random password kept in key-password (mode 0600): fine for
 * examples, to be replaced for a real tenant (`hybrid certs rotate`).
 *
 * @returns whether a key pair was made.
 */
export function ensureExampleKeyPair(tenant: TenantConfig, password: string | undefined): boolean {
  // Only a set laid out as `hybrid certs` writes it can be made here.
  if (existsSync(tenant.saml.certificate) || basename(tenant.saml.certificate) !== CERT_SET_FILES.certificate) return false;
  const dir = dirname(tenant.saml.certificate);
  const used = password ?? randomBytes(18).toString("base64url");
  createCertSet(dir, { subject: defaultSubject(tenant.name), days: DEFAULT_VALIDITY_DAYS, keyBits: 2048, format: "traditional", password: used, now: new Date(), force: false });
  if (password === undefined) writeFileSync(join(dir, EXAMPLE_PASSWORD_FILE), used + "\n", { mode: 0o600 });
  return true;
}

/** The random password of an example key pair (its key-password file), or undefined. */
export function exampleKeyPassword(tenant: TenantConfig): string | undefined {
  const file = join(dirname(tenant.saml.certificate), EXAMPLE_PASSWORD_FILE);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}
