/**
 * The OAuth clients' defaults, as the seed procedure sets them up, and Genesys Cloud's
 * bounds: one place for the constructs, the tenants file and `hybrid adopt` alike.
 */

/** Genesys Cloud's bounds for `accessTokenValiditySeconds` of non-SCIM OAuth clients, 5 minutes to 48 hours, and its default, a day. */
export const TOKEN_VALIDITY_SECONDS = { min: 300, max: 172800, default: 86400 } as const;

/** The Agent Pacing Service's Client Credentials client (`ewt`), as the seed creates it: `admin` from its Roles tab. */
export const PACING_CLIENT_DEFAULTS = Object.freeze({
  name: "PureEngage Client Credentials",
  description: "Agent Pacing Service (ewt) for Genesys Engage",
  roles: Object.freeze(["admin"]) as readonly string[],
});

/**
 * What Workspace Desktop Edition does with the token it exchanges a SAML assertion
 * for: Predictive Engagement's agent views read the customer's journey (`journey`),
 * and resolve the agent and the org (`users:readonly`, `organization:readonly`).
 * The default of the SAML2 Bearer client's scopes, in the construct and the tenants file alike.
 */
export const DEFAULT_SAML2_BEARER_SCOPES: readonly string[] = Object.freeze(["journey", "users:readonly", "organization:readonly"]);

/** Workspace Desktop Edition's SAML2 Bearer client (`saml_auth`). */
export const SAML2_BEARER_CLIENT_DEFAULTS = Object.freeze({
  name: "PureEngage SAML2 Bearer",
  description: "Workspace Desktop Edition SAML2 Bearer token exchange",
  scopes: DEFAULT_SAML2_BEARER_SCOPES,
});
