/**
 * Part of `npm run synth`: makes the SAML key pair of every tenant in the tenants
 * file whose cert.pem is missing, so a fresh clone synthesizes without any manual
 * step. No private key is ever committed; certs/ is gitignored.
 */
import { dirname, relative } from "path";
import { PASSWORD_ENV } from "../core/certs";
import { ensureExampleKeyPair } from "../core/certs/example-key-pairs";
import { loadTenantsFile, tenantsFilePath } from "../core/config/tenants-file";

for (const tenant of loadTenantsFile(tenantsFilePath()).tenants) {
  if (!ensureExampleKeyPair(tenant)) continue;
  const how = process.env[PASSWORD_ENV] ? `key encrypted under ${PASSWORD_ENV}` : "random key password in key-password";
  console.log(`example key pair for ${tenant.name}: made ${relative(process.cwd(), dirname(tenant.saml.certificate))}/ (${how})`);
}
