import { RESOURCE_ADDRESSES } from "../../core/contract/tenant-stack-contract";
import { JOURNEY_AGENT_PERMISSIONS, type PermissionPolicy, roleHolds } from "../../core/genesys/journey-permissions";
import type { Drift } from "./drift";

/**
 * The role of the Journey role grant as the org holds it (`GET /api/v2/authorization/roles?name=`,
 * undefined when there is no such role) against what the grant declares: it holds every
 * Journey permission (the one rule of core/genesys, as `hybrid doctor` applies it). Other
 * permissions of the role are the administrators' own (README, "The Journey role grant"), never drift.
 */
export function roleGrantDrift(roleName: string, policies: readonly PermissionPolicy[] | undefined): Drift[] {
  const resource = RESOURCE_ADDRESSES.roleGrant;
  if (policies === undefined) return [{ resource, field: `role ${roleName}`, declared: "exists", found: "no such role", seenBy: "API" }];
  const missing = JOURNEY_AGENT_PERMISSIONS.filter((p) => !roleHolds(policies, p));
  return missing.map((p) => ({ resource, field: `role ${roleName}: ${p}`, declared: "granted", found: "missing", seenBy: "API" }));
}
