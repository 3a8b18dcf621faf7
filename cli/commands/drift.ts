import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { urlOverride } from "../../core/genesys/loopback";
import { projectTerraform } from "../../core/terraform/terraform";
import { ExitCode, UserError } from "../../core/user-error";
import type { TenantDrift } from "../../services/drift/drift";
import { driftCounts, driftJson, driftMarkdown, driftSummaryLine, driftText } from "../../services/drift/drift-report";
import { checkDrift } from "../../services/drift/run-drift";
import { splitByPlanTimeFiles } from "../../services/plan/plan-time-files";
import { displayPath, projectOf, type CliContext } from "../context";
import { globalOptions } from "../global-options";
import { progressFor } from "../progress";
import { synthesizeForCli } from "../synthesis";
import { addParallelOption, parallelOf } from "../parallel-option";
import { addTenantSelector, selectTenants, type SelectionFlags } from "../tenant-selector";

interface DriftFlags {
  readonly json?: boolean;
  readonly markdown?: string;
  readonly parallel: string;
  readonly dryRun?: boolean;
}

/** `hybrid drift`: is each tenant's org still what its stack declares? */
export function register(program: Command, ctx: CliContext): void {
  const drift = addTenantSelector(
    program
      .command("drift")
      .description(
        "check each tenant's org against its stack, changing nothing: `terraform plan -refresh-only -detailed-exitcode` and a plan, and, read from the API " +
          "with the admin client, what plans cannot see (the identity provider field by field, the role's Journey permissions); one report, per tenant clean " +
          `or drifted with each drift's resource, field, declared and found value; exits ${ExitCode.Attention} when drift is found, ${ExitCode.Failed} when a tenant could not be checked`,
      ),
    "check",
  )
    .option("--json", "print one JSON document instead of lines (progress goes to stderr)")
    .option("--markdown <file>", "also write the report as Markdown (for an issue, or a job's summary)")
    .option("--dry-run", "print the tenants it would check, one per line, and check nothing (a pipeline fetches their credentials first)");
  addParallelOption(drift, "tenants checked", 4)
    .action(async (flags: DriftFlags, command: Command) => {
      const project = projectOf(ctx, "drift");
      const parallel = parallelOf(flags.parallel);
      urlOverride(ctx.env); // a bad override is a usage error before anything runs
      const globals = globalOptions(command);
      const selection = command.opts<SelectionFlags>();
      const { file, tenants: selected } = selectTenants(ctx, project, command, "check");
      const names = selected.map((t) => t.name);
      if (flags.dryRun) {
        for (const name of names) ctx.stdout(`${name}\n`);
        return;
      }
      // With --json, stdout is the document alone.
      const info: CliContext = flags.json ? { ...ctx, stdout: ctx.stderr, terminal: undefined } : ctx;
      const synthDir = project.synthDir(ctx.cwd, globals.synthDir);
      const synthesized = await synthesizeForCli(ctx, project, file, synthDir, info.stdout);

      const notChecked: TenantDrift[] = synthesized.failed.filter((f) => names.includes(f.tenant)).map((f) => ({ tenant: f.tenant, status: "failed", drifts: [], error: f.message, seconds: 0 }));
      const split = splitByPlanTimeFiles(selected.filter((t) => !notChecked.some((n) => n.tenant === t.name)).map((t) => t.name), synthDir);
      notChecked.push(...split.unreadable.map((u): TenantDrift => ({ tenant: u.tenant, status: "failed", drifts: [], error: u.message, seconds: 0 })));
      const readable = new Set(split.readable);
      const tenants = selected.filter((t) => readable.has(t.name));

      const progress = progressFor(info, tenants.map((t) => t.name));
      const checked = await progress.around(
        checkDrift({
          stacksDir: path.join(synthDir, "stacks"),
          tenants,
          parallel,
          terraform: projectTerraform(project, ctx.env),
          env: ctx.env,
          onEvent: (e) => {
            if (e.type === "phase") progress.step(e.tenant, e.phase);
            else progress.done(e.result.tenant, doneText(e.result), e.result.status !== "failed");
          },
        }),
      );
      const results = [...checked, ...notChecked].sort((a, b) => (a.tenant < b.tenant ? -1 : 1));

      if (flags.json) ctx.stdout(driftJson(results));
      else ctx.stdout(`\n${results.map(driftText).join("")}\n`);
      if (flags.markdown !== undefined) {
        const target = path.resolve(ctx.cwd, flags.markdown);
        fs.writeFileSync(target, driftMarkdown(results, { title: selection.shard ? `Drift, shard ${selection.shard}` : "Drift" }));
        info.stdout(`wrote the report to ${displayPath(ctx, target)}\n`);
      }
      const counts = driftCounts(results);
      const line = driftSummaryLine(results);
      if (counts.failed > 0) throw new UserError(`${line}; the tenants not checked say why above`, ExitCode.Failed);
      if (counts.drifted > 0) throw new UserError(`${line}; a deploy of the drifted tenants restores what their stacks declare`, ExitCode.Attention);
      info.stdout(`${line}\n`);
    });
}

function doneText(r: TenantDrift): string {
  const what = r.status === "clean" ? "clean" : r.status === "drifted" ? `drifted (${r.drifts.length} field${r.drifts.length === 1 ? "" : "s"})` : "NOT CHECKED";
  return `${r.tenant}: ${what} (${r.seconds.toFixed(1)} s)`;
}
