// A Genesys Cloud API double for tests that run the real Terraform and providers.
// Endpoints: see README.md (token endpoint, organization, products, home division, tokens/me,
// roles, OAuth clients, the PureEngage identity provider; the SAML2 Bearer grant, the identity
// provider list and the Generic SSO provider, users).
export { FakeGenesysCloud } from "./server";
export type { FakeGenesysCloudOptions, AddOrgProps, OrgCredentials } from "./server";
export type { FaultPlan, FaultKind } from "./faults";
export { DEFAULT_PRODUCTS, GRANT_TYPES } from "./org-state";
export type { OrgState, OAuthClientState, RoleState, PermissionPolicy, RoleDivision, DivisionState, GrantType, UserState } from "./org-state";
export { PERMISSION_CATALOGUE, permissionProblem } from "./permission-catalogue";
export type { PermissionDomain } from "./permission-catalogue";
export { PUREENGAGE_PATH, certificateProblem } from "./identity-provider";
export type { PureEngageIdentityProvider } from "./identity-provider";
export { ROLES_PATH } from "./roles";
export { OAUTH_CLIENTS_PATH, MIN_TOKEN_SECONDS, MAX_TOKEN_SECONDS, DEFAULT_TOKEN_SECONDS } from "./oauth-clients";
export { ORGANIZATION_ME_PATH, PRODUCTS_PATH, HOME_DIVISION_PATH, TOKENS_ME_PATH } from "./organization";
export { totalHandlingMs } from "./request-log";
export type { RequestRecord, UnknownRequest } from "./request-log";
export type { ApiErrorBody } from "./api-error";
export { TOKEN_PATH } from "./oauth";
export { SAML2_BEARER_GRANT, CLOCK_SKEW_MS, acceptedAudiences } from "./saml2-bearer";
export { IDENTITY_PROVIDERS_PATH, GENERIC_PATH } from "./identity-providers";
export type { GenericSamlIdentityProvider, SamlProvider } from "./identity-providers";
export { USERS_PATH, USERS_SEARCH_PATH } from "./users";
