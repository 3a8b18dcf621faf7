// The cdktf app: one stack per tenant of the tenants file (HYBRID_CONFIG, default tenants.yaml).
// cdktf.json runs it bundled to JavaScript, which lets many tenants share the cores (stacks/parallel-synthesis).
import * as path from "node:path";
import { isMainThread } from "node:worker_threads";
import { loadTenantsFile } from "./core/config/tenants-file";
import { deploymentTarget } from "./core/contract/deployment-target";
import { Project, SYNTH_SKIP_FAILED_ENV } from "./core/project";
import { ExitCode, UserError } from "./core/user-error";
import { serveSynthesisWorker } from "./stacks/parallel-synthesis";
import { synthesize } from "./stacks/synthesize";

// cdktf records a stack trace for every token it makes (thousands per tenant), only to
// explain a token it cannot resolve; formatting them (source-mapped, under ts-node) was
// the largest cost of synthesis. Traces are formatted when first read, so errors
// reported after the restore below still get theirs.
const formatted = Error.prepareStackTrace;
Error.prepareStackTrace = () => "";

async function main(): Promise<void> {
  try {
    // cdktf runs the app in the project's folder.
    const project = Project.require(process.cwd(), "cdktf synth");
    const target = deploymentTarget(process.env);
    if (target.kind === "sandbox") console.warn(`note: synthesizing for the sandbox at ${target.url} (${target.stateDir}); unset HYBRID_SANDBOX_URL to synthesize for Genesys Cloud`);
    // Worker threads run this file again, which they can only as JavaScript (not under ts-node).
    const workerEntry = __filename.endsWith(".js") ? __filename : undefined;
    const file = loadTenantsFile(project.tenantsFile(process.cwd(), process.env));
    const skipFailedTenants = process.env[SYNTH_SKIP_FAILED_ENV] === "1";
    const cacheDir = project.synthesisCacheDir(process.cwd(), process.env);
    const summary = await synthesize(file, target, { env: process.env, workerEntry, cacheDir, skipFailedTenants });
    for (const warning of summary.warnings) console.warn(`warning: ${warning}`);
    const threads = summary.stacksPerThread;
    if (threads.length > 1) console.warn(`note: synthesized ${summary.tenants.length - summary.fromCache} tenants on ${threads.length} threads (${threads.join(" + ")} stacks)`);
    if (summary.fromCache > 0) console.warn(`note: ${summary.fromCache} of ${summary.tenants.length} stacks unchanged, written from the synthesis cache (${shown(cacheDir)})`);
    for (const f of summary.failed) console.error(`left out: ${f.message}`);
    if (summary.failed.length > 0) process.exit(ExitCode.Failed);
  } catch (err) {
    Error.prepareStackTrace = formatted;
    // Bad input is reported as the list of problems, without a stack trace; anything else is a bug.
    if (err instanceof UserError) {
      console.error(err.message);
      process.exit(err.exitCode);
    }
    throw err;
  }
}

/** `file` relative to the working directory when it lies below it, else absolute. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

if (isMainThread) void main();
else serveSynthesisWorker();
