import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Redactor } from "../../core/redaction";
import { projectTerraform } from "../../core/terraform/terraform";
import { loadToolchain } from "../../core/toolchain/toolchain-manifest";
import { REPO_PROJECT, REPO_ROOT } from "../repo";
import { userEnv } from "../user-env";

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
      app: `${JSON.stringify(process.execPath)} ${JSON.stringify(tsNode)} --transpile-only --project ${JSON.stringify(join(REPO_ROOT, "tsconfig.json"))} ${JSON.stringify(join(REPO_ROOT, "testing", "e2e", "app-at-fake.ts"))}`,
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

/** Runs the project's cdktf CLI in `dir` with the repository toolchain's Terraform and mirror; output masked (core/redaction). */
export function runCdktf(dir: string, args: readonly string[], env: Record<string, string>, redact: readonly string[] = []): Promise<CdktfResult> {
  const started = Date.now();
  const cli = join(REPO_ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
  const tc = loadToolchain(REPO_PROJECT);
  const tf = projectTerraform(REPO_PROJECT, userEnv({ CI: "true", FORCE_COLOR: "0", ...env }), tc);
  // cdktf finds OpenTofu only by name.
  const childEnv = { ...tf.env, ...(tc.terraform.kind === "opentofu" ? { TERRAFORM_BINARY_NAME: tf.binary } : {}) };
  const redactor = Redactor.fromEnv(childEnv, redact);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: dir, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output: redactor.mask(Buffer.concat(chunks).toString("utf8")), durationMs: Date.now() - started }));
  });
}
