import { join } from "node:path";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { tenantVariableNames } from "../../core/contract/tenant-variables";
import type { OrgCredentials } from "../../genesys-cloud-double";
import { synthesize } from "../../stacks/synthesize";

/**
 * Synthesizes the tenants file of a test folder as `cdktf synth` would, every org at the
 * double (the "double" deployment target), into `<dir>/cdktf.out`; returns that folder's `stacks/`.
 */
export async function synthTenantsAtFake(dir: string, fakeUrl: string, tenantsFile: string = join(dir, "tenants.yaml")): Promise<string> {
  await synthesize(loadTenantsFile(tenantsFile), { kind: "double", url: fakeUrl }, { outdir: join(dir, "cdktf.out") });
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
