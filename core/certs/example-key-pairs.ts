import { randomBytes } from "crypto";
import { existsSync, readFileSync, writeFileSync } from "fs";
import { basename, dirname, join } from "path";
import type { TenantConfig } from "../config/tenant-config";
import { CERT_SET_FILES, createCertSet } from "./cert-set";
import { PASSWORD_ENV } from "./password";
import { DEFAULT_VALIDITY_DAYS } from "./self-signed-certificate";
import { defaultSubject } from "./tenant";

/** Where the random password of an example key pair is kept, beside the key (mode 0600). */
export const EXAMPLE_PASSWORD_FILE = "key-password";

/**
 * Makes the SAML key pair of a tenant whose cert.pem is missing, so examples and the
 * demo run on a fresh clone with no manual step. The key is encrypted under
 * HYBRID_KEY_PASSWORD when set, else under a random password kept in key-password
 * (mode 0600): fine for examples, to be replaced for a real tenant (`hybrid certs rotate`).
 *
 * @returns whether a key pair was made.
 */
export function ensureExampleKeyPair(tenant: TenantConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  // Only a set laid out as `hybrid certs` writes it can be made here.
  if (existsSync(tenant.saml.certificate) || basename(tenant.saml.certificate) !== CERT_SET_FILES.certificate) return false;
  const dir = dirname(tenant.saml.certificate);
  const fromEnv = env[PASSWORD_ENV];
  const password = fromEnv ?? randomBytes(18).toString("base64url");
  createCertSet(dir, { subject: defaultSubject(tenant.name), days: DEFAULT_VALIDITY_DAYS, keyBits: 2048, format: "traditional", password, now: new Date(), force: false });
  if (!fromEnv) writeFileSync(join(dir, EXAMPLE_PASSWORD_FILE), password + "\n", { mode: 0o600 });
  return true;
}

/** The password of a tenant's key: HYBRID_KEY_PASSWORD, else the example's key-password file, else undefined. */
export function exampleKeyPassword(tenant: TenantConfig, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env[PASSWORD_ENV]) return env[PASSWORD_ENV];
  const file = join(dirname(tenant.saml.certificate), EXAMPLE_PASSWORD_FILE);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}
