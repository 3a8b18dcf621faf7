import type { PureEngageIdentityProvider } from "./identity-provider";

/** An OAuth client as the org lists it. Its secret is not part of the org's state (see `oauth.ts`). */
export interface OAuthClientState {
  readonly id: string;
  readonly name: string;
  readonly authorizedGrantType: "CLIENT-CREDENTIALS";
}

/**
 * Everything the double holds for one Genesys Cloud organization. One field per
 * API area; an endpoint added later (OAuth clients, roles, divisions, ...) adds its
 * own field here and its routes in a file of its own.
 */
export interface OrgState {
  readonly id: string;
  readonly shortName: string;
  /** OAuth clients of the org, by client id (the Terraform admin client among them). */
  readonly oauthClients: Record<string, OAuthClientState>;
  /** Identity providers, by their fixed API id (`pureengage`, ...). */
  readonly identityProviders: { pureengage?: PureEngageIdentityProvider };
}

export function newOrgState(id: string, shortName: string): OrgState {
  return { id, shortName, oauthClients: {}, identityProviders: {} };
}

/** A deep copy, for before/after comparisons that later requests cannot change. */
export function cloneOrgState(org: OrgState): OrgState {
  return structuredClone(org);
}
