/**
 * The one way the project runs Terraform (or OpenTofu): the CLI, the services, the
 * toolchain and the tests all go through {@link projectTerraform} and {@link runTerraform}.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { Project } from "../project";
import { Redactor } from "../redaction";
import { findToolchain, type Toolchain } from "../toolchain/toolchain-manifest";

/** How to run Terraform: the binary, and the whole environment it gets (nothing else of the caller's leaks in). */
export interface Terraform {
  readonly binary: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Terraform as a project runs it, for a caller whose environment is `env`: the binary
 * TERRAFORM_BINARY_NAME names (as cdktf reads it), else the toolchain's, else `terraform` on
 * PATH; the CLI configuration TF_CLI_CONFIG_FILE names, else the toolchain's mirror-only one;
 * no checkpoint calls, no prompts.
 */
export function projectTerraform(
  project: Project | undefined,
  env: NodeJS.ProcessEnv,
  toolchain: Pick<Toolchain, "terraform"> & Partial<Pick<Toolchain, "cliConfigFile">> | undefined = project && findToolchain(project),
): Terraform {
  return {
    binary: env.TERRAFORM_BINARY_NAME || toolchain?.terraform.path || "terraform",
    env: {
      ...env,
      ...(toolchain?.cliConfigFile && !env.TF_CLI_CONFIG_FILE ? { TF_CLI_CONFIG_FILE: toolchain.cliConfigFile } : {}),
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
    },
  };
}

/** The data directory Terraform uses in `stackDir` (TF_DATA_DIR, which a sandbox.env sets, else `.terraform`). */
export function terraformDataDir(tf: Terraform, stackDir: string): string {
  return path.resolve(stackDir, tf.env.TF_DATA_DIR || ".terraform");
}

/** Subcommands that take `-input=false`. */
const TAKES_INPUT_FLAG = new Set(["init", "plan", "apply", "destroy", "refresh", "import"]);
/** Subcommands that take `-no-color`. */
const TAKES_NO_COLOR = new Set(["init", "plan", "apply", "destroy", "refresh", "import", "show", "output", "validate"]);

export interface RunOptions {
  /** Values known to be secret, masked in the output whatever their length (TF_VAR_ values are masked anyway). */
  readonly secrets?: readonly string[];
  /** Keep stdout as is (a plan's JSON, secret outputs read on purpose); stderr is masked anyway. */
  readonly rawStdout?: boolean;
  /** @default 30 minutes */
  readonly timeoutMs?: number;
}

export interface TerraformResult {
  /** The command line as run, e.g. `terraform apply -input=false -no-color -auto-approve`. */
  readonly command: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/**
 * Runs `terraform <args>` in `cwd`, adding `-input=false` and `-no-color` to the
 * subcommands that take them, and captures its output masked by the one policy
 * (core/redaction): `secrets`, and every TF_VAR_ value of its environment. Never throws
 * on a non-zero exit; killed after `timeoutMs`.
 */
export function runTerraform(tf: Terraform, cwd: string, args: readonly string[], opts: RunOptions = {}): Promise<TerraformResult> {
  const [sub, ...rest] = args;
  const full = [sub, ...(TAKES_INPUT_FLAG.has(sub) ? ["-input=false"] : []), ...(TAKES_NO_COLOR.has(sub) ? ["-no-color"] : []), ...rest];
  const redactor = Redactor.fromEnv(tf.env, opts.secrets);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(tf.binary, full, { cwd, env: tf.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill("SIGTERM"), opts.timeoutMs ?? 30 * 60_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString("utf8");
      resolve({
        command: `${path.basename(tf.binary)} ${full.join(" ")}`,
        code: code ?? (signal ? 128 : 1),
        stdout: opts.rawStdout ? stdout : redactor.mask(stdout),
        stderr: redactor.mask(Buffer.concat(err).toString("utf8")) + (signal ? `\n(killed by ${signal})` : ""),
        durationMs: Date.now() - started,
      });
    });
  });
}

/** A readable account of a run (its output already masked), for error messages. */
export function describeRun(result: TerraformResult): string {
  const tail = (s: string) => s.split("\n").slice(-40).join("\n");
  return `${result.command} exited ${result.code} after ${result.durationMs} ms\n--- stdout (tail)\n${tail(result.stdout)}\n--- stderr (tail)\n${tail(result.stderr)}`;
}

/** Terraform's error block, not its whole log: the last lines with text in them. */
export function errorBlock(text: string, n = 12): string {
  return text
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .filter((l) => l.trim() !== "" && !/^[│╷╵]\s*$/.test(l))
    .slice(-n)
    .join("\n");
}

/** Terraform's last few error lines on one line, for a one-line message. */
export function lastLines(text: string, count = 5): string {
  return text.trim().split("\n").slice(-count).join(" ").replace(/\s+/g, " ").trim() || "no output";
}
