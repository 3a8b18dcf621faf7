import { App } from "cdktf";
import { type Adoption, readAdoption } from "../core/config/adoption-file";
import { CertificateCheck, CertificateInfo, certificateValidity, checkCertificate, isoDate, readCertificate } from "../core/certs/certificate-check";
import { signingRoleAt } from "../core/contract/signing-set";
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
  const checked = (file: string) => {
    const found = checkedFiles.get(file) ?? checkCertificate(file, { now });
    checkedFiles.set(file, found);
    return found;
  };
  for (const tenant of file.tenants) {
    const rollover = tenant.saml.rollover;
    const field = `tenants.${tenant.name}.saml`;
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
      problems.push(`${field}.certificate: ${(err as Error).message}`);
    }
    if (rollover) {
      try {
        nextCertificate = checked(rollover.certificate);
        warnings.push(...nextCertificate.warnings.map((w) => `${field}.rollover.certificate: ${w}`));
        if (certificate && nextCertificate.fingerprint256 === certificate.fingerprint256) {
          problems.push(
            `${field}.rollover.certificate: ${rollover.certificate} is the same certificate as saml.certificate; ` +
              `make a next key set with \`hybrid certs rotate --tenant ${tenant.name} --next\` and name its cert.pem here`,
          );
        }
      } catch (err) {
        problems.push(`${field}.rollover.certificate: ${(err as Error).message}`);
      }
    }
    if (certificate && (!rollover || nextCertificate)) tenants.push({ tenant, certificate, nextCertificate, adoption: adoptions.get(tenant.name) });
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
  return checked.tenants.map(({ tenant: configured, certificate, nextCertificate, adoption }) => {
    // The tenants file's backend is for real state; a sandbox keeps its own, as a local file.
    const tenant: TenantConfig = target.kind === "sandbox" ? { ...configured, backend: { type: "local", path: sandboxStatePath(target, configured.name) } } : configured;
    if (tenant.backend.type === "local") prepareLocalStateFile(tenant.backend.path);
    // The synthesis threads hand over only `certificate`: a rollover's next one, which
    // checkTenants already read and checked, is read again in whichever thread builds the stack.
    const next = nextCertificate ?? (tenant.saml.rollover ? readCertificate(tenant.saml.rollover.certificate) : undefined);
    const stack = new TenantStack(app, { tenant, certificate, nextCertificate: next, adoption });
    applyDeploymentTarget(stack, [stack.org], target);
    return stack;
  });
}
