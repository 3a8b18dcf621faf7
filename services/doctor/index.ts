/**
 * `hybrid doctor`: live checks of a deployed tenant, from its outputs, ending with the SAML2
 * Bearer token exchange Workspace Desktop Edition makes at every agent login.
 */
export { doctorTenant, type DoctorOptions, type TenantReport } from "./run-doctor";
export { formatJson, formatText } from "./report";
export { DEFAULT_TEST_AGENT, agentEmail } from "./test-agent";
export { buildAssertion, signAssertion } from "./saml-assertion";
export { exchangeSaml2Bearer, type ExchangeResult } from "./saml2-bearer-exchange";
export type { CheckResult, CheckStatus } from "./check-result";
