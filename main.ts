// The cdktf app: one stack per tenant of the tenants file (HYBRID_CONFIG, default tenants.yaml).
import { App } from "cdktf";
import { loadTenantsFile, tenantsFilePath } from "./lib/config/tenants-file";
import { UserError } from "./lib/user-error";
import { deploymentTarget } from "./stacks/deployment-target";
import { addTenantStacks, checkTenants } from "./stacks/hybrid-app";

// cdktf records a stack trace for every token it makes (thousands per tenant), only to
// explain a token it cannot resolve; formatting them (source-mapped, under ts-node) was
// the largest cost of synthesis. Traces are formatted when first read, so errors
// reported after the restore below still get theirs.
const formatted = Error.prepareStackTrace;
Error.prepareStackTrace = () => "";
try {
  const target = deploymentTarget();
  const checked = checkTenants(loadTenantsFile(tenantsFilePath()));
  for (const warning of checked.warnings) console.warn(`warning: ${warning}`);
  if (target.kind === "sandbox") console.warn(`note: synthesizing for the sandbox at ${target.url} (${target.stateDir}); unset HYBRID_SANDBOX_URL to synthesize for Genesys Cloud`);
  const app = new App();
  addTenantStacks(app, checked, target);
  app.synth();
} catch (err) {
  Error.prepareStackTrace = formatted;
  // Bad input is reported as the list of problems, without a stack trace; anything else is a bug.
  if (err instanceof UserError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
