import * as fs from "node:fs";
import * as path from "node:path";
import { runBounded } from "./bounded-pool";
import { planAction } from "./plan-actions";
import { parsePlanJson } from "./plan-json";
import { runTerraformProcess, type TerraformCommand } from "../../core/terraform/terraform-process";

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
  readonly terraform: TerraformCommand;
  readonly onEvent?: (event: PlanEvent) => void;
}

const LOCK_FILE = ".terraform.lock.hcl";

/**
 * `terraform init` and `terraform plan -out` of every tenant stack, `parallel` at
 * a time, then `terraform show -json` of each saved plan.
 *
 * The shared plugin cache (the CLI configuration's `plugin_cache_dir`) is not safe
 * for concurrent installs: without a lock file, every `init` copies the provider
 * into the cache, and one `init` rewriting a binary that another stack's `plan` is
 * running fails with "text file busy". So the first tenant's `init` runs alone and
 * fills the cache; its lock file (the providers' checksums) is then copied to every
 * stack that has none, and with a checksum recorded Terraform only links the cached
 * provider, never writes it: the other inits and all plans then run in parallel.
 * If that first init fails, the other inits run one at a time instead.
 *
 * Files in `outDir` are owner-only: a saved plan holds every variable's value, the
 * admin client secret included, and the prior state with the OAuth client secrets.
 */
export async function planAll(opts: PlanAllOptions): Promise<TenantPlanResult[]> {
  fs.mkdirSync(opts.outDir, { recursive: true, mode: 0o700 });
  const emit = opts.onEvent ?? (() => undefined);
  const [first, ...rest] = opts.tenants;
  if (first === undefined) return [];
  for (const tenant of opts.tenants) emit({ type: "phase", tenant, phase: "queued", at: Date.now() });

  const started = new Map<string, number>();
  const init = (tenant: string): Promise<boolean> => {
    started.set(tenant, Date.now());
    return phase(tenant, "init", ["init", "-input=false", "-no-color"]).then((r) => r === undefined);
  };
  const failures = new Map<string, string>();
  const phase = async (tenant: string, name: PlanPhase, args: string[], okCodes: number[] = [0]): Promise<string | undefined> => {
    emit({ type: "phase", tenant, phase: name, at: Date.now() });
    const r = await runTerraformProcess(opts.terraform, path.join(opts.stacksDir, tenant), args);
    const ok = okCodes.includes(r.code);
    emit({ type: "phase-end", tenant, phase: name, at: Date.now(), ok });
    if (ok) return undefined;
    const error = `terraform ${name} exited ${r.code}: ${lastLines(r.stderr || r.stdout)}`;
    failures.set(tenant, error);
    return error;
  };

  const firstInit = await init(first);
  const lock = path.join(opts.stacksDir, first, LOCK_FILE);
  if (firstInit && fs.existsSync(lock)) {
    for (const tenant of rest) {
      const target = path.join(opts.stacksDir, tenant, LOCK_FILE);
      if (fs.existsSync(path.dirname(target)) && !fs.existsSync(target)) fs.copyFileSync(lock, target);
    }
  }
  // Without a checksum to go by, installs must not overlap: chain them.
  let initChain: Promise<unknown> = Promise.resolve();
  const serialInit = (tenant: string): Promise<boolean> => {
    const p = initChain.then(() => init(tenant));
    initChain = p;
    return p;
  };

  return runBounded(opts.tenants, opts.parallel, async (tenant) => {
    const ok = tenant === first ? firstInit : await (firstInit ? init(tenant) : serialInit(tenant));
    if (!ok) return finish(tenant, "failed", 0);
    const planFile = path.resolve(opts.outDir, `${tenant}.tfplan`);
    const jsonFile = path.resolve(opts.outDir, `${tenant}.plan.json`);
    fs.rmSync(planFile, { force: true });
    fs.rmSync(jsonFile, { force: true });
    if (await phase(tenant, "plan", ["plan", "-input=false", "-no-color", "-lock-timeout=120s", `-out=${planFile}`])) return finish(tenant, "failed", 0);
    fs.chmodSync(planFile, 0o600);
    emit({ type: "phase", tenant, phase: "show", at: Date.now() });
    const shown = await runTerraformProcess(opts.terraform, path.join(opts.stacksDir, tenant), ["show", "-json", "-no-color", planFile], { rawStdout: true });
    emit({ type: "phase-end", tenant, phase: "show", at: Date.now(), ok: shown.code === 0 });
    if (shown.code !== 0) {
      failures.set(tenant, `terraform show exited ${shown.code}: ${lastLines(shown.stderr)}`);
      return finish(tenant, "failed", 0);
    }
    fs.writeFileSync(jsonFile, shown.stdout, { mode: 0o600 });
    // The apply job inits with the same provider checksums the plan was made with.
    const stackLock = path.join(opts.stacksDir, tenant, LOCK_FILE);
    if (fs.existsSync(stackLock)) fs.copyFileSync(stackLock, path.join(opts.outDir, `${tenant}${LOCK_FILE}`));
    const changes = (parsePlanJson(shown.stdout, jsonFile).resource_changes ?? []).filter((rc) => {
      const a = planAction(rc.change.actions);
      return rc.mode === "managed" && a !== undefined && a !== "forget";
    }).length;
    return finish(tenant, changes > 0 ? "changes" : "no changes", changes, planFile, jsonFile);
  });

  function finish(tenant: string, result: TenantPlanResult["result"], changes: number, planFile?: string, jsonFile?: string): TenantPlanResult {
    const r: TenantPlanResult = {
      tenant,
      result,
      changes,
      seconds: Math.round((Date.now() - (started.get(tenant) ?? Date.now())) / 100) / 10,
      ...(result === "failed" ? { error: failures.get(tenant) ?? "failed" } : { planFile, jsonFile }),
    };
    emit({ type: "done", result: r });
    return r;
  }
}

/** Terraform's error block, not its whole log: the last lines with text in them. */
function lastLines(text: string, n = 12): string {
  return text
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .filter((l) => l.trim() !== "" && !/^[│╷╵]\s*$/.test(l))
    .slice(-n)
    .join("\n");
}
