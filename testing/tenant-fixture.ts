import { copyFileSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { createCertSet, defaultSubject } from "../core/certs";
import { loadTenantsFile, TenantsFile } from "../core/config/tenants-file";
import { makeUserProject } from "./user-project";

export const EXAMPLE_TENANTS_FILE = join(__dirname, "..", "tenants.yaml");
export const TEST_KEY_PASSWORD = "test-only-key-password";

/**
 * A user's project in a temp folder (see makeUserProject) holding a tenants file (the
 * repository's example unless `yaml` is given) and, for each tenant, a certificate set
 * made now (`days` valid), encrypted under TEST_KEY_PASSWORD.
 */
export function tenantFixture(opts: { yaml?: string; days?: number; now?: Date; skipCerts?: string[] } = {}): { dir: string; file: TenantsFile } {
  const dir = mkdtempSync(join(tmpdir(), "tenants-"));
  makeUserProject(dir);
  const path = join(dir, "tenants.yaml");
  if (opts.yaml === undefined) copyFileSync(EXAMPLE_TENANTS_FILE, path);
  else writeFileSync(path, opts.yaml);
  const file = loadTenantsFile(path);
  for (const tenant of file.tenants) {
    if (opts.skipCerts?.includes(tenant.name)) continue;
    createCertSet(dirname(tenant.saml.certificate), {
      subject: defaultSubject(tenant.name),
      days: opts.days ?? 365,
      keyBits: 2048,
      format: "traditional",
      password: TEST_KEY_PASSWORD,
      now: opts.now ?? new Date(),
      force: false,
    });
  }
  return { dir, file };
}
