import * as path from "node:path";
import { matches, TENANT_NAME, TENANT_NAME_MAX_LENGTH } from "../config/formats";
import { CertError } from "./errors";


/** Tenant names become directory names and certificate subjects, so keep them boring. */
export function validateTenantName(name: string): string {
  if (!matches(TENANT_NAME, name) || name.length > TENANT_NAME_MAX_LENGTH) {
    throw new CertError(
      `invalid tenant name "${name}": use up to ${TENANT_NAME_MAX_LENGTH} lowercase letters, digits and single dashes, starting with a letter (e.g. "acme-emea")`,
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
