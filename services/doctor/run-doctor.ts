import type { TenantConfig } from "../../core/config/tenant-config";
import { readTenantOutputs, tenantStackDir, type TenantOutputs } from "../../core/contract/tenant-outputs";
import { UserError } from "../../core/user-error";
import { CheckResult, fail, pass } from "./check-result";
import { checkIdentityProvider } from "./checks/identity-provider";
import { checkPacingToken } from "./checks/pacing-token";
import { checkRolePermissions } from "./checks/role-permissions";
import { checkSigningKey } from "./checks/signing-key";
import { checkTokenExchange } from "./checks/token-exchange";
import { DoctorHttp } from "./doctor-http";
import type { DoctorTarget } from "./doctor-target";
import { agentEmail } from "./test-agent";
import { applyOverride } from "../../core/genesys/url-override";

export interface DoctorOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now: Date;
  /** `--agent`: a user name or e-mail address. */
  readonly agent: string;
  /** The loopback origin of HYBRID_GENESYS_URL_OVERRIDE, already validated (see url-override.ts). */
  readonly override?: string;
  /** The synthesized app. @default "cdktf.out" */
  readonly outdir?: string;
  /** @default 10000 */
  readonly userSearchWaitMs?: number;
}

export interface TenantReport {
  readonly tenant: string;
  readonly ok: boolean;
  /** Where requests went (after any override); absent when the outputs could not be read. */
  readonly authUrl?: string;
  readonly serviceUrl?: string;
  readonly override?: string;
  readonly checks: readonly CheckResult[];
  /** Values that must never be printed: the tenant's secret outputs. Not part of any output. */
  readonly secrets: readonly string[];
}

const OUTPUTS: [string, string] = ["outputs", "tenant's deployed outputs are readable"];

function httpsUrl(value: string | undefined): URL | undefined {
  try {
    const url = value ? new URL(value) : undefined;
    return url && url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

function report(tenant: string, checks: CheckResult[], rest: Partial<TenantReport> = {}): TenantReport {
  // A check not run (skipped) fails nothing by itself: it follows a failure, or an adopted client whose secret Terraform lacks.
  return { tenant, ok: checks.every((c) => c.status !== "fail"), checks, secrets: [], ...rest };
}

/** Every check of one deployed tenant, in order; reads its outputs through Terraform first. */
export async function doctorTenant(tenant: TenantConfig, opts: DoctorOptions): Promise<TenantReport> {
  const [outId, outTitle] = OUTPUTS;
  let outputs: TenantOutputs;
  try {
    outputs = await readTenantOutputs(tenant.name, { cwd: opts.cwd, outdir: opts.outdir, env: opts.env });
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return report(tenant.name, [fail(outId, outTitle, "terraform output -json", err.message)]);
  }
  const secrets = Object.values(outputs.secrets)
    .flatMap((section) => Object.values(section ?? {}))
    .filter((v): v is string => typeof v === "string" && v !== "");
  const general = outputs.hybridIntegration.general ?? {};
  const auth = httpsUrl(general.base_auth_url);
  const service = httpsUrl(general.base_service_url);
  if (!auth || !service) {
    return report(tenant.name, [fail(outId, outTitle, `general/base_auth_url "${general.base_auth_url ?? ""}", general/base_service_url "${general.base_service_url ?? ""}"`, `both must be https URLs: npx cdktf deploy ${tenant.name}`)], { secrets });
  }
  const authUrl = applyOverride(auth.href, opts.override);
  const serviceUrl = applyOverride(service.href.endsWith("/") ? service.href : `${service.href}/`, opts.override);
  const target: DoctorTarget = {
    tenant,
    outputs,
    publicAuthUrl: auth.href,
    authUrl,
    serviceUrl,
    http: new DoctorHttp([...new Set([new URL(authUrl).origin, new URL(serviceUrl).origin])]),
    now: opts.now,
    agentEmail: agentEmail(opts.agent, general.organization_sname ?? tenant.organization.shortName, outputs.hybridIntegration.annex?.organization_domain_suffix ?? tenant.organization.domainSuffix),
    userSearchWaitMs: opts.userSearchWaitMs ?? 10_000,
  };
  const checks: CheckResult[] = [pass(outId, outTitle, `hybrid_integration of ${tenantStackDir(tenant.name, { cwd: opts.cwd, outdir: opts.outdir })}`)];
  const pacing = await checkPacingToken(target);
  checks.push(pacing.result);
  checks.push(...(await checkIdentityProvider(target, pacing.token)));
  const key = checkSigningKey(target);
  checks.push(...key.results);
  checks.push(await checkRolePermissions(target, pacing.token));
  checks.push(...(await checkTokenExchange(target, key.material, pacing.token)));
  return report(tenant.name, checks, { authUrl, serviceUrl, override: opts.override, secrets });
}
