import { App } from "cdktf";
import { type Adoption, readAdoption } from "../core/config/adoption-file";
import { CertificateCheck, checkCertificate } from "../core/certs/certificate-check";
import { TenantConfig } from "../core/config/tenant-config";
import type { TenantsFile } from "../core/config/tenants-file";
import { type DeploymentTarget, sandboxStatePath } from "../core/contract/deployment-target";
import { applyDeploymentTarget } from "./deployment-target";
import { prepareLocalStateFile } from "./local-state";
import { ExitCode, UserError } from "../core/user-error";
import { TenantStack, type TenantStackProps } from "./tenant-stack";

/** Certificate problems of a tenants file, all at once. */
export class TenantCertificateError extends UserError {
  constructor(public readonly problems: readonly string[]) {
    super(`tenant certificates have ${problems.length} problem(s); nothing was synthesized:\n${problems.map((p) => `  - ${p}`).join("\n")}`, ExitCode.Usage);
  }
}

/** Tenants whose certificates were read and checked, ready to become stacks. */
export interface CheckedTenants {
  readonly tenants: readonly CheckedTenant[];
  /** Tenants-file warnings and certificates expiring soon, to show the user. */
  readonly warnings: readonly string[];
}

/** One tenant, checked: what its TenantStack is built from. */
export interface CheckedTenant {
  readonly tenant: TenantConfig;
  readonly certificate: CertificateCheck;
  readonly adoption?: Adoption;
}

/**
 * Reads and checks every tenant's certificate, and its adoption file when it has one
 * (`adopted/<tenant>.yaml`, written by `hybrid adopt`). Runs before the App exists, since
 * creating one already writes its output folder: bad input must leave nothing behind.
 *
 * @throws TenantCertificateError listing every problem; UserError for a bad adoption file.
 */
export function checkTenants(file: TenantsFile, now: Date = new Date()): CheckedTenants {
  const problems: string[] = [];
  const warnings = [...file.warnings];
  const tenants: CheckedTenant[] = [];
  const adoptions = new Map<string, Adoption | undefined>();
  for (const tenant of file.tenants) {
    // A bad adoption file is its own error (naming the file and the fix), not a certificate problem.
    adoptions.set(tenant.name, readAdoption(file.path, tenant));
  }
  // Tenants often share a certificate (tenants-file defaults): each good file is read and checked once.
  const checkedFiles = new Map<string, CertificateCheck>();
  for (const tenant of file.tenants) {
    try {
      const certificate = checkedFiles.get(tenant.saml.certificate) ?? checkCertificate(tenant.saml.certificate, { now });
      checkedFiles.set(tenant.saml.certificate, certificate);
      tenants.push({ tenant, certificate, adoption: adoptions.get(tenant.name) });
      warnings.push(...certificate.warnings.map((w) => `tenants.${tenant.name}.saml.certificate: ${w}`));
    } catch (err) {
      problems.push(`tenants.${tenant.name}.saml.certificate: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new TenantCertificateError(problems);
  return { tenants, warnings };
}

/**
 * One stack per checked tenant, made to deploy to `target` (the tenants' Genesys
 * Cloud regions unless a sandbox is named). Local state files are made owner-only
 * first ({@link prepareLocalStateFile}): they will hold the OAuth clients' secrets.
 */
export function addTenantStacks(
  app: App,
  checked: { readonly tenants: readonly TenantStackProps[] },
  target: DeploymentTarget = { kind: "genesys-cloud" },
): TenantStack[] {
  return checked.tenants.map(({ tenant: configured, certificate, adoption }) => {
    // The tenants file's backend is for real state; a sandbox keeps its own, as a local file.
    const tenant: TenantConfig = target.kind === "sandbox" ? { ...configured, backend: { type: "local", path: sandboxStatePath(target, configured.name) } } : configured;
    if (tenant.backend.type === "local") prepareLocalStateFile(tenant.backend.path);
    const stack = new TenantStack(app, { tenant, certificate, adoption });
    applyDeploymentTarget(stack, [stack.org], target);
    return stack;
  });
}
