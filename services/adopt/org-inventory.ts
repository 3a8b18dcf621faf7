import { HOME_DIVISION_PATH, OAUTH_CLIENTS_PATH, ORGANIZATION_PATH, PUREENGAGE_IDP_PATH, ROLES_PATH } from "../../core/genesys/api-paths";
import type { OrgApi } from "../../core/genesys/org-api";

/** An OAuth client as `GET /api/v2/oauth/clients` answers it (`Oauthclient`, no secret). */
export interface OrgClient {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly accessTokenValiditySeconds?: number;
  readonly authorizedGrantType: string;
  readonly registeredRedirectUri?: readonly string[];
  readonly scope?: readonly string[];
  readonly roleDivisions?: readonly { readonly roleId: string; readonly divisionId?: string }[];
  readonly state?: string;
  readonly dateCreated?: string;
}

export interface OrgRole {
  readonly id: string;
  readonly name: string;
  readonly permissionPolicies?: readonly { readonly domain: string; readonly entityName: string; readonly actionSet?: readonly string[] }[];
}

/** What `hybrid adopt` reads of an org: everything the seeds' procedure makes, and what is needed to compare it. */
export interface OrgInventory {
  readonly organization: { readonly id: string; readonly name?: string };
  readonly clients: readonly OrgClient[];
  /** The PureEngage identity provider as the API answers it, or undefined when there is none. */
  readonly identityProvider?: Readonly<Record<string, unknown>>;
  readonly roles: readonly OrgRole[];
  readonly homeDivisionId: string;
}

interface Listing<T> {
  readonly entities?: T[];
  readonly pageCount?: number;
}

/** Reads the org with GETs only (no write, no secret is ever answered by these). */
export async function readOrgInventory(api: OrgApi): Promise<OrgInventory> {
  const organization = (await api.get<{ id: string; name?: string }>(ORGANIZATION_PATH))!;
  const clients = (await api.get<Listing<OrgClient>>(OAUTH_CLIENTS_PATH))!.entities ?? [];
  const identityProvider = await api.get<Record<string, unknown>>(PUREENGAGE_IDP_PATH, { allowNotFound: true });
  const roles: OrgRole[] = [];
  for (let page = 1; ; page++) {
    const listing = (await api.get<Listing<OrgRole>>(`${ROLES_PATH}?pageSize=100&pageNumber=${page}`))!;
    roles.push(...(listing.entities ?? []));
    if (page >= (listing.pageCount ?? 1) || (listing.entities ?? []).length === 0) break;
  }
  const home = (await api.get<{ id: string }>(HOME_DIVISION_PATH))!;
  return { organization, clients, identityProvider, roles, homeDivisionId: home.id };
}
