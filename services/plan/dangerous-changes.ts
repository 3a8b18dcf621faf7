import { REDACTED } from "../../core/redaction";
import { MANAGED } from "../../core/contract/tenant-stack-contract";
import type { ResourceChangeJson } from "./plan-json";
import { jsonObjectIn, shorten } from "./attribute-changes";
import { planAction } from "./plan-actions";
import { type StageChange, trustChangeDanger, trustOf } from "./rollover-change";
import { looksLikeKeyMaterial } from "./secret-detection";

/**
 * The resource addresses whose replace or destroy breaks the on-premises side: each
 * holds a value the `hybrid_integration` transaction object repeats, or something
 * agents need, and stays broken until someone retypes the object (or re-applies).
 */
const IDENTITY_PROVIDER = MANAGED.identityProvider;
const ROLE_GRANT = MANAGED.roleGrant;
const OAUTH_CLIENT_TYPE = MANAGED.pacingClient.type;

/** What breaks when a client goes, by its fixed construct id (core/contract/tenant-stack-contract). */
const CLIENT_CONSEQUENCE: Readonly<Record<string, string>> = {
  [MANAGED.pacingClient.id]: "a new client id and secret: the Agent Pacing Service fails until `ewt/client_id` and `ewt/password` of the `hybrid_integration` transaction object are retyped",
  [MANAGED.saml2BearerClient.id]:
    "a new client id and secret: every agent's desktop fails to get tokens until `saml_auth/client_id` and `saml_auth/password` of the `hybrid_integration` transaction object are retyped",
};

export interface PlanWarning {
  readonly address: string;
  /** One Markdown sentence, without the tenant (the caller adds it). */
  readonly text: string;
}

/**
 * Every dangerous change of one resource change, in a fixed order. `stages` is the plan's key
 * rollover stage change (from its `saml_rollover_stage` output), which makes some changes of the
 * identity provider's certificates safe.
 */
export function dangerousChanges(rc: ResourceChangeJson, stages?: StageChange): PlanWarning[] {
  if (rc.mode !== "managed") return [];
  const action = planAction(rc.change.actions);
  const warnings: PlanWarning[] = [];
  const goes = action === "replace" || action === "destroy";
  const verb = action === "replace" ? "replaced" : "destroyed";
  const at = (text: string): PlanWarning => ({ address: rc.address, text: `\`${rc.address}\` ${text}` });

  if (rc.type === OAUTH_CLIENT_TYPE && goes) {
    const consequence = CLIENT_CONSEQUENCE[rc.name] ?? "its client id and secret stop working wherever they are used, on premises included, until retyped";
    warnings.push(at(`will be **${verb}**: ${consequence}.`));
  }
  if (rc.type === IDENTITY_PROVIDER.type && rc.name === IDENTITY_PROVIDER.id) {
    if (goes) {
      warnings.push(
        at(
          `will be **${verb}**: every agent's SAML2 bearer token exchange fails until the identity provider exists again and \`saml/issuer\` and \`saml/certificate\` of the \`hybrid_integration\` transaction object match it.`,
        ),
      );
    }
    const before = jsonObjectIn((rc.change.before as Record<string, unknown> | null | undefined)?.data);
    const after = jsonObjectIn((rc.change.after as Record<string, unknown> | null | undefined)?.data);
    if (before && after) {
      if (before.issuerURI !== after.issuerURI) {
        warnings.push(
          at(
            `changes the SAML **issuer** (${issuerText(before.issuerURI)} → ${issuerText(after.issuerURI)}): agents' token exchange fails until \`saml/issuer\` of the \`hybrid_integration\` transaction object is retyped to the new issuer.`,
          ),
        );
      }
      const danger = trustChangeDanger(trustOf(before), trustOf(after), stages);
      if (danger) warnings.push(at(danger));
    }
  }
  if (rc.type === ROLE_GRANT.type && rc.name === ROLE_GRANT.id && goes) {
    warnings.push(
      at(
        `will be **${verb}**: auto-provisioned agents lose the Predictive Engagement permissions of their role (destroy writes the role back without them) until the grant is applied again.`,
      ),
    );
  }
  return warnings;
}

/** An issuer for a warning line: public, but still checked and shortened like any value. */
function issuerText(value: unknown): string {
  if (typeof value !== "string") return "(none)";
  return looksLikeKeyMaterial(value) ? REDACTED : `\`${shorten(value)}\``;
}
