import { RESOURCE_ADDRESSES } from "../../core/contract/tenant-stack-contract";
import { attributeChanges, type AttributeChange } from "./attribute-changes";
import { dangerousChanges, type PlanWarning } from "./dangerous-changes";
import { planAction, type PlanAction } from "./plan-actions";
import { rolloverText, stageChangeOf } from "./rollover-change";
import type { PlanJson } from "./plan-json";
import { sensitiveStrings } from "./secret-detection";
import { tenantOfPlan } from "./tenant-of-plan";

export interface ResourceSummary {
  readonly address: string;
  /** What the resource is to the integration (e.g. "pacing client (ewt)"), when known. */
  readonly role?: string;
  readonly action: PlanAction;
  /** Why Terraform replaces: `action_reason` and the attributes that force it. */
  readonly replaceReason?: string;
  /** Changed attributes, for updates and replaces (creates and destroys list none). */
  readonly attributes: readonly AttributeChange[];
}

export interface OutputSummary {
  readonly name: string;
  readonly action: PlanAction;
  readonly sensitive: boolean;
  readonly attributes: readonly AttributeChange[];
}

/** One tenant's saved plan, reduced to what a reviewer reads. */
export interface TenantPlan {
  readonly tenant: string;
  readonly file: string;
  readonly counts: Readonly<Record<"create" | "update" | "replace" | "destroy", number>>;
  readonly resources: readonly ResourceSummary[];
  readonly outputs: readonly OutputSummary[];
  readonly warnings: readonly PlanWarning[];
  /** The SAML key rollover stage change, in plain words, when the plan changes the stage. */
  readonly rollover?: string;
}

/** The integration's resources by their fixed addresses (stacks/tenant-stack.ts). */
const ROLES: Readonly<Record<string, string>> = {
  [RESOURCE_ADDRESSES.pacingClient]: "pacing client, `ewt`",
  [RESOURCE_ADDRESSES.saml2BearerClient]: "SAML2 bearer client, `saml_auth`",
  [RESOURCE_ADDRESSES.identityProvider]: "PureEngage identity provider, `saml`",
  [RESOURCE_ADDRESSES.roleGrant]: "Journey role grant",
};

const REASONS: Readonly<Record<string, string>> = {
  replace_by_request: "requested with -replace",
  replace_because_tainted: "the resource is tainted",
  replace_because_cannot_update: "an attribute cannot be updated in place",
};

/** Summarizes one plan; `file` names it in the summary and in errors. */
export function summarizePlan(plan: PlanJson, file: string): TenantPlan {
  const tenant = tenantOfPlan(plan, file);
  const secrets = planSecrets(plan);
  const counts = { create: 0, update: 0, replace: 0, destroy: 0 };
  const resources: ResourceSummary[] = [];
  const warnings: PlanWarning[] = [];
  const stages = stageChangeOf(plan);

  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== "managed") continue;
    const action = planAction(rc.change.actions);
    if (action === undefined) continue;
    if (action !== "forget") counts[action] += 1;
    const attributes =
      action === "update" || action === "replace"
        ? attributeChanges(
            {
              before: rc.change.before,
              after: rc.change.after,
              beforeSensitive: rc.change.before_sensitive,
              afterSensitive: rc.change.after_sensitive,
              afterUnknown: rc.change.after_unknown,
            },
            secrets,
          )
        : [];
    resources.push({
      address: rc.address,
      role: ROLES[`${rc.type}.${rc.name}`],
      action,
      replaceReason: action === "replace" ? replaceReason(rc.action_reason, rc.change.replace_paths) : undefined,
      attributes,
    });
    warnings.push(...dangerousChanges(rc, stages));
  }

  const outputs: OutputSummary[] = [];
  for (const [name, change] of Object.entries(plan.output_changes ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const action = planAction(change.actions);
    if (action === undefined) continue;
    const sensitive = change.before_sensitive === true || change.after_sensitive === true;
    outputs.push({
      name,
      action,
      sensitive,
      // A sensitive output is named, never opened.
      attributes: sensitive
        ? []
        : attributeChanges(
            { before: change.before, after: change.after, beforeSensitive: change.before_sensitive, afterSensitive: change.after_sensitive, afterUnknown: change.after_unknown },
            secrets,
          ),
    });
  }
  const rollover = rolloverText(stages);
  return { tenant, file, counts, resources, outputs, warnings, ...(rollover ? { rollover } : {}) };
}

/**
 * Every value the plan marks sensitive (resource attributes, outputs, and the values
 * of variables declared sensitive), so that none is shown even where it reappears
 * unmarked, e.g. inside a longer string.
 */
export function planSecrets(plan: PlanJson): Set<string> {
  const out = new Set<string>();
  for (const rc of plan.resource_changes ?? []) {
    sensitiveStrings(rc.change.before, rc.change.before_sensitive, out);
    sensitiveStrings(rc.change.after, rc.change.after_sensitive, out);
  }
  for (const change of Object.values(plan.output_changes ?? {})) {
    sensitiveStrings(change.before, change.before_sensitive, out);
    sensitiveStrings(change.after, change.after_sensitive, out);
  }
  const declared = plan.configuration?.root_module?.variables ?? {};
  const values = (plan as { variables?: Record<string, { value?: unknown }> }).variables ?? {};
  for (const [name, v] of Object.entries(values)) {
    if (declared[name]?.sensitive) sensitiveStrings(v.value, true, out);
  }
  return out;
}

function replaceReason(reason: string | undefined, paths: readonly (readonly (string | number)[])[] | undefined): string | undefined {
  const parts: string[] = [];
  if (reason) parts.push(REASONS[reason] ?? reason.replace(/_/g, " "));
  if (paths && paths.length > 0) parts.push(`forced by ${paths.map((p) => `\`${p.map((s) => (typeof s === "number" ? `[${s}]` : s)).join(".")}\``).join(", ")}`);
  return parts.length > 0 ? parts.join("; ") : undefined;
}
