import * as path from "node:path";
import type { PlanJson } from "./plan-json";
import { PlanFileError } from "./plan-json";

/** The variable every tenant stack declares: `<prefix>_admin_client_id` (stacks/tenant-stack.ts via HybridOrg). */
const ADMIN_CLIENT_ID_VARIABLE = /^([a-z][a-z0-9_]*)_admin_client_id$/;
/** What `hybrid plan` names its files: `<tenant>.plan.json`. */
const PLAN_FILE_NAME = /^(.+?)(\.plan)?\.json$/;

/**
 * The tenant a plan belongs to. A tenant is a stack, and every tenant stack declares
 * the variable `<prefix>_admin_client_id`, `<prefix>` being the tenant's name with
 * dashes as underscores. Tenant names have no underscores (core/config), so the
 * prefix gives the name back exactly: the plan's own configuration is the source.
 * Only a plan without such a variable (not a tenant stack of this project) is named
 * after its file, `<name>.plan.json` or `<name>.json`.
 */
export function tenantOfPlan(plan: PlanJson, file: string): string {
  const variables = Object.keys(plan.configuration?.root_module?.variables ?? {});
  const prefixes = [...new Set(variables.map((v) => ADMIN_CLIENT_ID_VARIABLE.exec(v)?.[1]).filter((p): p is string => p !== undefined))];
  if (prefixes.length > 1) {
    throw new PlanFileError(file, `declares the admin client variables of several tenants (${prefixes.map((p) => `${p}_admin_client_id`).join(", ")}), so it is not one tenant's stack`);
  }
  if (prefixes.length === 1) return prefixes[0].replace(/_/g, "-");
  const base = path.basename(file);
  return PLAN_FILE_NAME.exec(base)?.[1] ?? base;
}
