import { spawn } from "child_process";
import { writeFileSync } from "fs";
import { join } from "path";
import { loadToolchain, terraformEnv } from "../../core/toolchain/toolchain-manifest";

const ROOT = join(__dirname, "..", "..");

/**
 * Makes `dir` (holding a tenants.yaml and its certs) a cdktf project whose app is
 * {@link ./app-at-fake.ts}, so the real cdktf CLI can synth and deploy it.
 */
export function writeCdktfProject(dir: string): void {
  const tsNode = require.resolve("ts-node/dist/bin.js");
  writeFileSync(
    join(dir, "cdktf.json"),
    JSON.stringify({
      language: "typescript",
      app: `${JSON.stringify(process.execPath)} ${JSON.stringify(tsNode)} --transpile-only --project ${JSON.stringify(join(ROOT, "tsconfig.json"))} ${JSON.stringify(join(ROOT, "testing", "e2e", "app-at-fake.ts"))}`,
      sendCrashReports: "false",
      terraformProviders: [],
    }),
  );
}

export interface CdktfResult {
  readonly code: number;
  readonly output: string;
  readonly durationMs: number;
}

/** Runs the project's cdktf CLI in `dir` with the toolchain's Terraform and mirror; output with `redact` values masked. */
export function runCdktf(dir: string, args: readonly string[], env: Record<string, string>, redact: readonly string[] = []): Promise<CdktfResult> {
  const started = Date.now();
  const cli = join(ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { ...terraformEnv(loadToolchain()), CI: "true", FORCE_COLOR: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      const output = redact.filter((s) => s).reduce((t, s) => t.split(s).join("***"), Buffer.concat(chunks).toString("utf8"));
      resolve({ code: code ?? 1, output, durationMs: Date.now() - started });
    });
  });
}
