// The cdktf app: one stack per tenant of the tenants file (HYBRID_CONFIG, default tenants.yaml).
// cdktf.json runs it bundled to JavaScript, which lets many tenants share the cores (stacks/parallel-synthesis).
import { isMainThread } from "node:worker_threads";
import { loadTenantsFile, tenantsFilePath } from "./core/config/tenants-file";
import { UserError } from "./core/user-error";
import { deploymentTarget } from "./core/contract/deployment-target";
import { checkTenants } from "./stacks/hybrid-app";
import { serveSynthesisWorker, synthesisThreads, synthesizeTenantStacks } from "./stacks/parallel-synthesis";

// cdktf records a stack trace for every token it makes (thousands per tenant), only to
// explain a token it cannot resolve; formatting them (source-mapped, under ts-node) was
// the largest cost of synthesis. Traces are formatted when first read, so errors
// reported after the restore below still get theirs.
const formatted = Error.prepareStackTrace;
Error.prepareStackTrace = () => "";

async function main(): Promise<void> {
  try {
    const target = deploymentTarget();
    const checked = checkTenants(loadTenantsFile(tenantsFilePath()));
    for (const warning of checked.warnings) console.warn(`warning: ${warning}`);
    if (target.kind === "sandbox") console.warn(`note: synthesizing for the sandbox at ${target.url} (${target.stateDir}); unset HYBRID_SANDBOX_URL to synthesize for Genesys Cloud`);
    const threads = synthesisThreads(checked.tenants.length);
    // Worker threads run this file again, which they can only as JavaScript (not under ts-node).
    const workerEntry = __filename.endsWith(".js") ? __filename : undefined;
    const { stacksPerThread } = await synthesizeTenantStacks(checked, { target, threads, workerEntry });
    if (stacksPerThread.length > 1) console.warn(`note: synthesized ${checked.tenants.length} tenants on ${stacksPerThread.length} threads (${stacksPerThread.join(" + ")} stacks)`);
  } catch (err) {
    Error.prepareStackTrace = formatted;
    // Bad input is reported as the list of problems, without a stack trace; anything else is a bug.
    if (err instanceof UserError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

if (isMainThread) void main();
else serveSynthesisWorker();
