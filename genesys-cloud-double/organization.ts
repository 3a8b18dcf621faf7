import type { Reply } from "./api-error";
import type { AuthenticatedRequest, Route } from "./route";

export const ORGANIZATION_ME_PATH = "/api/v2/organizations/me";
export const PRODUCTS_PATH = "/api/v2/authorization/products";
export const TOKENS_ME_PATH = "/api/v2/tokens/me";

/** `Organization` (platformclientv2/organization.go): the provider's configure step reads `defaultCountryCode`. */
function organizationMe(req: AuthenticatedRequest): Reply {
  const org = req.org;
  return {
    status: 200,
    body: {
      id: org.id,
      name: org.shortName,
      defaultLanguage: "en-us",
      defaultCountryCode: org.defaultCountryCode,
      thirdPartyOrgName: org.shortName,
      domain: org.shortName,
      version: 1,
      state: "active",
      voicemailEnabled: true,
      productPlatform: "PureCloud",
      selfUri: `/api/v2/organizations/${org.id}`,
    },
  };
}

/** `OrganizationProductEntityListing`: every product of the org on one page (the provider dereferences `total`). */
function products(req: AuthenticatedRequest): Reply {
  const entities = req.org.products.map((id) => ({ id }));
  return { status: 200, body: { entities, pageSize: entities.length, pageNumber: 1, total: entities.length, pageCount: 1 } };
}

/**
 * `Tokeninfo` of the caller's token. The JSON key of the client is `OAuthClient`, as the SDK
 * names it; its `organization` is the org itself (a user token of Genesys's own login client
 * would answer `purecloud-builtin` there, which the provider checks before granting roles to a user).
 */
function tokensMe(req: AuthenticatedRequest): Reply {
  const org = req.org;
  const client = org.oauthClients[req.clientId];
  const orgRef = { id: org.id, name: org.shortName };
  return {
    status: 200,
    body: {
      organization: orgRef,
      homeOrganization: orgRef,
      authorizedScope: [],
      OAuthClient: {
        id: req.clientId,
        name: client?.name,
        dateCreated: client?.dateCreated,
        authorizedGrantType: client?.authorizedGrantType,
        roleDivisions: client?.roleDivisions,
        state: client?.state,
        organization: orgRef,
      },
    },
  };
}

/** The org, its products and the caller's token: what the genesyscloud provider reads to configure itself (the home division: `divisions.ts`). */
export const organizationRoutes: readonly Route[] = [
  { method: "GET", path: ORGANIZATION_ME_PATH, auth: "bearer", handle: organizationMe },
  { method: "GET", path: PRODUCTS_PATH, auth: "bearer", handle: products },
  { method: "GET", path: TOKENS_ME_PATH, auth: "bearer", handle: tokensMe },
];
