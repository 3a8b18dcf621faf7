import * as path from "node:path";
import type { Command } from "commander";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { deploymentTarget } from "../../core/contract/deployment-target";
import { projectTerraform } from "../../core/terraform/terraform";
import { ExitCode, UserError } from "../../core/user-error";
import { planAll, type TenantPlanResult } from "../../services/plan/plan-all";
import { synthesizedStacks } from "../../services/plan/synthesized-stacks";
import { displayPath, projectOf, type CliContext } from "../context";
import { globalOptions } from "../global-options";
import { progressFor } from "../progress";
import { addTenantSelector, selectNames } from "../tenant-selector";

interface PlanFlags {
  readonly parallel: string;
  readonly out: string;
  readonly synth: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  addTenantSelector(
    program
      .command("plan")
      .description(
        "synthesize once, then `terraform init` and `terraform plan -out` of the selected tenants, N at a time; " +
          "writes <out>/<tenant>.tfplan, <out>/<tenant>.plan.json (for `hybrid summary`) and <out>/<tenant>.terraform.lock.hcl; " +
          `exits ${ExitCode.Failed} if any tenant's plan failed`,
      ),
    "plan",
  )
    .option("--parallel <n>", "tenants planned at once", "4")
    .option("--out <dir>", "where the saved plans go", "plans")
    .option("--no-synth", "plan the stacks already synthesized in the synthesis folder (say, a CI artifact of `npx cdktf synth`)")
    .action(async (flags: PlanFlags, command: Command) => {
      const project = projectOf(ctx, "plan");
      const parallel = parsePositiveInt(flags.parallel, "--parallel");
      const globals = globalOptions(command);
      const synthDir = project.synthDir(ctx.cwd, globals.synthDir);
      const outDir = path.resolve(ctx.cwd, flags.out);

      let known: string[];
      let source: string;
      if (flags.synth) {
        const file = loadTenantsFile(project.tenantsFile(ctx.cwd, ctx.env, globals.config));
        // Loaded here: synthesis brings cdktf and the provider bindings, which no other command needs at start.
        const { synthesize } = await import("../../stacks/synthesize");
        const { SYNTHESIS_WORKER_ENTRY } = await import("../../stacks/parallel-synthesis");
        // For the target of this environment, as `cdktf synth` would: a sandbox once its sandbox.env is sourced.
        const synthesized = await synthesize(file, deploymentTarget(ctx.env), { outdir: synthDir, env: ctx.env, workerEntry: SYNTHESIS_WORKER_ENTRY });
        for (const w of synthesized.warnings) ctx.stderr(`warning: ${w}\n`);
        known = [...synthesized.tenants];
        source = `the tenants file ${displayPath(ctx, file.path)}`;
        ctx.stdout(`synthesized ${known.length} tenant${known.length === 1 ? "" : "s"} into ${displayPath(ctx, synthDir)}\n`);
      } else {
        known = synthesizedStacks(synthDir);
        source = displayPath(ctx, synthDir);
      }
      const tenants = selectNames(known, command.opts(), { verb: "plan", source });
      if (tenants.length === 0) {
        ctx.stdout("no tenant to plan in this shard\n");
        return;
      }

      const progress = progressFor(ctx, tenants);
      const results = await progress.around(
        planAll({
          stacksDir: path.join(synthDir, "stacks"),
          tenants,
          outDir,
          parallel,
          terraform: projectTerraform(project, ctx.env),
          onEvent: (e) => {
            if (e.type === "phase" && e.phase !== "queued") progress.step(e.tenant, e.phase);
            if (e.type === "done") progress.done(e.result.tenant, doneText(e.result), e.result.result !== "failed");
          },
        }),
      );
      ctx.stdout(resultTable(results));
      const failed = results.filter((r) => r.result === "failed");
      for (const f of failed) ctx.stderr(`\n${f.tenant}: ${f.error}\n`);
      const saved = results.length - failed.length;
      if (saved > 0) ctx.stdout(`saved plans of ${saved} tenant${saved === 1 ? "" : "s"} in ${displayPath(ctx, outDir)}/ (<tenant>.tfplan, <tenant>.plan.json): secret, they hold credentials\n`);
      if (failed.length > 0) {
        throw new UserError(`the plan of ${failed.length} tenant${failed.length === 1 ? "" : "s"} failed: ${failed.map((f) => f.tenant).join(", ")} (Terraform's errors above)`, ExitCode.Failed);
      }
    });
}

function parsePositiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UserError(`${flag} ${value}: give a whole number from 1 to 64`, ExitCode.Usage);
  return n;
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
