/**
 * The tenant stack's contract with everything that reads it: the construct ids of what it
 * manages in the org (its Terraform addresses are derived from them, so renaming one makes
 * Terraform replace the object: new OAuth credentials, or an identity provider dropped), and
 * the names of its outputs. TenantStack builds itself from these; `hybrid adopt`, `plan`,
 * `summary`, `doctor` and `export` name them in what they report.
 */

/** What a tenant stack manages in its org, each with its resource type and its fixed construct id. */
export const MANAGED = {
  pacingClient: { type: "genesyscloud_oauth_client", id: "pacing-client" },
  saml2BearerClient: { type: "genesyscloud_oauth_client", id: "saml2-bearer-client" },
  identityProvider: { type: "restapi_object", id: "pureengage-idp" },
  roleGrant: { type: "restapi_object", id: "journey-role-grant" },
} as const;

export type ManagedObject = keyof typeof MANAGED;

/** The grant type of each OAuth client a tenant stack manages: the procedure's, not configurable. */
export const CLIENT_GRANT_TYPES = { pacingClient: "CLIENT-CREDENTIALS", saml2BearerClient: "SAML2-BEARER" } as const;

export type ManagedClient = keyof typeof CLIENT_GRANT_TYPES;

/** The construct id of the org (its providers and variables). */
export const ORG_CONSTRUCT_ID = "org";

/** `<type>.<id>`: the Terraform address of a managed object, e.g. `genesyscloud_oauth_client.pacing-client`. */
export function addressOf(object: ManagedObject): string {
  return `${MANAGED[object].type}.${MANAGED[object].id}`;
}

/** Every managed object's Terraform address, by object. */
export const RESOURCE_ADDRESSES: Readonly<Record<ManagedObject, string>> = Object.freeze(
  Object.fromEntries(Object.keys(MANAGED).map((o) => [o, addressOf(o as ManagedObject)])) as Record<ManagedObject, string>,
);

/** The stack's outputs. */
export const OUTPUTS = {
  /** The transaction object's public options, by section. */
  transactionObject: "hybrid_integration",
  /** Its secret options (sensitive). */
  secrets: "hybrid_integration_secrets",
  /** Sections whose OAuth client was adopted by import (Terraform holds no secret for it). */
  adoptedClients: "adopted_clients",
  /** Hosts and ports the on-premises firewall opens. */
  firewallHosts: "firewall_hosts",
  /** The SAML key rollover stage deployed (`publish`, `switch`, `retire`), `none` outside one. */
  rolloverStage: "saml_rollover_stage",
} as const;
