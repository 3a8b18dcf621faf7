import { existsSync } from "node:fs";
import { loadToolchain, TOOLCHAIN_MANIFEST } from "../toolchain/toolchain-manifest";
import { type CapturedRun, spawnCaptured } from "./terraform";

/** How to run Terraform: the binary and the whole environment it gets. */
export interface TerraformCommand {
  readonly binary: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Terraform as the project runs it: the toolchain's binary and mirror-only CLI
 * configuration (`npm run toolchain`) when there is one, else `terraform` on PATH.
 * A TF_CLI_CONFIG_FILE or TERRAFORM_BINARY_NAME (OpenTofu) already set in `env` wins.
 */
export function projectTerraform(env: NodeJS.ProcessEnv): TerraformCommand {
  const tc = existsSync(TOOLCHAIN_MANIFEST) ? loadToolchain() : undefined;
  return {
    binary: env.TERRAFORM_BINARY_NAME || tc?.terraform.path || "terraform",
    env: {
      ...env,
      ...(tc && !env.TF_CLI_CONFIG_FILE ? { TF_CLI_CONFIG_FILE: tc.cliConfigFile } : {}),
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
    },
  };
}

export type ProcessResult = CapturedRun;

/**
 * Runs `terraform <args>` in `cwd`. Output is kept with every value of a TF_VAR_
 * variable of the environment masked, so neither an error message nor a log line can
 * carry a credential; `rawStdout` keeps stdout as is (a plan's JSON, written to a file).
 */
export function runTerraformProcess(
  tf: TerraformCommand,
  cwd: string,
  args: readonly string[],
  opts: { timeoutMs?: number; rawStdout?: boolean } = {},
): Promise<ProcessResult> {
  // Short values (a "true", a port) would mask ordinary words; credentials are longer.
  const secrets = Object.entries(tf.env)
    .filter(([k, v]) => k.startsWith("TF_VAR_") && typeof v === "string" && v.length >= 8)
    .map(([, v]) => v as string);
  return spawnCaptured(tf.binary, args, { cwd, env: tf.env, redact: secrets, timeoutMs: opts.timeoutMs ?? 30 * 60_000, rawStdout: opts.rawStdout });
}
