import * as path from "node:path";
import type { Command } from "commander";
import { ExitCode, UserError } from "../../core/user-error";
import { planSummaryReport } from "../../services/plan/plan-summary-report";
import { COMMENT_LIMIT } from "../../services/plan/summary-markdown";
import { displayPath, type CliContext } from "../context";

/** `hybrid summary`: works anywhere, on the plan files it is given. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command("summary")
    .description(
      `Markdown summary of saved plans (\`terraform show -json\` of each tenant's plan) for a pull request: counts per tenant, ` +
        `changed attributes (secrets never shown), a warning for every change that breaks the on-premises side; at most ` +
        `${COMMENT_LIMIT.toLocaleString("en-US")} characters. Exits ${ExitCode.Attention} when a warning was raised`,
    )
    .argument("<plan.json...>", "one `terraform show -json <planfile>` output per tenant, e.g. plans/*.plan.json")
    .action((files: string[]) => {
      const absolute = files.map((f) => path.resolve(ctx.cwd, f));
      const names = absolute.map((f) => displayPath(ctx, f));
      const report = planSummaryReport(absolute, names, `hybrid summary ${names.join(" ")}`);
      ctx.stdout(report.markdown);
      if (report.warningCount > 0) {
        throw new UserError(
          `${report.warningCount} dangerous change${report.warningCount === 1 ? "" : "s"} planned (see the WARNING lines): ` +
            `apply only in a maintenance window, with the transaction objects retyped right after`,
          ExitCode.Attention,
        );
      }
    });
}
