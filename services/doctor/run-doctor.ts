import type { TenantConfig } from "../../core/config/tenant-config";
import type { Project } from "../../core/project";
import { readTenantOutputs, secretValues, tenantStackDir, type TenantOutputs } from "../../core/contract/tenant-outputs";
import { UserError } from "../../core/user-error";
import { CheckResult, fail, pass } from "./check-result";
import { checkIdentityProvider } from "./checks/identity-provider";
import { checkPacingToken } from "./checks/pacing-token";
import { checkRolePermissions } from "./checks/role-permissions";
import { checkSigningKey } from "./checks/signing-key";
import { checkRolloverStage } from "./checks/rollover-stage";
import { checkTokenExchange } from "./checks/token-exchange";
import { checkTrustedKeys } from "./checks/trusted-keys";
import { GenesysApi } from "../../core/genesys/api-client";
import type { DoctorTarget } from "./doctor-target";
import { agentEmail } from "./test-agent";
import { applyOverride } from "../../core/genesys/loopback";

export interface DoctorOptions {
  readonly project: Project;
  /** The synthesized app. @default the project's cdktf.out */
  readonly synthDir?: string;
  /** The caller's whole environment (Terraform reads a pg backend's PG_CONN_STR, a sandbox's TF_DATA_DIR). */
  readonly env: NodeJS.ProcessEnv;
  readonly now: Date;
  /** `--agent`: a user name or e-mail address. */
  readonly agent: string;
  /** The loopback origin of HYBRID_GENESYS_URL_OVERRIDE, already validated (core/genesys/loopback). */
  readonly override?: string;
  /** @default 10000 */
  readonly userSearchWaitMs?: number;
  /** Reads a tenant's outputs (the demo passes those it read after its apply). @default `terraform output -json` in its stack */
  readonly readOutputs?: (tenant: string) => Promise<TenantOutputs>;
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
    outputs = await (opts.readOutputs ?? ((t: string) => readTenantOutputs(t, { project: opts.project, synthDir: opts.synthDir, env: opts.env })))(tenant.name);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return report(tenant.name, [fail(outId, outTitle, "terraform output -json", err.message)]);
  }
  const secrets = secretValues(outputs);
  const general = outputs.options.general;
  const auth = httpsUrl(general.base_auth_url);
  const service = httpsUrl(general.base_service_url);
  if (!auth || !service) {
    return report(tenant.name, [fail(outId, outTitle, `general/base_auth_url "${general.base_auth_url}", general/base_service_url "${general.base_service_url}"`, `both must be https URLs: npx cdktf deploy ${tenant.name}`)], { secrets });
  }
  const authUrl = applyOverride(auth.href, opts.override);
  const serviceUrl = applyOverride(service.href.endsWith("/") ? service.href : `${service.href}/`, opts.override);
  const target: DoctorTarget = {
    tenant,
    outputs,
    publicAuthUrl: auth.href,
    authUrl,
    serviceUrl,
    http: new GenesysApi({ allowedOrigins: [...new Set([new URL(authUrl).origin, new URL(serviceUrl).origin])] }),
    now: opts.now,
    agentEmail: agentEmail(opts.agent, general.organization_sname, outputs.options.annex.organization_domain_suffix),
    userSearchWaitMs: opts.userSearchWaitMs ?? 10_000,
    env: opts.env,
  };
  const checks: CheckResult[] = [pass(outId, outTitle, `hybrid_integration of ${tenantStackDir(opts.synthDir ?? opts.project.synthDir(opts.project.root), tenant.name)}`)];
  checks.push(...checkRolloverStage(target));
  const pacing = await checkPacingToken(target);
  checks.push(pacing.result);
  const idp = await checkIdentityProvider(target, pacing.token);
  checks.push(...idp.results);
  const key = checkSigningKey(target);
  checks.push(...key.results);
  checks.push(await checkRolePermissions(target, pacing.token));
  checks.push(...(await checkTokenExchange(target, key.material, pacing.token)));
  checks.push(...(await checkTrustedKeys(target, idp.answer)));
  return report(tenant.name, checks, { authUrl, serviceUrl, override: opts.override, secrets });
}
