import { App } from "cdktf";
import { join } from "path";
import { loadTenantsFile, type TenantsFile } from "../../core/config/tenants-file";
import { tenantVariableNames } from "../../core/contract/tenant-variables";
import type { OrgCredentials } from "../../genesys-cloud-double";
import { addTenantStacks, checkTenants } from "../../stacks/hybrid-app";
import { TenantStack } from "../../stacks/tenant-stack";
import { pointHybridOrgAt } from "./hybrid-org-at-fake";

/** The tenant stacks main.ts builds, each org's provider pointed at a Genesys Cloud double (tests only). */
export function addTenantStacksAtFake(app: App, file: TenantsFile, fakeUrl: string): TenantStack[] {
  const stacks = addTenantStacks(app, checkTenants(file));
  for (const stack of stacks) pointHybridOrgAt(stack.org, fakeUrl);
  return stacks;
}

/**
 * Synthesizes the tenants file of a test folder as `cdktf synth` would, every org at
 * the double, into `<dir>/cdktf.out`; returns that folder's `stacks/`.
 */
export function synthTenantsAtFake(dir: string, fakeUrl: string, tenantsFile: string = join(dir, "tenants.yaml")): string {
  const app = new App({ outdir: join(dir, "cdktf.out") });
  addTenantStacksAtFake(app, loadTenantsFile(tenantsFile), fakeUrl);
  app.synth();
  return join(dir, "cdktf.out", "stacks");
}

/** The TF_VAR_ variables a tenant's stack plans with: its org's admin client and its key password. */
export function tenantTerraformEnv(tenant: string, creds: OrgCredentials, keyPassword: string): Record<string, string> {
  const names = tenantVariableNames(tenant);
  return {
    [`TF_VAR_${names.adminClientId}`]: creds.adminClientId,
    [`TF_VAR_${names.adminClientSecret}`]: creds.adminClientSecret,
    [`TF_VAR_${names.samlKeyPassword}`]: keyPassword,
  };
}
