import { App } from "cdktf";
import type { TenantsFile } from "../../lib/config/tenants-file";
import { addTenantStacks, checkTenants } from "../../stacks/hybrid-app";
import { TenantStack } from "../../stacks/tenant-stack";
import { pointHybridOrgAt } from "./hybrid-org-at-fake";

/** The tenant stacks main.ts builds, each org's provider pointed at a Genesys Cloud double (tests only). */
export function addTenantStacksAtFake(app: App, file: TenantsFile, fakeUrl: string): TenantStack[] {
  const stacks = addTenantStacks(app, checkTenants(file));
  for (const stack of stacks) pointHybridOrgAt(stack.org, fakeUrl);
  return stacks;
}
