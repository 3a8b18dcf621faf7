import { App } from "cdktf";
import { type Adoption, adoptionFilePath, readAdoption } from "../core/config/adoption-file";
import { CertificateCheck, CertificateInfo, certificateValidity, checkCertificate, isoDate, readCertificate } from "../core/certs/certificate-check";
import { signingRoleAt } from "../core/contract/signing-set";
import { TenantConfig } from "../core/config/tenant-config";
import type { TenantsFile } from "../core/config/tenants-file";
import { type DeploymentTarget, sandboxStatePath } from "../core/contract/deployment-target";
import { describeFsError } from "../core/fs-errors";
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
  /** Tenants left out, each with why (only when asked to skip them: see {@link checkTenants}). */
  readonly failed: readonly TenantFailure[];
}

/** A tenant that cannot become a stack: its expired or missing certificate, its bad adoption file. */
export interface TenantFailure {
  readonly tenant: string;
  /** What is wrong and the fix, naming the tenant and the file. */
  readonly message: string;
}

/** One tenant, checked: what its TenantStack is built from. */
export interface CheckedTenant {
  readonly tenant: TenantConfig;
  /** `saml.certificate`: valid, except once a rollover no longer signs with it (switch, retire). */
  readonly certificate: CertificateInfo;
  /** `saml.rollover.certificate`, valid, while a rollover is declared. */
  readonly nextCertificate?: CertificateCheck;
  readonly adoption?: Adoption;
}

/**
 * Reads and checks every tenant's certificate, and its adoption file when it has one
 * (`adopted/<tenant>.yaml`, written by `hybrid adopt`). Runs before the App exists, since
 * creating one already writes its output folder: bad input must leave nothing behind.
 *
 * With `skipFailed`, a tenant with a problem is left out and listed in `failed` instead, so
 * that one missed rotation does not stop the rest of the fleet (`hybrid plan`, `hybrid drift`).
 *
 * @throws TenantCertificateError listing every problem; UserError for a bad adoption file (unless `skipFailed`).
 */
export function checkTenants(file: TenantsFile, now: Date = new Date(), opts: { readonly skipFailed?: boolean } = {}): CheckedTenants {
  const problems: string[] = [];
  const failed: TenantFailure[] = [];
  const warnings = [...file.warnings];
  const tenants: CheckedTenant[] = [];
  const adoptions = new Map<string, Adoption | undefined>();
  for (const tenant of file.tenants) {
    // A bad adoption file is its own error (naming the file and the fix), not a certificate problem.
    try {
      adoptions.set(tenant.name, adoptionOf(file.path, tenant));
    } catch (err) {
      if (!opts.skipFailed || !(err instanceof UserError)) throw err;
      failed.push({ tenant: tenant.name, message: err.message });
    }
  }
  // Tenants often share a certificate (tenants-file defaults): each good file is read and checked once.
  const checkedFiles = new Map<string, CertificateCheck>();
  const checked = (file: string) => {
    const found = checkedFiles.get(file) ?? checkCertificate(file, { now });
    checkedFiles.set(file, found);
    return found;
  };
  for (const tenant of file.tenants) {
    if (!adoptions.has(tenant.name)) continue;
    const rollover = tenant.saml.rollover;
    const field = `tenants.${tenant.name}.saml`;
    const own: string[] = [];
    let certificate: CertificateInfo | undefined;
    let nextCertificate: CertificateCheck | undefined;
    try {
      if (signingRoleAt(rollover?.stage) === "current") {
        const check = checked(tenant.saml.certificate);
        certificate = check;
        const why = rollover ? ` (the rollover under way replaces it: deploy its switch stage before then)` : "";
        warnings.push(...check.warnings.map((w) => `${field}.certificate: ${w}${why}`));
      } else {
        // From the switch on the next key signs: the current certificate only stays trusted
        // until the retire stage, so its expiry no longer stops a deploy.
        certificate = readCertificate(tenant.saml.certificate);
        if (rollover?.stage === "switch" && certificateValidity(certificate, now).state === "expired") {
          warnings.push(`${field}.certificate: expired on ${isoDate(certificate.notAfter)}; the identity provider still lists it until the retire stage: deploy retire once agents logged in again`);
        }
      }
    } catch (err) {
      own.push(`${field}.certificate: ${(err as Error).message}`);
    }
    if (rollover) {
      try {
        nextCertificate = checked(rollover.certificate);
        warnings.push(...nextCertificate.warnings.map((w) => `${field}.rollover.certificate: ${w}`));
        if (certificate && nextCertificate.fingerprint256 === certificate.fingerprint256) {
          own.push(
            `${field}.rollover.certificate: ${rollover.certificate} is the same certificate as saml.certificate; ` +
              `make a next key set with \`hybrid certs rotate --tenant ${tenant.name} --next\` and name its cert.pem here`,
          );
        }
      } catch (err) {
        own.push(`${field}.rollover.certificate: ${(err as Error).message}`);
      }
    }
    if (own.length === 0 && certificate) tenants.push({ tenant, certificate, nextCertificate, adoption: adoptions.get(tenant.name) });
    else if (opts.skipFailed) failed.push({ tenant: tenant.name, message: own.join("; ") });
    else problems.push(...own);
  }
  if (problems.length > 0) throw new TenantCertificateError(problems);
  return { tenants, warnings, failed: failed.sort((a, b) => (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0)) };
}

/** {@link readAdoption}, with a file that exists but cannot be read reported like any bad adoption file. */
function adoptionOf(tenantsFile: string, tenant: TenantConfig): Adoption | undefined {
  try {
    return readAdoption(tenantsFile, tenant);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const file = adoptionFilePath(tenantsFile, tenant.name);
    throw new UserError(
      `tenant ${tenant.name}: cannot read adoption file ${file}: ${describeFsError(err)}; make it readable, run \`hybrid adopt --tenant ${tenant.name}\` again to rewrite it, or delete it to let the deploy create everything.`,
      ExitCode.Usage,
    );
  }
}

/** The tenant as its stack deploys to `target`: a sandbox keeps its own state, as a local file, whatever the tenants file says. */
export function tenantForTarget(configured: TenantConfig, target: DeploymentTarget): TenantConfig {
  return target.kind === "sandbox" ? { ...configured, backend: { type: "local", path: sandboxStatePath(target, configured.name) } } : configured;
}

/** Makes the tenant's local state file owner-only before Terraform first writes it ({@link prepareLocalStateFile}). */
export function prepareStateOf(tenant: TenantConfig): void {
  if (tenant.backend.type === "local") prepareLocalStateFile(tenant.backend.path);
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
  return checked.tenants.map(({ tenant: configured, certificate, nextCertificate, adoption }) => {
    const tenant = tenantForTarget(configured, target);
    prepareStateOf(tenant);
    const stack = new TenantStack(app, { tenant, certificate, nextCertificate, adoption });
    applyDeploymentTarget(stack, [stack.org], target);
    return stack;
  });
}
