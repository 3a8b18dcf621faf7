import * as path from "node:path";
import { Option, type Command } from "commander";
import { SECRET_OPTIONS } from "../../core/contract/option-layout";
import { EXPORT_FORMATS, type ExportFormat } from "../../services/export/export-format";
import { DEFAULT_EXPORT_DIR, prepareExports, writeExport } from "../../services/export/tenant-export";
import { displayPath, projectOf, type CliContext } from "../context";
import { globalOptions } from "../global-options";
import { addTenantSelector, selectTenants } from "../tenant-selector";

interface ExportFlags {
  readonly out: string;
  readonly format: ExportFormat;
  readonly includeSecrets?: boolean;
}

/** `hybrid export`: a tenant's hybrid_integration transaction object as files Configuration Server imports. */
export function register(program: Command, ctx: CliContext): void {
  addTenantSelector(
    program
      .command("export")
      .description(
        "write a tenant's hybrid_integration transaction object, from its applied Terraform outputs, as files " +
          "Genesys Configuration Server imports: <out>/<tenant>/hybrid_integration.cfg, annex.cfg, hybrid_integration.json, README.txt",
      ),
    "export",
  )
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
    .action(async (flags: ExportFlags, command: Command) => {
      const project = projectOf(ctx, "export");
      const tenants = selectTenants(ctx, project, command, "export").tenants.map((t) => t.name);

      // Every tenant is read and checked before anything is written.
      const prepared = await prepareExports(tenants, {
        project,
        synthDir: project.synthDir(ctx.cwd, globalOptions(command).synthDir),
        env: ctx.env,
        outDir: path.resolve(ctx.cwd, flags.out),
        format: flags.format,
        includeSecrets: flags.includeSecrets === true,
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
        if (p.object.rolloverStage) {
          ctx.stderr(
            `${p.tenant}: key rollover stage ${p.object.rolloverStage}: saml/certificate, saml/pkey and saml/password are the ` +
              `${p.object.rolloverStage === "publish" ? "current key set's (the next one is trusted too)" : "next key set's"}; see ${shown}/README.txt\n`,
          );
        }
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
