import * as path from "node:path";
import type { Command } from "commander";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { projectTerraform } from "../../core/terraform/terraform";
import { ExitCode, UserError } from "../../core/user-error";
import { tenantChanges } from "../../services/plan/changed-tenants";
import { resolveGitBase } from "../../services/plan/git-base";
import { planAll, type TenantPlanResult } from "../../services/plan/plan-all";
import { splitByPlanTimeFiles } from "../../services/plan/plan-time-files";
import { writeRemovedTenantPlan } from "../../services/plan/removed-tenant";
import { synthesizedStacks } from "../../services/plan/synthesized-stacks";
import { displayPath, projectOf, type CliContext } from "../context";
import { globalOptions } from "../global-options";
import { addParallelOption, parallelOf } from "../parallel-option";
import { progressFor } from "../progress";
import { addTenantSelector, selectNames, shardNames, type SelectionFlags } from "../tenant-selector";
import { synthesizeForCli, type TenantFailure } from "../synthesis";

interface PlanFlags {
  readonly parallel: string;
  readonly out: string;
  readonly synth: boolean;
  readonly changed?: boolean;
  readonly base?: string;
  readonly dryRun?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  const plan = addTenantSelector(
    program
      .command("plan")
      .description(
        "synthesize once, then `terraform init` and `terraform plan -out` of the selected tenants, N at a time; " +
          "writes <out>/<tenant>.tfplan, <out>/<tenant>.plan.json (for `hybrid summary`) and <out>/<tenant>.terraform.lock.hcl; " +
          "with --changed, only the tenants whose stack differs from the base commit's (README, \"Plans in pull requests\"); " +
          `exits ${ExitCode.Failed} if any tenant could not be synthesized or planned (the others are planned)`,
      ),
    "plan",
  )
    .option("--changed", "plan only the tenants whose synthesized stack (or a file it reads at plan time) differs from the base's, and name the tenants removed; instead of --tenant or --all")
    .option("--base <ref>", "with --changed: compare with the merge base of HEAD and this ref (default: the default branch, origin's HEAD)")
    .option("--dry-run", "print the tenants it would plan, one per line, and plan nothing (a pipeline fetches their credentials first)")
    .option("--out <dir>", "where the saved plans go", "plans")
    .option("--no-synth", "plan the stacks already synthesized in the synthesis folder (say, a CI artifact of `npx cdktf synth`)");
  addParallelOption(plan, "tenants planned", 4)
    .action(async (flags: PlanFlags, command: Command) => {
      const project = projectOf(ctx, "plan");
      const parallel = parallelOf(flags.parallel);
      const selection = command.opts<SelectionFlags>();
      checkFlags(flags, selection);
      const globals = globalOptions(command);
      const synthDir = project.synthDir(ctx.cwd, globals.synthDir);
      const outDir = path.resolve(ctx.cwd, flags.out);
      // A dry run's stdout is the list of tenants only.
      const say = flags.dryRun ? ctx.stderr : ctx.stdout;

      let toPlan: string[];
      let removed: string[] = [];
      let failures: TenantFailure[] = [];
      if (flags.synth) {
        const tenantsFile = project.tenantsFile(ctx.cwd, ctx.env, globals.config);
        const file = loadTenantsFile(tenantsFile);
        // A bad base, or an unknown tenant, is a usage error before anything is synthesized.
        const base = flags.changed ? resolveGitBase(project.root, flags.base) : undefined;
        const selected = base ? [] : selectNames(file.tenants.map((t) => t.name), selection, { verb: "plan", source: `the tenants file ${displayPath(ctx, file.path)}` });
        const synthesized = await synthesizeForCli(ctx, project, file, synthDir, say);
        const failedNames = synthesized.failed.map((f) => f.tenant);
        if (base) {
          say(`base: the merge base of HEAD and ${base.ref}, ${base.commit.slice(0, 12)}; synthesized with its own code in a worktree\n`);
          const changes = await tenantChanges({
            base,
            projectDir: project.root,
            tenantsFile,
            headOutdir: synthDir,
            headTenants: synthesized.tenants,
            headTenantsInFile: file.tenants.map((t) => t.name),
            env: ctx.env,
            cacheDir: project.synthesisCacheDir(ctx.cwd, ctx.env),
            note: (line) => say(`base: ${line}\n`),
          });
          for (const n of changes.baseNotes) say(`base: ${n}\n`);
          if (changes.baseFailure) ctx.stderr(`warning: the base could not be synthesized (${changes.baseFailure}); every tenant is planned\n`);
          say(changeLine(changes));
          // A tenant that fails here and failed at the base too is an older problem than this change: said, not failed on.
          const older = synthesized.failed.filter((f) => changes.failedAtBase.includes(f.tenant));
          for (const f of older) ctx.stderr(`warning: not planned, and not this change's doing (the base fails the same way): ${f.message}\n`);
          const candidates = [...changes.changed, ...changes.added];
          const caused = failedNames.filter((t) => !changes.failedAtBase.includes(t));
          const names = new Set(shardNames([...candidates, ...changes.removed, ...caused].sort(), selection.shard));
          toPlan = candidates.filter((t) => names.has(t)).sort();
          removed = changes.removed.filter((t) => names.has(t));
          failures = synthesized.failed.filter((f) => names.has(f.tenant));
        } else {
          toPlan = selected.filter((t) => !failedNames.includes(t));
          failures = synthesized.failed.filter((f) => selected.includes(f.tenant));
        }
      } else {
        toPlan = selectNames(synthesizedStacks(synthDir), selection, { verb: "plan", source: displayPath(ctx, synthDir) });
      }
      const split = splitByPlanTimeFiles(toPlan, synthDir);
      toPlan = split.readable;
      failures.push(...split.unreadable);

      if (flags.dryRun) {
        for (const t of toPlan) ctx.stdout(`${t}\n`);
        for (const t of removed) ctx.stderr(`removed (nothing to plan): ${t}\n`);
        for (const f of failures) ctx.stderr(`cannot be planned: ${f.message}\n`);
        return;
      }
      if (toPlan.length === 0 && removed.length === 0 && failures.length === 0) {
        ctx.stdout(flags.changed ? "no tenant to plan: no stack differs from the base's\n" : "no tenant to plan in this shard\n");
        return;
      }

      const progress = progressFor(ctx, toPlan);
      const planned =
        toPlan.length === 0
          ? []
          : await progress.around(
              planAll({
                stacksDir: path.join(synthDir, "stacks"),
                tenants: toPlan,
                outDir,
                parallel,
                terraform: projectTerraform(project, ctx.env),
                onEvent: (e) => {
                  if (e.type === "phase" && e.phase !== "queued") progress.step(e.tenant, e.phase);
                  if (e.type === "done") progress.done(e.result.tenant, doneText(e.result), e.result.result !== "failed");
                },
              }),
            );
      const results = [...planned, ...failures.map((f): TenantPlanResult => ({ tenant: f.tenant, result: "failed", changes: 0, seconds: 0, error: f.message }))].sort((a, b) =>
        a.tenant < b.tenant ? -1 : 1,
      );
      if (results.length > 0) ctx.stdout(resultTable(results));
      for (const tenant of removed) {
        const file = writeRemovedTenantPlan(outDir, tenant);
        ctx.stdout(
          `removed: ${tenant} is no longer in the tenants file; its org keeps the OAuth clients, the identity provider and the role grant, and prevent_destroy ` +
            `refuses to destroy them until someone does it on purpose. ${displayPath(ctx, file)} lists them as destroys, so that hybrid summary flags them; nothing is applied.\n`,
        );
      }
      const failed = results.filter((r) => r.result === "failed");
      for (const f of failed) ctx.stderr(`\n${f.tenant}: ${f.error}\n`);
      const saved = results.length - failed.length;
      if (saved > 0) ctx.stdout(`saved plans of ${saved} tenant${saved === 1 ? "" : "s"} in ${displayPath(ctx, outDir)}/ (<tenant>.tfplan, <tenant>.plan.json): secret, they hold credentials\n`);
      if (failed.length > 0) {
        throw new UserError(
          `${failed.length} tenant${failed.length === 1 ? "" : "s"} could not be planned: ${failed.map((f) => f.tenant).join(", ")} (the reasons above); the others were planned`,
          ExitCode.Failed,
        );
      }
    });
}

/** Combinations that cannot mean anything, refused before any work. */
function checkFlags(flags: PlanFlags, selection: SelectionFlags): void {
  if (flags.base !== undefined && !flags.changed) throw new UserError("--base names what --changed compares with: add --changed, or leave out --base", ExitCode.Usage);
  if (!flags.changed) return;
  if ((selection.tenant ?? []).length > 0 || selection.all) throw new UserError("--changed selects the tenants itself (those whose stack differs from the base's): leave out --tenant and --all", ExitCode.Usage);
  if (!flags.synth) throw new UserError("--changed synthesizes the working tree and the base to compare them: leave out --no-synth", ExitCode.Usage);
}

function changeLine(c: { changed: readonly string[]; added: readonly string[]; removed: readonly string[]; unchanged: number }): string {
  const list = (names: readonly string[]) => (names.length === 0 ? "none" : names.join(", "));
  return `changed: ${list(c.changed)}; new: ${list(c.added)}; removed: ${list(c.removed)}; unchanged: ${c.unchanged}\n`;
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
