import type { Command } from "commander";
import { DEFAULT_SYNTH_DIR, TENANTS_FILE_ENV } from "../core/project";

/** The options every command shares, declared once on the program. */
export interface GlobalOptions {
  /** `--config`: the tenants file. */
  readonly config?: string;
  /** `--synth-dir`: cdktf's synthesis folder. */
  readonly synthDir?: string;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option("--config <file>", `the tenants file (default: $${TENANTS_FILE_ENV}, else tenants.yaml at the project's root)`)
    .option("--synth-dir <dir>", `cdktf's synthesis folder (default: ${DEFAULT_SYNTH_DIR} at the project's root)`);
}

/** The program's options, as seen from any of its (sub)commands. */
export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}
