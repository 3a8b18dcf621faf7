/**
 * The Genesys Cloud API paths this project uses, in one place: the constructs write to
 * them, `hybrid adopt` and `hybrid doctor` read them, and the double serves them.
 */

/** The login service's token endpoint (below `https://login.<region domain>`). */
export const TOKEN_PATH = "/oauth/token";
/** The org's one PureEngage identity provider: what PureEngageIdp writes, adopt looks for and doctor checks. */
export const PUREENGAGE_IDP_PATH = "/api/v2/identityproviders/pureengage";
/** Every SAML identity provider of the org (doctor: no other may share the PureEngage issuer). */
export const IDENTITY_PROVIDERS_PATH = "/api/v2/identityproviders";
export const ROLES_PATH = "/api/v2/authorization/roles";
export const HOME_DIVISION_PATH = "/api/v2/authorization/divisions/home";
export const OAUTH_CLIENTS_PATH = "/api/v2/oauth/clients";
export const ORGANIZATION_PATH = "/api/v2/organizations/me";
export const USERS_SEARCH_PATH = "/api/v2/users/search";

/** `GET /api/v2/users/{id}/roles`: the roles a user holds. */
export function userRolesPath(userId: string): string {
  return `/api/v2/users/${encodeURIComponent(userId)}/roles`;
}
