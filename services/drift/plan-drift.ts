import { MANAGED, RESOURCE_ADDRESSES } from "../../core/contract/tenant-stack-contract";
import { REDACTED } from "../../core/redaction";
import { attributeChanges, type ShownValue } from "../plan/attribute-changes";
import { planAction } from "../plan/plan-actions";
import type { ChangeJson, PlanJson, ResourceChangeJson } from "../plan/plan-json";
import { planSecrets } from "../plan/tenant-plan";
import type { Drift, DriftSource } from "./drift";

/**
 * restapi 1.20.0 reads an object back into these attributes only (README, "Known limits of
 * restapi 1.20.0"): the identity provider and the role as the server answers them, whole. What
 * in them is drift is what the API checks compare field by field (identity-provider-drift,
 * role-grant-drift), so they are not reported from a plan.
 */
const READ_BACK_ATTRIBUTES = ["api_data", "api_response", "create_response"];

/**
 * The Journey role grant writes the role back whole, every permission an administrator added
 * included: a plan updates its `data` whenever the role changed at all. Whether the grant still
 * holds is the role check's (role-grant-drift), not this attribute's.
 */
const ROLE_GRANT = RESOURCE_ADDRESSES.roleGrant;

/**
 * Drift from `terraform show -json` of a refresh-only plan (`resource_drift`: what changed in
 * the org since Terraform last applied: declared is the state's value, found the org's) and of
 * a plan (`resource_changes`: what applying the declaration would change: declared is the
 * configuration's value, found the org's). A field the refresh-only plan reports is not
 * repeated from the plan. Values are shown as `hybrid summary` shows them: sensitive and
 * secret-looking values never.
 */
export function planDrift(refreshOnly: PlanJson | undefined, plan: PlanJson | undefined): Drift[] {
  const drifts: Drift[] = [];
  const seen = new Set<string>();
  const add = (d: Drift) => {
    const key = `${d.resource}\0${d.field}`;
    if (seen.has(key)) return;
    seen.add(key);
    drifts.push(d);
  };
  for (const rc of (refreshOnly as { resource_drift?: ResourceChangeJson[] } | undefined)?.resource_drift ?? []) {
    for (const d of resourceDrift(rc, "refresh-only plan", planSecrets(refreshOnly!), "before")) add(d);
  }
  for (const rc of plan?.resource_changes ?? []) {
    for (const d of resourceDrift(rc, "plan", planSecrets(plan!), "after")) add(d);
  }
  return drifts;
}

/** One resource's drift; `declaredSide` says which side of the change is the declaration. */
function resourceDrift(rc: ResourceChangeJson, seenBy: DriftSource, secrets: ReadonlySet<string>, declaredSide: "before" | "after"): Drift[] {
  if (rc.mode !== "managed") return [];
  const action = planAction(rc.change.actions);
  if (action === undefined || action === "forget") return [];
  const absent = (present: boolean) => (present ? "exists" : "absent");
  if (action === "create" || action === "destroy") {
    // A create: the declared object is not in the org (or not in state); a destroy: the opposite.
    const declaredExists = (action === "create") === (declaredSide === "after");
    return [{ resource: rc.address, field: "(the whole resource)", declared: absent(declaredExists), found: absent(!declaredExists), seenBy }];
  }
  if (rc.address === ROLE_GRANT && seenBy === "plan") return [];
  const change = withoutReadBacks(rc.type, rc.change);
  const changes = attributeChanges(
    { before: change.before, after: change.after, beforeSensitive: change.before_sensitive, afterSensitive: change.after_sensitive, afterUnknown: change.after_unknown },
    secrets,
  );
  return changes.map((c) => {
    const [declared, found] = declaredSide === "after" ? [c.after, c.before] : [c.before, c.after];
    return { resource: rc.address, field: c.path, declared: text(declared), found: text(found), seenBy };
  });
}

/** The change without restapi's read-back attributes, and with empty values alike (the provider reads an unset list back as []). */
function withoutReadBacks(type: string, change: ChangeJson): ChangeJson {
  const clean = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    const drop = type === MANAGED.identityProvider.type ? READ_BACK_ATTRIBUTES : [];
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !drop.includes(k)).map(([k, v]) => [k, isEmpty(v) ? null : v]));
  };
  return { ...change, before: clean(change.before), after: clean(change.after) };
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && Object.keys(v).length === 0);
}

function text(v: ShownValue): string {
  switch (v.kind) {
    case "value":
      return v.text;
    case "hidden":
      return REDACTED;
    case "unknown":
      return "(known after apply)";
    case "absent":
      return "(absent)";
  }
}
