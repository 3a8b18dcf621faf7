import type { CLIENT_GRANT_TYPES } from "../../core/contract/tenant-stack-contract";
import type { OrgClient } from "./org-inventory";

/** One of the two OAuth clients of a tenant, as `hybrid adopt` looks for it. */
export interface ClientSlot {
  /** Transaction-object section: `ewt` (pacing) or `saml_auth` (SAML2 Bearer). */
  readonly section: "ewt" | "saml_auth";
  /** Terraform address in the tenant's stack. */
  readonly address: string;
  readonly grantType: (typeof CLIENT_GRANT_TYPES)[keyof typeof CLIENT_GRANT_TYPES];
  /** The tenants file's name for it. */
  readonly configuredName: string;
  /** Other names the seeds' procedure may have left (the 2020 text spells "PureEnagage Client Credentials"). */
  readonly alsoNames: readonly string[];
  readonly nameFlag: string;
  readonly idFlag: string;
}

/** What the user picked on the command line, if anything. */
export interface ClientChoice {
  readonly name?: string;
  readonly id?: string;
}

export interface ClientMatch {
  readonly slot: ClientSlot;
  /** The client to adopt, when exactly one qualifies. */
  readonly client?: OrgClient;
  /** Why adopt must stop for this slot (several candidates, a pick that does not exist). */
  readonly refusal?: string;
  /** What happens, for the report (one or more lines). */
  readonly notes: readonly string[];
}

const norm = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/** One line per client: id, name, grant type, created date (and state when not active). */
export function describeClient(c: OrgClient): string {
  const state = c.state && c.state !== "active" ? `  state ${c.state}` : "";
  return `${c.id}  "${c.name}"  ${c.authorizedGrantType}  created ${c.dateCreated ?? "unknown"}${state}`;
}

const list = (clients: readonly OrgClient[]) => clients.map((c) => `      ${describeClient(c)}`);

/**
 * Finds the client the seeds' procedure made for `slot`: by id when given, else by name (case and
 * spacing ignored), preferring clients of the slot's grant type. It never guesses: several candidates,
 * or a pick that does not exist, is a refusal listing what there is and the flag that picks.
 * A client of another grant type is adopted too: the deploy changes its grant type in place, as the
 * genesyscloud provider's acceptance test TestAccResourceOAuthClient does (no Genesys statement found).
 * The Terraform admin client itself is never a candidate.
 */
export function matchClient(slot: ClientSlot, clients: readonly OrgClient[], choice: ClientChoice, adminClientId: string): ClientMatch {
  const pool = clients.filter((c) => c.id !== adminClientId);
  const ofGrant = pool.filter((c) => c.authorizedGrantType === slot.grantType);
  const grantChange = (c: OrgClient) =>
    c.authorizedGrantType === slot.grantType
      ? []
      : [`${slot.section}: client ${c.id} "${c.name}" is ${c.authorizedGrantType}; the deploy changes its grant type to ${slot.grantType} in place (same id and secret).`];

  if (choice.id !== undefined) {
    const picked = pool.find((c) => c.id === choice.id);
    if (!picked) {
      const admin = choice.id === adminClientId ? " (that is the Terraform admin client itself, which the stack never manages)" : "";
      return {
        slot,
        notes: [],
        refusal: `${slot.idFlag} ${choice.id}: the org has no such client${admin}. ${slot.grantType} clients of the org:\n${list(ofGrant).join("\n") || "      (none)"}`,
      };
    }
    return { slot, client: picked, notes: [`${slot.section}: adopting ${describeClient(picked)} (picked by ${slot.idFlag})`, ...grantChange(picked)] };
  }

  const names = choice.name !== undefined ? [choice.name] : [slot.configuredName, ...slot.alsoNames];
  const wanted = new Set(names.map(norm));
  const named = pool.filter((c) => wanted.has(norm(c.name)));
  const namedOfGrant = named.filter((c) => c.authorizedGrantType === slot.grantType);
  // A namesake of the slot's grant type is the one the transaction object can be using: one of another grant cannot do its exchange.
  const candidates = namedOfGrant.length > 0 ? namedOfGrant : named;
  const passedOver = named.filter((c) => !candidates.includes(c));
  const admin = clients.find((c) => c.id === adminClientId && wanted.has(norm(c.name)));
  const asNamed = names.map((n) => `"${n}"`).join(" or ");
  const extra = [
    ...passedOver.map((c) => `${slot.section}: not adopted: client ${c.id} "${c.name}" is ${c.authorizedGrantType}, and a ${slot.grantType} client of that name is the one adopted.`),
    ...(admin
      ? [
          `${slot.section}: "${admin.name}" (${admin.id}) is the Terraform admin client itself (TF_VAR_..._admin_client_id); the stack never manages the client it logs in with, so it is not adopted.`,
        ]
      : []),
  ];

  if (candidates.length === 1) {
    const how = choice.name !== undefined ? ` (picked by ${slot.nameFlag})` : "";
    return { slot, client: candidates[0], notes: [`${slot.section}: adopting ${describeClient(candidates[0])}${how}`, ...grantChange(candidates[0]), ...extra] };
  }
  if (candidates.length > 1) {
    const kind = namedOfGrant.length > 0 ? `${slot.grantType} clients` : "clients";
    return {
      slot,
      notes: extra,
      refusal:
        `${slot.section}: ${candidates.length} ${kind} are named ${asNamed}; adopt does not guess which one the transaction object's ` +
        `${slot.section} section holds:\n${list(candidates).join("\n")}\n    pick one with ${slot.idFlag} <id> (its id is ${slot.section}/client_id on premises).`,
    };
  }
  const others = ofGrant.length > 0 ? `\n    other ${slot.grantType} clients of the org:\n${list(ofGrant).join("\n")}` : "";
  if (choice.name !== undefined) {
    return { slot, notes: extra, refusal: `${slot.nameFlag} "${choice.name}": the org has no ${slot.grantType} client of that name.${others}` };
  }
  return {
    slot,
    notes: [
      `${slot.section}: no ${slot.grantType} client named ${asNamed}: the deploy will create one (a new id and secret: type both into ${slot.section}/client_id and ${slot.section}/password).` +
        (ofGrant.length > 0 ? `${others}\n    if one of these is the one ${slot.section}/client_id holds, run adopt again with ${slot.nameFlag} <name> or ${slot.idFlag} <id>.` : ""),
      ...extra,
    ],
  };
}
