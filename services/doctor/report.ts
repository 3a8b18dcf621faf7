import type { CheckStatus } from "./check-result";
import type { TenantReport } from "./run-doctor";

const MARK: Record<CheckStatus, string> = { pass: "✔", warn: "✔", fail: "✖", skipped: "-" };

/** One line per check (✔, ✖, or - when not run), the fix under each failure and warning, and a summary per tenant. */
export function formatText(reports: readonly TenantReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`tenant ${r.tenant}${r.authUrl ? ` (login ${r.authUrl}, API ${r.serviceUrl})` : ""}`);
    if (r.override) lines.push(`  HYBRID_GENESYS_URL_OVERRIDE: requests go to ${r.override} instead of the tenant's region`);
    for (const c of r.checks) {
      lines.push(`  ${MARK[c.status]} ${c.id.padEnd(22)} ${c.title}: ${c.status === "warn" ? "WARNING: " : ""}${c.compared}`);
      if (c.fix && (c.status === "fail" || c.status === "warn")) lines.push(`      fix: ${c.fix}`);
    }
    const count = (s: CheckStatus) => r.checks.filter((c) => c.status === s).length;
    lines.push(
      `  ${r.ok ? "✔" : "✖"} ${r.tenant}: ${count("pass") + count("warn")} passed` +
        `${count("warn") ? ` (${count("warn")} with a warning)` : ""}, ${count("fail")} failed${count("skipped") ? `, ${count("skipped")} not run` : ""}`,
    );
  }
  return lines.join("\n") + "\n";
}

/** One JSON document: `{ ok, tenants: [{ tenant, ok, authUrl, serviceUrl, override, checks: [{ id, title, status, compared, fix }] }] }`. */
export function formatJson(reports: readonly TenantReport[]): string {
  const doc = {
    ok: reports.every((r) => r.ok),
    tenants: reports.map(({ secrets: _secrets, ...r }) => r),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
