// The cdktf app: one stack per tenant of the tenants file (HYBRID_CONFIG, default tenants.yaml).
import { App } from "cdktf";
import { loadTenantsFile, tenantsFilePath } from "./lib/config/tenants-file";
import { UserError } from "./lib/user-error";
import { deploymentTarget } from "./stacks/deployment-target";
import { addTenantStacks, checkTenants } from "./stacks/hybrid-app";

// cdktf records a stack trace for every token it makes (thousands per tenant); under
// ts-node each trace is source-mapped, which made synthesis several times slower.
// V8's plain traces suffice for that bookkeeping; errors are reported after it.
const sourceMapped = Error.prepareStackTrace;
(Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
try {
  const target = deploymentTarget();
  const checked = checkTenants(loadTenantsFile(tenantsFilePath()));
  for (const warning of checked.warnings) console.warn(`warning: ${warning}`);
  if (target.kind === "sandbox") console.warn(`note: synthesizing for the sandbox at ${target.url} (${target.stateDir}); unset HYBRID_SANDBOX_URL to synthesize for Genesys Cloud`);
  const app = new App();
  addTenantStacks(app, checked, target);
  app.synth();
} catch (err) {
  Error.prepareStackTrace = sourceMapped;
  // Bad input is reported as the list of problems, without a stack trace; anything else is a bug.
  if (err instanceof UserError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
