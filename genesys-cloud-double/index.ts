// A Genesys Cloud API double for tests that run the real Terraform and providers.
// Endpoints: see README.md (token endpoint, organization, products, divisions, tokens/me, roles and
// the default-role restore, the permission catalogue, OAuth clients, integration credentials, the
// PureEngage identity provider; the SAML2 Bearer grant, the identity provider list and the Generic
// SSO provider, users), and where each of their rules comes from.
export { GenesysCloudDouble } from "./server";
export type { GenesysCloudDoubleOptions, AddOrgProps, OrgCredentials } from "./server";
export type { FaultPlan, FaultKind } from "./faults";
export type { OrgState, OAuthClientState, RoleState, PermissionPolicy, RoleDivision, DivisionState, GrantType, UserState, PureEngageIdentityProvider, GenericSamlIdentityProvider, SamlProvider, IntegrationCredentialState } from "./org-state";
export { PERMISSION_CATALOGUE } from "./permission-catalogue";
export type { PermissionDomain } from "./permission-catalogue";
export { PUREENGAGE_PATH } from "./identity-provider";
export { ROLES_PATH } from "./roles";
export { PERMISSIONS_PATH } from "./permissions";
export { DIVISIONS_PATH, HOME_DIVISION_PATH } from "./divisions";
export { OAUTH_CLIENTS_PATH } from "./oauth-clients";
export { totalHandlingMs } from "./request-log";
export type { RequestRecord, UnknownRequest } from "./request-log";
export type { ApiErrorBody } from "./api-error";
export { TOKEN_PATH } from "./oauth";
export { SAML2_BEARER_GRANT } from "./saml2-bearer";
export { IDENTITY_PROVIDERS_PATH, GENERIC_PATH } from "./identity-providers";
export { USERS_SEARCH_PATH } from "./users";
export { INTEGRATION_CREDENTIALS_PATH } from "./integration-credentials";
