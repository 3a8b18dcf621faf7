import * as path from "node:path";
import { readTenantOutputs, type TenantOutputs } from "../../core/contract/tenant-outputs";
import type { Project } from "../../core/project";
import { ExitCode, UserError } from "../../core/user-error";
import { exportFiles, type ExportFile } from "./export-files";
import { EXPORT_FILE_NAMES, type ExportFormat } from "./export-format";
import { buildTransactionObject, type TransactionObject } from "./transaction-object";
import { writeIfChanged, type WriteReport } from "./write-if-changed";

/** Where exports go when `--out` is not given, relative to the working directory. */
export const DEFAULT_EXPORT_DIR = "hybrid-export";

export interface ExportSettings {
  /** The export root; each tenant gets `<outDir>/<tenant>/`. Absolute. */
  readonly outDir: string;
  readonly format: ExportFormat;
  readonly includeSecrets: boolean;
  readonly project: Project;
  /** The synthesized app, holding each tenant's stack. */
  readonly synthDir: string;
  /** The caller's whole environment, for Terraform (PG_CONN_STR for a pg backend, a sandbox's TF_DATA_DIR). */
  readonly env: NodeJS.ProcessEnv;
  /** Reads a tenant's outputs; {@link readTenantOutputs} unless a test substitutes its own source. */
  readonly readOutputs?: (tenant: string) => Promise<TenantOutputs>;
}

/** One tenant's export, checked and rendered, not yet written. */
export interface PreparedExport {
  readonly tenant: string;
  readonly dir: string;
  readonly object: TransactionObject;
  readonly files: readonly ExportFile[];
}

/**
 * Reads and checks every tenant's outputs and renders its files, writing nothing: all
 * tenants are checked before any is written, so bad input leaves every export as it was.
 *
 * @throws UserError with every tenant's problems, one tenant per paragraph.
 */
export async function prepareExports(tenants: readonly string[], settings: ExportSettings): Promise<PreparedExport[]> {
  const read = settings.readOutputs ?? ((t: string) => readTenantOutputs(t, { project: settings.project, synthDir: settings.synthDir, env: settings.env }));
  const prepared: PreparedExport[] = [];
  const problems: string[] = [];
  for (const tenant of tenants) {
    try {
      const object = buildTransactionObject(tenant, await read(tenant), {
        includeSecrets: settings.includeSecrets,
        forOptionLines: settings.format !== "json",
      });
      prepared.push({ tenant, dir: path.join(settings.outDir, tenant), object, files: exportFiles(object, settings.format) });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) {
    if (problems.length === 1) throw new UserError(`${problems[0].replace(/\.?$/, ".")} Nothing was written.`, ExitCode.Failed);
    throw new UserError([`${problems.length} of ${tenants.length} tenants cannot be exported:`, ...problems, "Nothing was written."].join("\n"), ExitCode.Failed);
  }
  return prepared;
}

/** Writes one prepared export: secret files 0600 in a 0700 folder, each file replaced only when it changed. */
export function writeExport(prepared: PreparedExport, displayDir?: string): WriteReport {
  const secret = prepared.files.some((f) => f.secret);
  return writeIfChanged(
    prepared.dir,
    prepared.files.map((f) => ({ name: f.name, content: f.content, mode: f.secret ? 0o600 : 0o644 })),
    { folderMode: secret ? 0o700 : undefined, removeNames: EXPORT_FILE_NAMES, displayDir },
  );
}
