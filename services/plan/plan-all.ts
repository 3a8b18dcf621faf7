import * as fs from "node:fs";
import * as path from "node:path";
import { runBounded } from "../../core/bounded-pool";
import { initStacks, lockFileOf } from "../../core/terraform/init-stacks";
import { planAction } from "./plan-actions";
import { parsePlanJson } from "./plan-json";
import { errorBlock, lastLines, runTerraform, type Terraform } from "../../core/terraform/terraform";

export type PlanPhase = "queued" | "init" | "plan" | "show";

export interface TenantPlanResult {
  readonly tenant: string;
  readonly result: "changes" | "no changes" | "failed";
  /** Resources to create, update, replace or destroy (0 when failed). */
  readonly changes: number;
  readonly seconds: number;
  /** Where it failed and Terraform's last error lines (credentials masked). */
  readonly error?: string;
  readonly planFile?: string;
  readonly jsonFile?: string;
}

/** What happens, for a progress display and for tests (e.g. the order of `init`s). */
export type PlanEvent =
  | { readonly type: "phase"; readonly tenant: string; readonly phase: PlanPhase; readonly at: number }
  | { readonly type: "phase-end"; readonly tenant: string; readonly phase: PlanPhase; readonly at: number; readonly ok: boolean }
  | { readonly type: "done"; readonly result: TenantPlanResult };

export interface PlanAllOptions {
  /** The synthesized stacks, `<synth dir>/stacks`; each tenant's working directory is `<stacksDir>/<tenant>`. */
  readonly stacksDir: string;
  readonly tenants: readonly string[];
  /** Gets `<tenant>.tfplan`, `<tenant>.plan.json` and `<tenant>.terraform.lock.hcl`. */
  readonly outDir: string;
  /** Tenants planned at once. */
  readonly parallel: number;
  readonly terraform: Terraform;
  readonly onEvent?: (event: PlanEvent) => void;
}

/**
 * `terraform init` of every tenant stack (core/terraform/init-stacks: the shared plugin
 * cache filled once, then inits in parallel), `terraform plan -out` of each, `parallel` at a
 * time, then `terraform show -json` of each saved plan.
 *
 * Files in `outDir` are owner-only: a saved plan holds every variable's value, the
 * admin client secret included, and the prior state with the OAuth client secrets.
 */
export async function planAll(opts: PlanAllOptions): Promise<TenantPlanResult[]> {
  fs.mkdirSync(opts.outDir, { recursive: true, mode: 0o700 });
  const emit = opts.onEvent ?? (() => undefined);
  const dirOf = (tenant: string) => path.join(opts.stacksDir, tenant);
  for (const tenant of opts.tenants) emit({ type: "phase", tenant, phase: "queued", at: Date.now() });

  const started = new Map<string, number>();
  const inits = await initStacks(opts.terraform, opts.tenants.map(dirOf), {
    parallel: opts.parallel,
    onStart: (dir) => {
      const tenant = path.basename(dir);
      started.set(tenant, Date.now());
      emit({ type: "phase", tenant, phase: "init", at: Date.now() });
    },
    onEnd: (dir, result) => emit({ type: "phase-end", tenant: path.basename(dir), phase: "init", at: Date.now(), ok: result.code === 0 }),
  });

  return runBounded(opts.tenants, opts.parallel, async (tenant, i) => {
    const init = inits[i];
    if (init.code !== 0) return failed(tenant, `terraform init exited ${init.code}: ${errorBlock(init.stderr || init.stdout)}`);
    const planFile = path.resolve(opts.outDir, `${tenant}.tfplan`);
    const jsonFile = path.resolve(opts.outDir, `${tenant}.plan.json`);
    fs.rmSync(planFile, { force: true });
    fs.rmSync(jsonFile, { force: true });
    emit({ type: "phase", tenant, phase: "plan", at: Date.now() });
    const plan = await runTerraform(opts.terraform, dirOf(tenant), ["plan", "-lock-timeout=120s", `-out=${planFile}`]);
    emit({ type: "phase-end", tenant, phase: "plan", at: Date.now(), ok: plan.code === 0 });
    if (plan.code !== 0) return failed(tenant, `terraform plan exited ${plan.code}: ${errorBlock(plan.stderr || plan.stdout)}`);
    fs.chmodSync(planFile, 0o600);
    emit({ type: "phase", tenant, phase: "show", at: Date.now() });
    const shown = await runTerraform(opts.terraform, dirOf(tenant), ["show", "-json", planFile], { rawStdout: true });
    emit({ type: "phase-end", tenant, phase: "show", at: Date.now(), ok: shown.code === 0 });
    if (shown.code !== 0) return failed(tenant, `terraform show exited ${shown.code}: ${lastLines(shown.stderr)}`);
    fs.writeFileSync(jsonFile, shown.stdout, { mode: 0o600 });
    // The apply job inits with the same provider checksums the plan was made with.
    const stackLock = lockFileOf(dirOf(tenant));
    if (fs.existsSync(stackLock)) fs.copyFileSync(stackLock, path.join(opts.outDir, `${tenant}${path.basename(stackLock)}`));
    const changes = (parsePlanJson(shown.stdout, jsonFile).resource_changes ?? []).filter((rc) => {
      const a = planAction(rc.change.actions);
      return rc.mode === "managed" && a !== undefined && a !== "forget";
    }).length;
    return finish({ tenant, result: changes > 0 ? "changes" : "no changes", changes, planFile, jsonFile });
  });

  function failed(tenant: string, error: string): TenantPlanResult {
    return finish({ tenant, result: "failed", changes: 0, error });
  }

  function finish(r: Omit<TenantPlanResult, "seconds">): TenantPlanResult {
    const result: TenantPlanResult = { ...r, seconds: Math.round((Date.now() - (started.get(r.tenant) ?? Date.now())) / 100) / 10 };
    emit({ type: "done", result });
    return result;
  }
}
