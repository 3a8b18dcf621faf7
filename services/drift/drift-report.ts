import type { Drift, TenantDrift } from "./drift";

/** How many tenants are clean, drifted and not checked. */
export interface DriftCounts {
  readonly clean: number;
  readonly drifted: number;
  readonly failed: number;
}

export function driftCounts(results: readonly TenantDrift[]): DriftCounts {
  const n = (s: TenantDrift["status"]) => results.filter((r) => r.status === s).length;
  return { clean: n("clean"), drifted: n("drifted"), failed: n("failed") };
}

/** One tenant, as lines: `acme: clean`, or `acme: DRIFTED` and one line per drift, or `acme: NOT CHECKED: why`. */
export function driftText(r: TenantDrift): string {
  if (r.status === "clean") return `${r.tenant}: clean\n`;
  if (r.status === "failed") return `${r.tenant}: NOT CHECKED: ${r.error}\n`;
  return `${r.tenant}: DRIFTED\n${r.drifts.map((d) => `  ${d.resource} ${d.field}: declared ${d.declared}, found ${d.found} (${d.seenBy})\n`).join("")}`;
}

/** The closing line of a report. */
export function driftSummaryLine(results: readonly TenantDrift[]): string {
  const c = driftCounts(results);
  const names = (s: TenantDrift["status"]) => results.filter((r) => r.status === s).map((r) => r.tenant).join(", ");
  return (
    `drift: ${results.length} tenant${results.length === 1 ? "" : "s"} checked: ${c.clean} clean, ${c.drifted} drifted${c.drifted ? ` (${names("drifted")})` : ""}` +
    `, ${c.failed} not checked${c.failed ? ` (${names("failed")})` : ""}`
  );
}

/** One JSON document: `{ ok, counts, tenants: [{ tenant, status, drifts: [{ resource, field, declared, found, seenBy }], error, seconds }] }`. */
export function driftJson(results: readonly TenantDrift[]): string {
  const counts = driftCounts(results);
  return JSON.stringify({ ok: counts.drifted === 0 && counts.failed === 0, counts, tenants: results }, null, 2) + "\n";
}

/**
 * The report as Markdown, for an issue or a job summary: the counts, a table of every drift,
 * the tenants not checked with why, and the clean tenants folded.
 */
export function driftMarkdown(results: readonly TenantDrift[], opts: { readonly title?: string } = {}): string {
  const c = driftCounts(results);
  const lines = [`### ${opts.title ?? "Drift"}: ${results.length} tenant${results.length === 1 ? "" : "s"}, ${c.drifted} drifted, ${c.failed} not checked, ${c.clean} clean`, ""];
  const drifted = results.filter((r) => r.status === "drifted");
  if (drifted.length > 0) {
    lines.push("| Tenant | Resource | Field | Declared | Found | Seen by |", "| --- | --- | --- | --- | --- | --- |");
    for (const r of drifted) for (const d of r.drifts) lines.push(row(r.tenant, d));
    lines.push("");
  }
  const failed = results.filter((r) => r.status === "failed");
  if (failed.length > 0) {
    lines.push("Not checked:", "");
    for (const r of failed) lines.push(`- **${r.tenant}**: ${cell(r.error ?? "")}`);
    lines.push("");
  }
  const clean = results.filter((r) => r.status === "clean");
  if (clean.length > 0) lines.push(`<details><summary>Clean: ${clean.length}</summary>`, "", clean.map((r) => r.tenant).join(", "), "", "</details>", "");
  return lines.join("\n");
}

function row(tenant: string, d: Drift): string {
  return `| ${tenant} | \`${d.resource}\` | \`${cell(d.field)}\` | ${cell(d.declared)} | ${cell(d.found)} | ${d.seenBy} |`;
}

/** A value inside a table cell: no line breaks, no column breaks. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}
