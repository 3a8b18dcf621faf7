/**
 * The Terraform addresses of what a tenant stack manages in the org: fixed by its
 * construct ids (stacks/tenant-stack.ts, tested there), and named by `hybrid adopt`,
 * `plan`/`summary`, `doctor` and `export` in what they report and the fixes they give.
 */
export const RESOURCE_ADDRESSES = {
  pacingClient: "genesyscloud_oauth_client.pacing-client",
  saml2BearerClient: "genesyscloud_oauth_client.saml2-bearer-client",
  identityProvider: "restapi_object.pureengage-idp",
  roleGrant: "restapi_object.journey-role-grant",
} as const;
