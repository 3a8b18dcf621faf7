/**
 * What Workspace Desktop Edition does with the token it exchanges a SAML assertion
 * for: Predictive Engagement's agent views read the customer's journey (`journey`),
 * and resolve the agent and the org (`users:readonly`, `organization:readonly`).
 * The default of the SAML2 Bearer client's scopes, in the construct and the tenants file alike.
 */
export const DEFAULT_SAML2_BEARER_SCOPES: readonly string[] = Object.freeze(["journey", "users:readonly", "organization:readonly"]);
