// A Genesys Cloud API double for tests that run the real Terraform and providers.
// Endpoints: POST /oauth/token (client credentials), GET/PUT/DELETE /api/v2/identityproviders/pureengage.
export { FakeGenesysCloud } from "./server";
export type { FakeGenesysCloudOptions, AddOrgProps, OrgCredentials } from "./server";
export type { FaultPlan, FaultKind } from "./faults";
export type { OrgState, OAuthClientState } from "./org-state";
export { PUREENGAGE_PATH, certificateProblem } from "./identity-provider";
export type { PureEngageIdentityProvider } from "./identity-provider";
export { totalHandlingMs } from "./request-log";
export type { RequestRecord, UnknownRequest } from "./request-log";
export type { ApiErrorBody } from "./api-error";
export { TOKEN_PATH } from "./oauth";
