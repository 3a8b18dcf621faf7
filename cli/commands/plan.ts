import * as path from "node:path";
import type { Command } from "commander";
import { Listr, type ListrTaskWrapper } from "listr2";
import { tenantsFilePath } from "../../core/config/tenants-file";
import { planAll, type PlanEvent, type TenantPlanResult } from "../../services/plan/plan-all";
import { projectTerraform } from "../../core/terraform/terraform-process";
import { UserError } from "../../core/user-error";
import { displayPath, type CliContext } from "../context";

interface PlanFlags {
  all?: boolean;
  parallel: string;
  out: string;
  config?: string;
  synthDir: string;
  synth: boolean;
  shard?: string;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command("plan")
    .description(
      "synthesize once, then `terraform init` and `terraform plan -out` of every tenant (or the ones named), N at a time; " +
        "writes <out>/<tenant>.tfplan, <out>/<tenant>.plan.json (for `hybrid summary`) and <out>/<tenant>.terraform.lock.hcl; exits 1 if any tenant's plan failed",
    )
    .argument("[tenants...]", "tenants to plan (or --all)")
    .option("--all", "plan every tenant of the tenants file (or of the synthesized stacks, with --no-synth)")
    .option("--parallel <n>", "tenants planned at once", "4")
    .option("--out <dir>", "where the saved plans go", "plans")
    .option("--config <file>", "the tenants file (default: $HYBRID_CONFIG, else tenants.yaml)")
    .option("--synth-dir <dir>", "where synthesis writes the stacks (cdktf's output folder)", "cdktf.out")
    .option("--no-synth", "plan the stacks already synthesized in --synth-dir (say, a CI artifact of `npx cdktf synth`)")
    .option("--shard <i/n>", "plan only every n-th of the selected tenants, starting at the i-th (1-based; GitLab's CI_NODE_INDEX/CI_NODE_TOTAL)")
    .action(async (names: string[], flags: PlanFlags) => {
      const parallel = parsePositiveInt(flags.parallel, "--parallel");
      if (flags.all && names.length > 0) throw new UserError(`give either --all or tenant names (${names.join(", ")}), not both`);
      if (!flags.all && names.length === 0) throw new UserError("name the tenants to plan, or give --all for every tenant");
      const synthDir = path.resolve(ctx.cwd, flags.synthDir);
      const outDir = path.resolve(ctx.cwd, flags.out);

      // Loaded here: synthesis brings cdktf and the provider bindings, which no other command needs at start.
      const { synthesizedTenants, synthesizeTenants } = await import("../../services/plan/synthesize-tenants");
      const { deploymentTarget } = await import("../../core/contract/deployment-target");
      let known: string[];
      if (flags.synth) {
        const file = flags.config ? path.resolve(ctx.cwd, flags.config) : tenantsFilePath(ctx.env, ctx.cwd);
        const synthesized = synthesizeTenants(file, synthDir, deploymentTarget(ctx.env));
        for (const w of synthesized.warnings) ctx.stderr(`warning: ${w}\n`);
        known = synthesized.tenants;
        ctx.stdout(`synthesized ${known.length} tenant${known.length === 1 ? "" : "s"} into ${displayPath(ctx, synthDir)}\n`);
      } else {
        known = synthesizedTenants(synthDir);
      }
      const unknown = names.filter((n) => !known.includes(n));
      if (unknown.length > 0) {
        throw new UserError(`no tenant ${unknown.join(", ")} in ${flags.synth ? "the tenants file" : displayPath(ctx, synthDir)}; the tenants are: ${known.join(", ") || "(none)"}`);
      }
      const tenants = shard(flags.all ? known : names, flags.shard);
      if (tenants.length === 0) {
        ctx.stdout("no tenant to plan in this shard\n");
        return;
      }

      const progress = process.stdout.isTTY === true && !ctx.env.CI ? new ListrProgress(tenants) : new PlainProgress(ctx, tenants.length);
      const results = await progress.around(
        planAll({
          stacksDir: path.join(synthDir, "stacks"),
          tenants,
          outDir,
          parallel,
          terraform: projectTerraform(ctx.env),
          onEvent: (e) => progress.event(e),
        }),
      );
      ctx.stdout(resultTable(results));
      const failed = results.filter((r) => r.result === "failed");
      for (const f of failed) ctx.stderr(`\n${f.tenant}: ${f.error}\n`);
      const saved = results.length - failed.length;
      if (saved > 0) ctx.stdout(`saved plans of ${saved} tenant${saved === 1 ? "" : "s"} in ${displayPath(ctx, outDir)}/ (<tenant>.tfplan, <tenant>.plan.json): secret, they hold credentials\n`);
      if (failed.length > 0) {
        throw new UserError(`the plan of ${failed.length} tenant${failed.length === 1 ? "" : "s"} failed: ${failed.map((f) => f.tenant).join(", ")} (Terraform's errors above)`);
      }
    });
}

function parsePositiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UserError(`${flag} ${value}: give a whole number from 1 to 64`);
  return n;
}

/** The tenants of shard `i/n`: positions i-1, i-1+n, ... */
function shard(tenants: string[], spec: string | undefined): string[] {
  if (spec === undefined) return tenants;
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || i < 1 || i > n) throw new UserError(`--shard ${spec}: give <i>/<n> with 1 <= i <= n, e.g. --shard 2/4`);
  return tenants.filter((_, k) => k % n === i - 1);
}

function resultTable(results: readonly TenantPlanResult[]): string {
  const rows = [["tenant", "result", "changes", "seconds"], ...results.map((r) => [r.tenant, r.result === "failed" ? "FAILED" : r.result, r.result === "failed" ? "-" : String(r.changes), r.seconds.toFixed(1)])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return "\n" + rows.map((row) => row.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd()).join("\n") + "\n\n";
}

function doneText(r: TenantPlanResult): string {
  if (r.result === "failed") return `${r.tenant}: FAILED after ${r.seconds.toFixed(1)} s`;
  return `${r.tenant}: ${r.result === "changes" ? `${r.changes} change${r.changes === 1 ? "" : "s"}` : "no changes"} (${r.seconds.toFixed(1)} s)`;
}

interface Progress {
  event(e: PlanEvent): void;
  around<T>(work: Promise<T>): Promise<T>;
}

/** One line per step, for logs and CI (stdout not a terminal). */
class PlainProgress implements Progress {
  private done = 0;
  constructor(
    private readonly ctx: CliContext,
    private readonly total: number,
  ) {}
  event(e: PlanEvent): void {
    if (e.type === "phase" && e.phase !== "queued") this.ctx.stdout(`${e.tenant}: ${e.phase}\n`);
    if (e.type === "done") this.ctx.stdout(`[${++this.done}/${this.total}] ${doneText(e.result)}\n`);
  }
  around<T>(work: Promise<T>): Promise<T> {
    return work;
  }
}

/** listr2's live display on a terminal: one line per tenant with its current step. */
class ListrProgress implements Progress {
  private readonly tasks = new Map<string, { task: ListrTaskWrapper<unknown, any, any>; resolve: () => void; reject: (e: Error) => void }>();
  private readonly pending = new Map<string, PlanEvent[]>();
  private readonly list: Listr;

  constructor(tenants: readonly string[]) {
    this.list = new Listr(
      tenants.map((tenant) => ({
        title: `${tenant}: queued`,
        task: (_ctx: unknown, task: ListrTaskWrapper<unknown, any, any>) =>
          new Promise<void>((resolve, reject) => {
            this.tasks.set(tenant, { task, resolve, reject });
            for (const e of this.pending.get(tenant) ?? []) this.event(e);
            this.pending.delete(tenant);
          }),
      })),
      // Concurrency is planAll's; the list only shows it.
      { concurrent: true, exitOnError: false, registerSignalListeners: false, rendererOptions: { collapseErrors: false } },
    );
  }

  event(e: PlanEvent): void {
    const tenant = e.type === "done" ? e.result.tenant : e.tenant;
    const t = this.tasks.get(tenant);
    if (!t) {
      this.pending.set(tenant, [...(this.pending.get(tenant) ?? []), e]);
      return;
    }
    if (e.type === "phase") t.task.title = `${tenant}: ${e.phase}`;
    if (e.type === "done") {
      t.task.title = doneText(e.result);
      if (e.result.result === "failed") t.reject(new Error(doneText(e.result)));
      else t.resolve();
    }
  }

  async around<T>(work: Promise<T>): Promise<T> {
    const shown = this.list.run().catch(() => undefined);
    const result = await work;
    await shown;
    return result;
  }
}
