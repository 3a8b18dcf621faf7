import * as path from "node:path";
import { CertError } from "./errors";

const TENANT_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Tenant names become directory names and certificate subjects, so keep them boring. */
export function validateTenantName(name: string): string {
  if (!TENANT_NAME.test(name)) {
    throw new CertError(
      `invalid tenant name "${name}": use lowercase letters, digits and single dashes (e.g. "acme-emea")`,
    );
  }
  return name;
}

/** certs/<tenant>/ under `cwd`, where the synthesis code looks for a tenant's set. */
export function tenantCertDir(cwd: string, tenant: string): string {
  return path.resolve(cwd, "certs", validateTenantName(tenant));
}

export function defaultSubject(tenant: string): { commonName: string; organization: string } {
  return { commonName: `${tenant} hybrid SAML signing`, organization: tenant };
}
