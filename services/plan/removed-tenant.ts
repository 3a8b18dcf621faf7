import * as fs from "node:fs";
import * as path from "node:path";
import { addressOf, MANAGED, type ManagedObject } from "../../core/contract/tenant-stack-contract";
import { tenantVariableNames } from "../../core/contract/tenant-variables";
import type { PlanJson } from "./plan-json";

/**
 * What `hybrid plan --changed` writes for a tenant removed from the tenants file, as
 * `<out>/<tenant>.plan.json`: a document in Terraform's plan JSON format (1.x) that lists a
 * destroy of every object the tenant's stack manages, so that `hybrid summary` counts and
 * flags them as it flags any destroy. Nothing is planned or applied: no Terraform plan is
 * saved for the tenant (the apply side has nothing to apply), its org keeps the clients, the
 * identity provider and the role grant, and `prevent_destroy` refuses a destroy until someone
 * does it on purpose. `hybrid_removed_tenant` says so in the document itself.
 */
function removedTenantPlan(tenant: string): PlanJson & { readonly hybrid_removed_tenant: { readonly tenant: string; readonly note: string } } {
  return {
    format_version: "1.2",
    hybrid_removed_tenant: {
      tenant,
      note:
        "Written by hybrid plan --changed, not by Terraform: the tenant was removed from the tenants file. Nothing is planned or applied; " +
        "its org keeps these objects, and prevent_destroy refuses to destroy them until someone does it on purpose.",
    },
    resource_changes: (Object.keys(MANAGED) as ManagedObject[]).map((object) => ({
      address: addressOf(object),
      mode: "managed" as const,
      type: MANAGED[object].type,
      name: MANAGED[object].id,
      change: { actions: ["delete"], before: {}, after: null, after_unknown: {}, before_sensitive: {}, after_sensitive: false },
    })),
    output_changes: {},
    // The tenant of a plan is read from its admin client variable (tenant-of-plan.ts).
    configuration: { root_module: { variables: { [tenantVariableNames(tenant).adminClientId]: {} } } },
  };
}

/** Writes {@link removedTenantPlan} as `<outDir>/<tenant>.plan.json`; returns its path. */
export function writeRemovedTenantPlan(outDir: string, tenant: string): string {
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const file = path.join(outDir, `${tenant}.plan.json`);
  for (const stale of [`${tenant}.tfplan`, `${tenant}.terraform.lock.hcl`]) fs.rmSync(path.join(outDir, stale), { force: true });
  fs.writeFileSync(file, JSON.stringify(removedTenantPlan(tenant), null, 2) + "\n", { mode: 0o600 });
  return file;
}
