import { join } from "node:path";
import type { GenesysCloudDouble } from "../genesys-cloud-double";
import { tenantVariableNames } from "../core/contract/tenant-variables";
import { loadToolchain } from "../core/toolchain/toolchain-manifest";
import { parseSandboxEnv, renderSandboxEnv } from "../services/sandbox/sandbox-env";
import { REPO_PROJECT } from "./repo";

/** A tenant of a test's sandbox: its name, org id and key password. */
export interface SandboxTenant {
  readonly name: string;
  readonly orgId: string;
  readonly keyPassword: string;
}

/**
 * A shell that sourced the `sandbox.env` of a sandbox served by `double` (in the test's own
 * process, so the test can edit its orgs behind Terraform's back) for the project in `dir`,
 * each tenant's org added to the double, and each tenant's key password exported, as the
 * README's sandbox flow has it. For tests of whole fleets, which `hybrid sandbox` would serve
 * the same way.
 */
export function doubleSandboxShell(double: GenesysCloudDouble, dir: string, tenants: readonly SandboxTenant[]): Record<string, string> {
  const orgs = tenants.map((t) => ({ name: t.name, ...double.addOrg({ id: t.orgId, shortName: t.name.replace(/-/g, "") }) }));
  const text = renderSandboxEnv({ dir: join(dir, ".sandbox"), url: double.url, stateDir: join(dir, ".sandbox", "state"), cliConfigFile: loadToolchain(REPO_PROJECT).cliConfigFile, tenants: orgs });
  const env = parseSandboxEnv(text);
  for (const t of tenants) env[`TF_VAR_${tenantVariableNames(t.name).samlKeyPassword}`] = t.keyPassword;
  return env;
}
