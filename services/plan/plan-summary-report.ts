import { Redactor } from "../../core/redaction";
import { ExitCode, UserError } from "../../core/user-error";
import { PlanFileError, readPlanJson } from "./plan-json";
import { summaryMarkdown } from "./summary-markdown";
import { planSecrets, summarizePlan, type TenantPlan } from "./tenant-plan";

export interface PlanSummaryReport {
  readonly markdown: string;
  readonly plans: readonly TenantPlan[];
  /** Dangerous changes across all plans (each line already in the Markdown). */
  readonly warningCount: number;
}

/** Bad plan files, all of them at once. */
export class PlanFilesError extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} plan files are not usable; nothing was written:\n${problems.map((p) => `  - ${p}`).join("\n")}`, ExitCode.Usage);
  }
}

/**
 * Reads every plan file (`files[i]` named `names[i]` in messages and the summary)
 * and writes one Markdown summary. Every bad file is reported at once and nothing
 * is returned; two plans of one tenant are an error too (which one would apply?).
 */
export function planSummaryReport(files: readonly string[], names: readonly string[] = files, command?: string): PlanSummaryReport {
  const problems: string[] = [];
  const plans: TenantPlan[] = [];
  const secrets = new Set<string>();
  files.forEach((file, i) => {
    try {
      const plan = readPlanJson(file, names[i]);
      plans.push(summarizePlan(plan, names[i]));
      for (const s of planSecrets(plan)) secrets.add(s);
    } catch (err) {
      if (err instanceof PlanFileError) problems.push(err.message);
      else throw err;
    }
  });
  const byTenant = new Map<string, string[]>();
  for (const p of plans) byTenant.set(p.tenant, [...(byTenant.get(p.tenant) ?? []), p.file]);
  for (const [tenant, of] of byTenant) {
    if (of.length > 1) problems.push(`${of.join(", ")}: all plans of tenant ${tenant}; give one plan per tenant (remove the stale file)`);
  }
  if (problems.length > 0) throw new PlanFilesError(problems);

  // Belt and braces: every value shown was checked already; a sensitive value that
  // still made it (say, inside a resource's description) is masked by the one policy.
  const markdown = Redactor.of({ known: secrets }).mask(summaryMarkdown(plans, { command }));
  return { markdown, plans, warningCount: plans.reduce((n, p) => n + p.warnings.length, 0) };
}
