import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runBounded } from "../../core/bounded-pool";
import type { TenantConfig } from "../../core/config/tenant-config";
import { PUREENGAGE_IDP_PATH, ROLES_PATH } from "../../core/genesys/api-paths";
import type { PermissionPolicy } from "../../core/genesys/journey-permissions";
import { initStacks } from "../../core/terraform/init-stacks";
import { errorBlock, lastLines, runTerraform, type Terraform } from "../../core/terraform/terraform";
import { UserError } from "../../core/user-error";
import { OrgApi } from "../../core/genesys/org-api";
import { parsePlanJson, type PlanJson } from "../plan/plan-json";
import { declaredIdentityProvider } from "./declared-identity-provider";
import { driftStatus, type Drift, type TenantDrift } from "./drift";
import { identityProviderDrift } from "./identity-provider-drift";
import { planDrift } from "./plan-drift";
import { roleGrantDrift } from "./role-grant-drift";

export type DriftPhase = "init" | "refresh-only plan" | "plan" | "API checks";

export type DriftEvent = { readonly type: "phase"; readonly tenant: string; readonly phase: DriftPhase } | { readonly type: "done"; readonly result: TenantDrift };

export interface DriftOptions {
  /** The synthesized stacks, `<synth dir>/stacks`. */
  readonly stacksDir: string;
  readonly tenants: readonly TenantConfig[];
  /** Tenants checked at once. */
  readonly parallel: number;
  readonly terraform: Terraform;
  /** The caller's environment: the admin clients (TF_VAR_), the sandbox's URL override. */
  readonly env: NodeJS.ProcessEnv;
  readonly onEvent?: (event: DriftEvent) => void;
}

/**
 * Checks each tenant's org against its stack, `parallel` at a time, changing nothing: Terraform's
 * refresh-only plan (what changed since the last apply) and plan (what an apply would change),
 * both `-detailed-exitcode`, then what plans cannot see, read from the API with the tenant's
 * admin client (GETs only): the identity provider field by field against its declared fields,
 * and the role of the Journey role grant. The saved plans (which hold every variable's value)
 * live in a private temporary folder, removed at the end.
 */
export async function checkDrift(opts: DriftOptions): Promise<TenantDrift[]> {
  const emit = opts.onEvent ?? (() => undefined);
  const dirOf = (tenant: string) => path.join(opts.stacksDir, tenant);
  const names = opts.tenants.map((t) => t.name);
  const started = new Map<string, number>();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "hybrid-drift-"));
  try {
    const inits = await initStacks(opts.terraform, names.map(dirOf), {
      parallel: opts.parallel,
      onStart: (dir) => {
        started.set(path.basename(dir), Date.now());
        emit({ type: "phase", tenant: path.basename(dir), phase: "init" });
      },
    });
    return await runBounded(opts.tenants, opts.parallel, async (tenant, i) => {
      const finish = (r: Omit<TenantDrift, "seconds">): TenantDrift => {
        const result = { ...r, seconds: Math.round((Date.now() - (started.get(tenant.name) ?? Date.now())) / 100) / 10 };
        emit({ type: "done", result });
        return result;
      };
      const failed = (error: string) => finish({ tenant: tenant.name, status: "failed", drifts: [], error });
      if (inits[i].code !== 0) return failed(`terraform init exited ${inits[i].code}: ${errorBlock(inits[i].stderr || inits[i].stdout)}`);
      const plans: (PlanJson | undefined)[] = [];
      for (const [phase, args] of [
        ["refresh-only plan", ["-refresh-only"]],
        ["plan", []],
      ] as const) {
        emit({ type: "phase", tenant: tenant.name, phase });
        const planned = await savedPlan(opts.terraform, dirOf(tenant.name), path.join(scratch, `${tenant.name}.${plans.length}.tfplan`), args);
        if ("error" in planned) return failed(`terraform ${phase} ${planned.error}`);
        plans.push(planned.plan);
      }
      emit({ type: "phase", tenant: tenant.name, phase: "API checks" });
      let seenByApi: Drift[];
      try {
        seenByApi = await apiDrift(tenant, dirOf(tenant.name), opts.env);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        return failed(err.message);
      }
      const reported = new Set(seenByApi.map((d) => `${d.resource}\0${d.field}`));
      const drifts = [...planDrift(plans[0], plans[1]).filter((d) => !reported.has(`${d.resource}\0${d.field}`)), ...seenByApi];
      return finish({ tenant: tenant.name, status: driftStatus(drifts), drifts });
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** `terraform plan -detailed-exitcode -out` and its JSON: undefined when nothing would change, else the plan; or why it failed. */
async function savedPlan(tf: Terraform, dir: string, file: string, extra: readonly string[]): Promise<{ plan: PlanJson | undefined } | { error: string }> {
  const plan = await runTerraform(tf, dir, ["plan", ...extra, "-detailed-exitcode", "-lock-timeout=120s", `-out=${file}`]);
  if (plan.code === 0) return { plan: undefined };
  if (plan.code !== 2) return { error: `exited ${plan.code}: ${errorBlock(plan.stderr || plan.stdout)}` };
  const shown = await runTerraform(tf, dir, ["show", "-json", file], { rawStdout: true });
  fs.rmSync(file, { force: true });
  if (shown.code !== 0) return { error: `(terraform show) exited ${shown.code}: ${lastLines(shown.stderr)}` };
  return { plan: parsePlanJson(shown.stdout, file) };
}

/** What plans cannot see, read with the tenant's admin client: the identity provider and the role of the Journey role grant. */
async function apiDrift(tenant: TenantConfig, stackDir: string, env: NodeJS.ProcessEnv): Promise<Drift[]> {
  const api = OrgApi.forTenant(tenant, env, "drift");
  const drifts: Drift[] = [];
  const declared = declaredIdentityProvider(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"));
  if (declared) drifts.push(...identityProviderDrift(declared, await api.get<Record<string, unknown>>(PUREENGAGE_IDP_PATH, { allowNotFound: true })));
  const roleName = tenant.roleGrant.roleName;
  const roles = await api.get<{ entities?: { name?: string; permissionPolicies?: PermissionPolicy[] }[] }>(`${ROLES_PATH}?name=${encodeURIComponent(roleName)}`);
  const role = roles?.entities?.find((r) => r.name === roleName);
  drifts.push(...roleGrantDrift(roleName, role ? (role.permissionPolicies ?? []) : undefined));
  return drifts;
}
