import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Redactor } from "../core/redaction";
import { parseSandboxEnv } from "../services/sandbox/sandbox-env";
import { REPO_ROOT } from "./repo";
import { userEnv } from "./user-env";

/** The installed `hybrid`: bin/hybrid.js, which runs the compiled CLI in dist/ (`npm run build`). */
export const HYBRID_BIN = join(REPO_ROOT, "bin", "hybrid.js");

export interface InstalledRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InstalledRunOptions {
  readonly cwd: string;
  /** On top of a user's environment (testing/user-env). */
  readonly env?: Readonly<Record<string, string>>;
  /** Secrets masked in the captured output, so that no assertion message prints them. */
  readonly redact?: readonly string[];
  /** @default 300000 */
  readonly timeoutMs?: number;
}

/**
 * Runs `node bin/hybrid.js <args>` as a separate process in `cwd`, with the environment a
 * user has: the CLI as it is installed and documented, not the TypeScript sources.
 */
export function runInstalled(args: readonly string[], opts: InstalledRunOptions): Promise<InstalledRun> {
  const env = userEnv(opts.env);
  const redactor = Redactor.fromEnv(env, opts.redact ?? []);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HYBRID_BIN, ...args], { cwd: opts.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 300_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout: redactor.mask(stdout), stderr: redactor.mask(stderr) });
    });
  });
}

/** {@link runInstalled}, synchronously (for short commands). */
export function runInstalledSync(args: readonly string[], opts: InstalledRunOptions): InstalledRun {
  const env = userEnv(opts.env);
  const redactor = Redactor.fromEnv(env, opts.redact ?? []);
  const r = spawnSync(process.execPath, [HYBRID_BIN, ...args], { cwd: opts.cwd, env, encoding: "utf8", timeout: opts.timeoutMs ?? 300_000 });
  return { code: r.status ?? 1, stdout: redactor.mask(r.stdout), stderr: redactor.mask(r.stderr) };
}

/** `hybrid sandbox` running in the background. */
export interface BackgroundSandbox {
  readonly process: ChildProcessWithoutNullStreams;
  /** Its sandbox.env, as `source` reads it. */
  readonly env: Record<string, string>;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
}

/**
 * `hybrid sandbox --dir <dir> [args]` in `cwd` in the background, as in a second terminal,
 * once it printed its ready line.
 */
export async function startInstalledSandbox(cwd: string, dir: string, args: readonly string[] = []): Promise<BackgroundSandbox> {
  const child = spawn(process.execPath, [HYBRID_BIN, "sandbox", ...args, "--dir", dir], { cwd, env: userEnv() });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 60 s:\n${output}`)), 60_000);
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString();
      if (/^ready /m.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("exit", (code) => reject(new Error(`sandbox exited ${code} before ready:\n${output}`)));
  });
  return { process: child, env: parseSandboxEnv(readFileSync(join(cwd, dir, "sandbox.env"), "utf8")), output: () => output };
}

/** Stops a background sandbox with `signal` (SIGINT: as Ctrl-C does); resolves to its exit code. */
export function stopSandbox(sandbox: BackgroundSandbox, signal: NodeJS.Signals = "SIGINT"): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => sandbox.process.on("exit", (code) => resolve(code)));
  sandbox.process.kill(signal);
  return exited;
}

/** A Node stack frame line ("    at fn (file.js:1:2)"): what a user must never see. */
export const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
