/**
 * The API path of an org's one PureEngage identity provider: what the PureEngageIdp
 * construct writes, `hybrid adopt` looks for and `hybrid doctor` checks.
 */
export const PUREENGAGE_IDP_PATH = "/api/v2/identityproviders/pureengage";
