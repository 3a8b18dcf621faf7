/**
 * Part of `npm run synth`: makes the SAML key pair of every tenant in the tenants
 * file whose cert.pem is missing, so a fresh clone synthesizes without any manual
 * step. No private key is ever committed; certs/ is gitignored.
 */
import { dirname, relative } from "node:path";
import { configuredKeyPassword, ensureExampleKeyPair } from "../core/certs/example-key-pairs";
import { loadTenantsFile } from "../core/config/tenants-file";
import { tenantKeySets } from "../core/contract/signing-set";
import { Project } from "../core/project";

const project = Project.require(process.cwd(), "npm run synth");
for (const tenant of loadTenantsFile(project.tenantsFile(process.cwd(), process.env)).tenants) {
  // The next set of a key rollover too, under its own password variable.
  for (const set of tenantKeySets(tenant)) {
    const password = configuredKeyPassword(tenant, process.env, set.role);
    if (!ensureExampleKeyPair(tenant, password, set.role)) continue;
    const how = password ? "key encrypted under the configured key password" : "random key password in key-password";
    console.log(`example key pair for ${tenant.name}: made ${relative(process.cwd(), dirname(set.certificateFile))}/ (${how})`);
  }
}
