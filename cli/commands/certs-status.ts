import type { Command } from "commander";
import { isoDate } from "../../core/certs/certificate-check";
import { ExitCode, UserError } from "../../core/user-error";
import { ATTENTION, certificateStatuses, type CertificateStatus, type Urgency, WARNING_DAYS } from "../../services/certs-status/certificate-status";
import type { LiveTrust } from "../../services/certs-status/live-trust";
import { certsGroup } from "../certs-group";
import { displayPath, projectOf, type CliContext } from "../context";
import { addTenantSelector, selectTenants } from "../tenant-selector";

interface StatusFlags {
  readonly json?: boolean;
  readonly live?: boolean;
}

const URGENCY_TEXT: Record<Urgency, string> = {
  unreadable: "UNREADABLE",
  expired: "EXPIRED",
  "not-yet-valid": "NOT YET VALID",
  "under-7-days": `under ${WARNING_DAYS[2]} days`,
  "under-30-days": `under ${WARNING_DAYS[1]} days`,
  "under-60-days": `under ${WARNING_DAYS[0]} days`,
  ok: "ok",
};

/** `hybrid certs status`: the fleet's signing certificates by urgency, from the tenants file and the certificate files. */
export function register(program: Command, ctx: CliContext): void {
  addTenantSelector(
    certsGroup(program)
      .command("status")
      .description(
        "one row per tenant of the tenants file: the signing certificate's expiry and days left, and the declared key rollover stage, most urgent first " +
          `(warnings under ${WARNING_DAYS.join(", ")} days); reads only the tenants file and the certificate files. Exits ${ExitCode.Attention} when a certificate ` +
          `expired or has under ${WARNING_DAYS[2]} days left`,
      ),
    "show",
  )
    .option("--json", "print one JSON document instead of the table")
    .option(
      "--live",
      "also read each org's identity provider (with the Terraform admin client a deploy uses, TF_VAR_<tenant>_admin_client_id/secret) and name the certificates it trusts that the tenants file does not declare",
    )
    .action(async (flags: StatusFlags, command: Command) => {
      const project = projectOf(ctx, "certs status");
      const { tenants } = selectTenants(ctx, project, command, "show");
      const rows = certificateStatuses(tenants, ctx.now());
      // Loaded only with --live: the API client and the adopt service's org reader.
      const live = flags.live === true ? await (await import("../../services/certs-status/live-trust")).liveTrust(tenants, ctx.env) : undefined;
      const liveOf = new Map((live ?? []).map((l) => [l.tenant, l]));

      if (flags.json === true) {
        ctx.stdout(JSON.stringify({ tenants: rows.map((r) => ({ ...r, ...(live ? { live: liveOf.get(r.tenant) } : {}) })), counts: counts(rows) }, null, 2) + "\n");
      } else {
        ctx.stdout(table(ctx, rows));
        if (live) ctx.stdout(liveLines(rows, liveOf));
      }

      const unreadable = rows.filter((r) => r.urgency === "unreadable").map((r) => r.tenant);
      const unread = (live ?? []).filter((l) => l.problem !== undefined).map((l) => l.tenant);
      if (unreadable.length > 0 || unread.length > 0) {
        throw new UserError(
          [
            unreadable.length > 0 ? `the signing certificate of ${unreadable.join(", ")} cannot be read` : "",
            unread.length > 0 ? `the identity provider of ${unread.join(", ")} could not be read live` : "",
          ].filter(Boolean).join("; ") + " (the lines above say why and what to do)",
          ExitCode.Failed,
        );
      }
      const urgent = rows.filter((r) => ATTENTION.includes(r.urgency)).map((r) => r.tenant);
      const undeclared = (live ?? []).filter((l) => l.undeclared.length > 0).map((l) => l.tenant);
      if (urgent.length > 0 || undeclared.length > 0) {
        throw new UserError(
          [
            urgent.length > 0 ? `${urgent.join(", ")}: signing certificate expired or expiring within ${WARNING_DAYS[2]} days` : "",
            undeclared.length > 0 ? `${undeclared.join(", ")}: the identity provider trusts a certificate the tenants file does not declare` : "",
          ].filter(Boolean).join("; ") + " (see above)",
          ExitCode.Attention,
        );
      }
    });
}

function counts(rows: readonly CertificateStatus[]): Record<Urgency, number> {
  const out = Object.fromEntries(Object.keys(URGENCY_TEXT).map((u) => [u, 0])) as Record<Urgency, number>;
  for (const r of rows) out[r.urgency] += 1;
  return out;
}

function table(ctx: CliContext, rows: readonly CertificateStatus[]): string {
  const date = (iso?: string) => (iso ? isoDate(new Date(iso)).replace(/:\d\d UTC$/, "") : "-");
  const other = (r: CertificateStatus) =>
    r.other ? ` (${r.stage === "publish" ? "next" : "previous"}: ${displayPath(ctx, r.other.file)}, ${r.other.daysLeft !== undefined ? `${r.other.daysLeft} days` : "unreadable"})` : "";
  const cells = [
    ["TENANT", "STAGE", "EXPIRES (UTC)", "DAYS", "STATUS", "SIGNING CERTIFICATE"],
    ...rows.map((r) => [r.tenant, r.stage, date(r.active.notAfter), r.active.daysLeft !== undefined ? String(r.active.daysLeft) : "-", URGENCY_TEXT[r.urgency], `${displayPath(ctx, r.active.file)}${other(r)}`]),
  ];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const lines = cells.map((c) => c.map((v, i) => (i === 3 ? v.padStart(widths[i]) : i === c.length - 1 ? v : v.padEnd(widths[i]))).join("  ").trimEnd());
  for (const r of rows.filter((r) => r.advice || r.active.problem)) lines.push(`${r.tenant}: ${r.active.problem ?? URGENCY_TEXT[r.urgency]}${r.advice ? `: ${r.advice}` : ""}`);
  const c = counts(rows);
  const summary = (Object.keys(URGENCY_TEXT) as Urgency[]).filter((u) => c[u] > 0).map((u) => `${c[u]} ${URGENCY_TEXT[u]}`);
  lines.push(`${rows.length} tenant(s): ${summary.join(", ") || "none"}`);
  return lines.join("\n") + "\n";
}

function liveLines(rows: readonly CertificateStatus[], live: ReadonlyMap<string, LiveTrust>): string {
  const lines = ["live: each org's PureEngage identity provider, read with its Terraform admin client"];
  for (const r of rows) {
    const l = live.get(r.tenant);
    if (!l) continue;
    if (l.problem) {
      lines.push(`  ${r.tenant}: ${l.problem}`);
      continue;
    }
    const parts = [`trusts ${l.trusted.length} certificate(s)`];
    parts.push(l.undeclared.length > 0 ? `NOT DECLARED: ${l.undeclared.map((f) => `sha256 ${f}`).join(", ")} (a retired key still trusted, or one added by hand: deploy the tenant, hybrid doctor names which)` : "all declared");
    if (l.missing.length > 0) parts.push(`declared but not trusted: ${l.missing.map((f) => `sha256 ${f}`).join(", ")} (deploy the declared stage)`);
    lines.push(`  ${r.tenant}: ${parts.join("; ")}`);
  }
  return lines.join("\n") + "\n";
}
