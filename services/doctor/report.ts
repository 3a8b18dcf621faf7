import type { CheckStatus } from "./check-result";
import type { TenantReport } from "./run-doctor";

const MARK: Record<CheckStatus, string> = { pass: "✔", warn: "✔", fail: "✖", skipped: "-" };

/** Replaces every secret value in `text` (and its base64 and URL-encoded forms) with [REDACTED]: the last guard before output. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  const forms = secrets.flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString("base64")]).filter((s) => s.length >= 6);
  for (const s of [...new Set(forms)].sort((a, b) => b.length - a.length)) out = out.split(s).join("[REDACTED]");
  return out;
}

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
  return redact(lines.join("\n") + "\n", reports.flatMap((r) => r.secrets));
}

/** One JSON document: `{ ok, tenants: [{ tenant, ok, authUrl, serviceUrl, override, checks: [{ id, title, status, compared, fix }] }] }`. */
export function formatJson(reports: readonly TenantReport[]): string {
  const doc = {
    ok: reports.every((r) => r.ok),
    tenants: reports.map(({ secrets: _secrets, ...r }) => r),
  };
  return redact(JSON.stringify(doc, null, 2) + "\n", reports.flatMap((r) => r.secrets));
}
