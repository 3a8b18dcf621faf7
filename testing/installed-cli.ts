import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { Redactor } from "../core/redaction";
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

/** A Node stack frame line ("    at fn (file.js:1:2)"): what a user must never see. */
export const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
