// The Predictive Engagement permissions of the role grant, shared by the construct and `hybrid doctor`/`adopt` (which must not load cdktf).

/**
 * The Predictive Engagement permissions an agent needs to see the customer's
 * journey in Workspace Desktop Edition: view access to what Predictive Engagement
 * shows an agent (Genesys Cloud Resource Center, "Predictive Engagement permissions
 * overview", agent permissions). `domain:entity:action`, as Genesys names permissions.
 */
export const JOURNEY_AGENT_PERMISSIONS: readonly string[] = Object.freeze([
  "journey:actionmap:view",
  "journey:actiontarget:view",
  "journey:event:view",
  "journey:outcome:view",
  "journey:segment:view",
  "journey:session:view",
]);

/** The Genesys Cloud product that Predictive Engagement permissions belong to. */
export const JOURNEY_PRODUCT = "journey";

/** A role's permission policy as the API answers it (`Domainpermissionpolicy`), the fields that grant. */
export interface PermissionPolicy {
  readonly domain?: string;
  readonly entityName?: string;
  readonly actionSet?: readonly string[];
}

/**
 * Whether a role with `policies` holds `domain:entity:action`: the one rule `hybrid doctor`
 * and `hybrid adopt` both apply. A `*` in a policy's domain, entity or actions grants them all.
 */
export function roleHolds(policies: readonly PermissionPolicy[], permission: string): boolean {
  const [domain, entity, action] = permission.split(":");
  const is = (value: string | undefined, want: string) => value === want || value === "*";
  return policies.some((p) => is(p.domain, domain) && is(p.entityName, entity) && (p.actionSet ?? []).some((a) => is(a, action)));
}
