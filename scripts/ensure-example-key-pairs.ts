/**
 * Part of `npm run synth`: makes the SAML key pair of every tenant in the tenants
 * file whose cert.pem is missing, so a fresh clone synthesizes without any manual
 * step. No private key is ever committed; certs/ is gitignored.
 *
 * The key is encrypted under HYBRID_KEY_PASSWORD when set; otherwise under a
 * random password kept beside it in key-password (mode 0600), fine for the
 * examples and to be replaced for a real tenant (`hybrid certs rotate`).
 */
import { randomBytes } from "crypto";
import { existsSync, writeFileSync } from "fs";
import { basename, dirname, join, relative } from "path";
import { CERT_SET_FILES, createCertSet, defaultSubject, DEFAULT_VALIDITY_DAYS, PASSWORD_ENV } from "../lib/certs";
import { loadTenantsFile, tenantsFilePath } from "../lib/config/tenants-file";

function main(): void {
  const file = loadTenantsFile(tenantsFilePath());
  for (const tenant of file.tenants) {
    // Only a set laid out as `hybrid certs` writes it can be made here.
    if (existsSync(tenant.saml.certificate) || basename(tenant.saml.certificate) !== CERT_SET_FILES.certificate) continue;
    const dir = dirname(tenant.saml.certificate);
    const fromEnv = process.env[PASSWORD_ENV];
    const password = fromEnv ?? randomBytes(18).toString("base64url");
    createCertSet(dir, {
      subject: defaultSubject(tenant.name),
      days: DEFAULT_VALIDITY_DAYS,
      keyBits: 2048,
      format: "traditional",
      password,
      now: new Date(),
      force: false,
    });
    if (!fromEnv) writeFileSync(join(dir, "key-password"), password + "\n", { mode: 0o600 });
    console.log(`example key pair for ${tenant.name}: made ${relative(process.cwd(), dir)}/ (${fromEnv ? `key encrypted under ${PASSWORD_ENV}` : "random key password in key-password"})`);
  }
}

main();
