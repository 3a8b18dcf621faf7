import { REDACTED } from "../../core/redaction";
import type { AttributeChange, ShownValue } from "./attribute-changes";
import type { PlanAction } from "./plan-actions";
import type { TenantPlan } from "./tenant-plan";

/** GitHub's limit for a pull-request comment body, in characters. */
export const COMMENT_LIMIT = 65_536;

/** Attributes listed per resource before the rest is counted only. */
const MAX_ATTRIBUTES = 30;

/** One line of output, and whether a `<details>` is open after it (so a cut can close it). */
interface Line {
  readonly text: string;
  readonly openDetails: boolean;
}

/**
 * The Markdown of a set of tenant plans: warnings first, a table of counts per
 * tenant, then each tenant's changed resources folded in a `<details>`. At most
 * `limit` characters: past it, whole lines are dropped and a last line says so.
 */
export function summaryMarkdown(plans: readonly TenantPlan[], opts: { limit?: number; command?: string } = {}): string {
  const limit = opts.limit ?? COMMENT_LIMIT;
  const sorted = [...plans].sort((a, b) => a.tenant.localeCompare(b.tenant));
  const warnings = sorted.flatMap((p) => p.warnings.map((w) => ({ tenant: p.tenant, w })));
  const lines: Line[] = [];
  const add = (text: string, openDetails = false) => lines.push({ text, openDetails });

  const s = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  add(`### Terraform plans: ${s(sorted.length, "tenant")}, ${warnings.length === 0 ? "no dangerous change" : `⚠️ ${s(warnings.length, "dangerous change")}`}`);
  add("");
  if (warnings.length > 0) {
    add("Each of these breaks the on-premises side until someone retypes the tenant's `hybrid_integration` transaction object (or re-applies):");
    add("");
    for (const { tenant, w } of warnings) add(`- ⚠️ **WARNING** **${tenant}**: ${w.text}`);
    add("");
  }
  const rollovers = sorted.filter((p) => p.rollover !== undefined);
  if (rollovers.length > 0) {
    add("SAML key rollovers (docs/certs.md, \"Rolling the key over\"):");
    add("");
    for (const p of rollovers) add(`- 🔑 **${p.tenant}**: ${p.rollover}`);
    add("");
  }
  add("| Tenant | Create | Update | Replace | Destroy | Warnings |");
  add("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const p of sorted) {
    const c = p.counts;
    add(`| ${p.tenant} | ${c.create} | ${c.update} | ${c.replace} | ${c.destroy} | ${p.warnings.length === 0 ? "" : `⚠️ ${p.warnings.length}`} |`);
  }
  add("");

  for (const p of sorted) {
    if (p.resources.length === 0 && p.outputs.length === 0) continue;
    const counts = (["create", "update", "replace", "destroy"] as const)
      .filter((a) => p.counts[a] > 0)
      .map((a) => `${p.counts[a]} to ${a}`)
      .join(", ");
    add(`<details><summary><b>${p.tenant}</b>: ${counts || "outputs only"}</summary>`, true);
    add("", true);
    for (const r of p.resources) {
      const reason = r.replaceReason ? ` (${r.replaceReason})` : "";
      add(`- ${code(r.address)}${r.role ? ` (${r.role})` : ""}: **${ACTION_WORD[r.action]}**${reason}`, true);
      attributeLines(r.attributes).forEach((l) => add(l, true));
    }
    if (p.outputs.length > 0) {
      add(`- outputs:`, true);
      for (const o of p.outputs) {
        add(`  - ${code(o.name)}: ${ACTION_WORD[o.action]}${o.sensitive ? " (sensitive: not shown)" : ""}`, true);
        attributeLines(o.attributes, "    ").forEach((l) => add(l, true));
      }
    }
    add("", true);
    add("</details>");
    add("");
  }
  return bounded(lines, limit, opts.command ?? "hybrid summary");
}

const ACTION_WORD: Record<PlanAction, string> = {
  create: "create",
  update: "update in place",
  replace: "replace",
  destroy: "destroy",
  forget: "forget (removed from state, kept in the org)",
};

function attributeLines(attributes: readonly AttributeChange[], indent = "  "): string[] {
  const shown = attributes.slice(0, MAX_ATTRIBUTES).map((a) => `${indent}- ${code(a.path || "(value)")}: ${side(a.before)} → ${side(a.after)}`);
  if (attributes.length > MAX_ATTRIBUTES) shown.push(`${indent}- … and ${attributes.length - MAX_ATTRIBUTES} more attributes`);
  return shown;
}

function side(v: ShownValue): string {
  switch (v.kind) {
    case "value":
      return code(v.text);
    case "hidden":
      // The one placeholder of core/redaction, with why the value is not shown.
      return `${REDACTED} _(${v.why === "sensitive" ? "sensitive" : "looks like a secret"})_`;
    case "unknown":
      return "_(known after apply)_";
    case "absent":
      return "_(none)_";
  }
}

/** A Markdown code span that survives backticks in `text`. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}

function bounded(lines: readonly Line[], limit: number, command: string): string {
  const full = lines.map((l) => l.text).join("\n") + "\n";
  if (full.length <= limit) return full;
  const notice = (left: number) =>
    `\n**Cut here:** the summary reached the ${limit.toLocaleString("en-US")}-character limit of a pull-request comment; ` +
    `${left} more line${left === 1 ? "" : "s"} left out. Run \`${command}\` for the whole text.\n`;
  const closing = "\n</details>";
  let out = "";
  let kept = 0;
  for (const line of lines) {
    const next = out + line.text + "\n";
    // Room for the closing tag (when this line leaves a <details> open) and the notice, sized for the worst case.
    const reserve = (line.openDetails ? closing.length : 0) + notice(lines.length).length;
    if (next.length + reserve > limit) break;
    out = next;
    kept += 1;
  }
  const stillOpen = kept > 0 && lines[kept - 1].openDetails;
  return out + (stillOpen ? closing.slice(1) + "\n" : "") + notice(lines.length - kept);
}
