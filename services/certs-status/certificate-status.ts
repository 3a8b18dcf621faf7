import { type CertificateInfo, certificateValidity, readCertificate } from "../../core/certs/certificate-check";
import { CertError } from "../../core/certs/errors";
import type { RolloverStageOrNone } from "../../core/config/rollover-stage";
import type { TenantConfig } from "../../core/config/tenant-config";
import { signingSet, tenantKeySets } from "../../core/contract/signing-set";

/** How urgent a tenant's signing certificate is: by days left, warnings at 60, 30 and 7. */
export type Urgency = "unreadable" | "expired" | "not-yet-valid" | "under-7-days" | "under-30-days" | "under-60-days" | "ok";

/** Days left under which each warning starts. */
export const WARNING_DAYS = [60, 30, 7] as const;

/** The urgencies that need attention now (exit code 3): agents fail, or will within a week. */
export const ATTENTION: readonly Urgency[] = ["expired", "not-yet-valid", "under-7-days"];

/** One certificate of a tenant: its file, and when it was readable, its expiry. */
export interface CertificateDates {
  /** Absolute path of its cert.pem. */
  readonly file: string;
  /** ISO 8601, UTC. */
  readonly notAfter?: string;
  /** Whole days until notAfter; negative once expired. */
  readonly daysLeft?: number;
  /** Why it could not be read (one line naming the file). */
  readonly problem?: string;
}

/** One row of `hybrid certs status`. */
export interface CertificateStatus {
  readonly tenant: string;
  /** The key rollover stage the tenants file declares. */
  readonly stage: RolloverStageOrNone;
  readonly urgency: Urgency;
  /** The certificate of the key the transaction object signs with at that stage. */
  readonly active: CertificateDates;
  /** During a rollover, the tenant's other certificate (the next one at publish, the previous one from switch on). */
  readonly other?: CertificateDates;
  /** What to do, when anything. */
  readonly advice?: string;
}

/**
 * Every selected tenant's signing certificate, from the tenants file and the certificate files
 * alone (no Terraform, no network), most urgent first: unreadable, expired or not yet valid,
 * then by days left. A certificate file shared by several tenants is read once.
 */
export function certificateStatuses(tenants: readonly TenantConfig[], now: Date): CertificateStatus[] {
  const read = new Map<string, CertificateInfo | CertError>();
  const dates = (file: string): { dates: CertificateDates; info?: CertificateInfo } => {
    let found = read.get(file);
    if (found === undefined) {
      try {
        found = readCertificate(file);
      } catch (err) {
        if (!(err instanceof CertError)) throw err;
        found = err;
      }
      read.set(file, found);
    }
    if (found instanceof CertError) return { dates: { file, problem: found.message } };
    return { dates: { file, notAfter: found.notAfter.toISOString(), daysLeft: certificateValidity(found, now).daysLeft }, info: found };
  };
  const rows = tenants.map((tenant): CertificateStatus => {
    const stage = tenant.saml.rollover?.stage ?? "none";
    const signing = signingSet(tenant);
    const active = dates(signing.certificateFile);
    const otherSet = tenantKeySets(tenant).find((s) => s.role !== signing.role);
    const other = otherSet && dates(otherSet.certificateFile).dates;
    const urgency: Urgency = !active.info ? "unreadable" : urgencyOf(certificateValidity(active.info, now));
    return { tenant: tenant.name, stage, urgency, active: active.dates, ...(other ? { other } : {}), ...adviceFor(tenant, stage, urgency) };
  });
  const rank = (r: CertificateStatus) => ["unreadable", "expired", "not-yet-valid"].indexOf(r.urgency);
  return rows.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    if (ra !== rb) return (ra < 0 ? 99 : ra) - (rb < 0 ? 99 : rb);
    const [da, db] = [a.active.daysLeft ?? 0, b.active.daysLeft ?? 0];
    return da !== db ? da - db : a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : 0;
  });
}

function urgencyOf(v: ReturnType<typeof certificateValidity>): Urgency {
  if (v.state === "expired" || v.state === "not-yet-valid") return v.state;
  const [sixty, thirty, seven] = WARNING_DAYS;
  return v.daysLeft < seven ? "under-7-days" : v.daysLeft < thirty ? "under-30-days" : v.daysLeft < sixty ? "under-60-days" : "ok";
}

function adviceFor(tenant: TenantConfig, stage: RolloverStageOrNone, urgency: Urgency): { advice?: string } {
  const t = tenant.name;
  if (urgency === "unreadable") return { advice: `restore the certificate file the tenants file names, or make one: hybrid certs create --tenant ${t}` };
  if (urgency === "expired" || urgency === "not-yet-valid") {
    return { advice: `agents cannot log in: rotate now with the hard cut, hybrid certs rotate --tenant ${t}, deploy and retype saml/* on premises (docs/certs.md, "The hard cut")` };
  }
  if (urgency === "ok") return {};
  const next: Record<RolloverStageOrNone, string> = {
    none: `roll the key over: hybrid certs rotate --tenant ${t} --next, then deploy publish, switch, retire (docs/certs.md, "Rolling the key over")`,
    publish: `the rollover is at publish: deploy switch and import its export before the certificate expires`,
    switch: `the rollover signs with the next key already, yet it expires soon too: make another next set after this rollover`,
    retire: `the next key, which signs now, expires soon too: finish this rollover and start another`,
  };
  return { advice: next[stage] };
}
