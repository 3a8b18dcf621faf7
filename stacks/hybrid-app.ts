import { App } from "cdktf";
import { CertificateCheck, checkCertificate } from "../lib/certs/certificate-check";
import { TenantConfig } from "../lib/config/tenant-config";
import type { TenantsFile } from "../lib/config/tenants-file";
import { prepareLocalStateFile } from "./local-state";
import { UserError } from "../lib/user-error";
import { TenantStack } from "./tenant-stack";

/** Certificate problems of a tenants file, all at once. */
export class TenantCertificateError extends UserError {
  constructor(public readonly problems: readonly string[]) {
    super(`tenant certificates have ${problems.length} problem(s); nothing was synthesized:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Tenants whose certificates were read and checked, ready to become stacks. */
export interface CheckedTenants {
  readonly tenants: readonly { readonly tenant: TenantConfig; readonly certificate: CertificateCheck }[];
  /** Tenants-file warnings and certificates expiring soon, to show the user. */
  readonly warnings: readonly string[];
}

/**
 * Reads and checks every tenant's certificate. Runs before the App exists, since
 * creating one already writes its output folder: bad input must leave nothing behind.
 *
 * @throws TenantCertificateError listing every problem.
 */
export function checkTenants(file: TenantsFile, now: Date = new Date()): CheckedTenants {
  const problems: string[] = [];
  const warnings = [...file.warnings];
  const tenants: { tenant: TenantConfig; certificate: CertificateCheck }[] = [];
  for (const tenant of file.tenants) {
    try {
      const certificate = checkCertificate(tenant.saml.certificate, { now });
      tenants.push({ tenant, certificate });
      warnings.push(...certificate.warnings.map((w) => `tenants.${tenant.name}.saml.certificate: ${w}`));
    } catch (err) {
      problems.push(`tenants.${tenant.name}.saml.certificate: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new TenantCertificateError(problems);
  return { tenants, warnings };
}

/**
 * One stack per checked tenant. Local state files are made owner-only first
 * ({@link prepareLocalStateFile}): they will hold the OAuth clients' secrets.
 */
export function addTenantStacks(app: App, checked: CheckedTenants): TenantStack[] {
  return checked.tenants.map(({ tenant, certificate }) => {
    if (tenant.backend.type === "local") prepareLocalStateFile(tenant.backend.path);
    return new TenantStack(app, { tenant, certificate });
  });
}
