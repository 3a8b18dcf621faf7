import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { createCertSet, defaultSubject } from "../core/certs";
import { REGION_NAMES } from "../core/genesys/regions";
import { tenantsYaml } from "./tenants-yaml";

/**
 * Writes `<dir>/tenants.yaml` with `n` tenants (t0, t1, …, across the regions) that share
 * one certificate set in `<dir>/certs`, as a service provider's tenants may, and returns
 * its path. `extra` adds one line of YAML to the named tenants. For tests and benchmarks
 * of synthesis at scale.
 */
export function writeManyTenants(dir: string, n: number, extra: Readonly<Record<string, string>> = {}): string {
  mkdirSync(join(dir, "certs"), { recursive: true });
  createCertSet(join(dir, "certs"), { subject: defaultSubject("shared"), days: 365, keyBits: 2048, format: "traditional", password: "test-only", now: new Date(), force: true });
  const tenants = Array.from({ length: n }, (_, i) => ({
    name: `t${i}`,
    orgId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
    region: REGION_NAMES[i % REGION_NAMES.length],
    certificate: null,
    extra: extra[`t${i}`] ? [extra[`t${i}`]] : [],
  }));
  const file = join(dir, "tenants.yaml");
  writeFileSync(file, tenantsYaml(tenants, ["saml: { certificate: certs/cert.pem }"]));
  return file;
}
