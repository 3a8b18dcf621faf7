/**
 * Runs the toolchain's Terraform (or OpenTofu) with the mirror-only CLI configuration,
 * capturing output with secrets masked: for the demo, the CLI and end-to-end tests.
 */
import { spawn } from "child_process";
import { loadToolchain, terraformEnv, Toolchain } from "../toolchain/toolchain-manifest";

/** Subcommands that take `-input=false`. */
const TAKES_INPUT_FLAG = new Set(["init", "plan", "apply", "destroy", "refresh", "import"]);
/** Subcommands that take `-no-color`. */
const TAKES_NO_COLOR = new Set(["init", "plan", "apply", "destroy", "refresh", "import", "show", "output", "validate"]);

export interface TerraformResult {
  /** The command line as run, e.g. `terraform apply -input=false -no-color -auto-approve`. */
  readonly command: string;
  readonly code: number;
  /** Output with every `redact` value replaced by `***`. */
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export interface TerraformOptions {
  /** Extra environment (TF_VAR_... credentials), on top of the toolchain's {@link terraformEnv}. */
  readonly env?: Readonly<Record<string, string>>;
  /** Values that must never appear in returned output (secrets); replaced by `***`. */
  readonly redact?: readonly string[];
  /** @default 120000 */
  readonly timeoutMs?: number;
  readonly toolchain?: Toolchain;
}

/**
 * Runs the toolchain's Terraform in `dir` with the mirror-only CLI configuration
 * (`terraformEnv()`: the machine's own TF_CLI_CONFIG_FILE is overridden), adding
 * `-input=false` and `-no-color` to the subcommands that take them. Never throws on
 * a non-zero exit: the caller asserts on `code`.
 */
export async function runTerraform(dir: string, args: readonly string[], opts: TerraformOptions = {}): Promise<TerraformResult> {
  const tc = opts.toolchain ?? loadToolchain();
  const [sub, ...rest] = args;
  const full = [
    sub,
    ...(TAKES_INPUT_FLAG.has(sub) ? ["-input=false"] : []),
    ...(TAKES_NO_COLOR.has(sub) ? ["-no-color"] : []),
    ...rest,
  ];
  const started = Date.now();
  const run = await spawnCaptured(tc.terraform.path, full, { cwd: dir, env: { ...terraformEnv(tc), ...opts.env }, redact: opts.redact ?? [], timeoutMs: opts.timeoutMs ?? 120_000 });
  return { command: `terraform ${full.join(" ")}`, ...run, durationMs: Date.now() - started };
}

/** What a captured process answered: its exit code and output, every `redact` value masked. */
export interface CapturedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `binary args` in `cwd` and captures its output, with every `redact` value
 * replaced by `***` (stdout left as is with `rawStdout`, e.g. a plan's JSON written to
 * a file); killed after `timeoutMs`. Never throws on a non-zero exit.
 */
export function spawnCaptured(
  binary: string,
  args: readonly string[],
  opts: { readonly cwd: string; readonly env: NodeJS.ProcessEnv; readonly redact: readonly string[]; readonly timeoutMs: number; readonly rawStdout?: boolean },
): Promise<CapturedRun> {
  // Longest first, so a secret containing another is masked whole.
  const secrets = opts.redact.filter((s) => s.length > 0).sort((x, y) => y.length - x.length);
  const mask = (text: string) => secrets.reduce((t, s) => t.split(s).join("***"), text);
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill("SIGTERM"), opts.timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString("utf8");
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: opts.rawStdout ? stdout : mask(stdout),
        stderr: mask(Buffer.concat(err).toString("utf8")) + (signal ? `\n(killed by ${signal})` : ""),
      });
    });
  });
}

/** A readable account of a run, for assertion messages. */
export function describeRun(result: TerraformResult): string {
  const tail = (s: string) => s.split("\n").slice(-40).join("\n");
  return `${result.command} exited ${result.code} after ${result.durationMs} ms\n--- stdout (tail)\n${tail(result.stdout)}\n--- stderr (tail)\n${tail(result.stderr)}`;
}

/** Like {@link runTerraform}, but fails with the run's output unless it exits with one of `okCodes`. */
export async function terraformOk(dir: string, args: readonly string[], opts: TerraformOptions & { okCodes?: readonly number[] } = {}): Promise<TerraformResult> {
  const result = await runTerraform(dir, args, opts);
  if (!(opts.okCodes ?? [0]).includes(result.code)) throw new Error(`Terraform failed:\n${describeRun(result)}`);
  return result;
}

/** Actions per resource address of a saved plan (`terraform show -json <planfile>`), e.g. `{"restapi_object.x": ["update"]}`. */
export async function planActions(dir: string, planFile: string, opts: TerraformOptions = {}): Promise<Record<string, string[]>> {
  const shown = await terraformOk(dir, ["show", "-json", planFile], opts);
  const plan = JSON.parse(shown.stdout) as { resource_changes?: { address: string; change: { actions: string[] } }[] };
  return Object.fromEntries((plan.resource_changes ?? []).map((rc) => [rc.address, rc.change.actions]));
}
