import * as path from "node:path";
import type { Command } from "commander";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { ExitCode, UserError } from "../../core/user-error";
import { displayPath, projectOf, type CliContext } from "../context";
import { globalOptions } from "../global-options";
import { addParallelOption, parallelOf } from "../parallel-option";
import { progressFor } from "../progress";

/** `hybrid demo` (`npm run demo`): the main job on the sandbox, every tenant deployed, exported and checked. */
export function register(program: Command, ctx: CliContext): void {
  const demo = program
    .command("demo")
    .description(
      "deploy every tenant of the tenants file to a local sandbox with the real Terraform and providers, print each transaction object " +
        "(secrets masked), export it to <out>/<tenant>/ and check it live (hybrid doctor), then stop the sandbox; a second run starts clean",
    )
    .option("--out <dir>", "where the exports (and the demo's stacks and sandbox state) go; emptied first", "demo/out");
  addParallelOption(demo, "tenants deployed", 2)
    .action(async (flags: { out: string; parallel: string }, command: Command) => {
      const project = projectOf(ctx, "demo");
      const parallel = parallelOf(flags.parallel);
      const file = loadTenantsFile(project.tenantsFile(ctx.cwd, ctx.env, globalOptions(command).config));
      const out = path.resolve(ctx.cwd, flags.out);
      const started = Date.now();
      const progress = progressFor(ctx, file.tenants.map((t) => t.name));
      // Loaded here: the demo brings synthesis (cdktf) and the doctor, which no other command should pay for at start.
      const { runDemo } = await import("../../services/demo/demo");
      const result = await progress.around(
        runDemo({
          project,
          file,
          out,
          env: ctx.env,
          parallel,
          onStep: (tenant, step) => progress.step(tenant, step),
          onDone: (r) => progress.done(r.name, `${r.name}: ${r.ok ? "deployed, exported and checked" : "FAILED"} (${r.seconds.toFixed(1)} s)`, r.ok),
        }),
      );
      ctx.addSecrets(result.secrets);
      for (const t of result.tenants) if (t.transactionObject) ctx.stdout(`${t.transactionObject}\n`);
      const failed = result.tenants.filter((t) => !t.ok);
      for (const t of failed) ctx.stderr(`${t.name}: ${t.error}\n`);
      const seconds = (Date.now() - started) / 1000;
      ctx.stdout(
        `demo: ${result.tenants.length - failed.length} of ${result.tenants.length} tenant(s) deployed, exported and checked in ${seconds.toFixed(1)} s ` +
          `(the sandbox's share ${((100 * result.sandboxSeconds) / seconds).toFixed(1)} %); exports in ${displayPath(ctx, out)}/<tenant>/\n`,
      );
      if (failed.length > 0) throw new UserError(`demo: ${failed.map((t) => t.name).join(", ")} failed (see above)`, ExitCode.Failed);
    });
}
