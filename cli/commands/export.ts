import * as path from "node:path";
import { Option, type Command } from "commander";
import { TENANTS_FILE_ENV } from "../../core/config/tenants-file";
import { EXPORT_FORMATS, type ExportFormat } from "../../services/export/export-format";
import { SECRET_OPTIONS } from "../../core/contract/option-layout";
import { DEFAULT_EXPORT_DIR, prepareExports, writeExport } from "../../services/export/tenant-export";
import { displayPath, type CliContext } from "../context";
import { selectTenants } from "../tenant-selection";

interface ExportFlags {
  tenant?: string;
  all?: boolean;
  out: string;
  format: ExportFormat;
  includeSecrets?: boolean;
  config?: string;
}

/** `hybrid export`: a tenant's hybrid_integration transaction object as files Configuration Server imports. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command("export")
    .description(
      "write a tenant's hybrid_integration transaction object, from its applied Terraform outputs, as files " +
        "Genesys Configuration Server imports: <out>/<tenant>/hybrid_integration.cfg, annex.cfg, hybrid_integration.json, README.txt",
    )
    .addOption(new Option("--tenant <name>", "the tenant to export").conflicts("all"))
    .addOption(new Option("--all", "export every tenant of the tenants file"))
    .option("--out <dir>", "the export folder; each tenant gets <dir>/<tenant>/", DEFAULT_EXPORT_DIR)
    .addOption(
      new Option("--format <format>", "cfg or conf: the options files' extension (hybrid_integration.json is written too); json: only hybrid_integration.json")
        .choices(EXPORT_FORMATS)
        .default("cfg"),
    )
    .option(
      "--include-secrets",
      `also write ${SECRET_OPTIONS.join(", ")} (files 0600 in a 0700 folder); without it they are left out, to be entered by hand`,
    )
    .option("--config <file>", `the tenants file (default: $${TENANTS_FILE_ENV}, else tenants.yaml)`)
    .action(async (flags: ExportFlags) => {
      const tenants = selectTenants(ctx, flags, {
        what: "export",
        fix: `add it there and deploy it (README, "Deploying a tenant"), or name another tenant; nothing was written.`,
      }).tenants.map((t) => t.name);
      const outDir = path.resolve(ctx.cwd, flags.out);

      // Every tenant is read and checked before anything is written.
      const prepared = await prepareExports(tenants, {
        outDir,
        format: flags.format,
        includeSecrets: flags.includeSecrets === true,
        cwd: ctx.cwd,
        env: ctx.env,
      });

      for (const p of prepared) {
        const shown = displayPath(ctx, p.dir);
        const report = writeExport(p, shown);
        const rows: [string, string[]][] = [
          ["changed", report.changed],
          ["unchanged", report.unchanged],
          ["removed", report.removed],
        ];
        ctx.stdout(
          [`${p.tenant}: ${shown}/`, ...rows.flatMap(([label, names]) => names.map((n) => `  ${label.padEnd(9)}  ${n}`))].join("\n") + "\n",
        );
        if (p.object.keptPasswords.length > 0) {
          ctx.stderr(
            `${p.tenant}: ${p.object.keptPasswords.join(", ")}: adopted client(s) (hybrid adopt): keep the password the transaction object already holds; ` +
              `Terraform never saw it, so the export leaves it out\n`,
          );
        }
        if (p.object.omittedSecrets.length > 0) {
          ctx.stderr(
            `${p.tenant}: to be entered by hand (secrets, left out): ${p.object.omittedSecrets.join(", ")}; ` +
              `see ${shown}/README.txt, or export with --include-secrets\n`,
          );
        } else {
          const secretFiles = p.files.filter((f) => f.secret).map((f) => f.name);
          ctx.stderr(
            `${p.tenant}: ${secretFiles.join(", ")} hold secrets (mode 0600, folder 0700); ` +
              `delete them once the object is in Configuration Server, and never commit them\n`,
          );
        }
      }
    });
}
