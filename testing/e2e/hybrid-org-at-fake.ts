import { HybridOrg } from "../../constructs/hybrid-org";
import type { OrgCredentials } from "../fake-genesys-cloud";

/**
 * Points an org's API provider at a Genesys Cloud double (escape hatch, tests only):
 * the restapi provider's `uri` and its OAuth token endpoint. The credentials stay
 * Terraform variables; pass them with {@link adminCredentialsEnv}.
 */
export function pointHybridOrgAt(org: HybridOrg, baseUrl: string): void {
  const creds = org.restapiProvider.oauthClientCredentials;
  if (!creds) throw new Error(`${org.node.path}: the restapi provider has no oauth_client_credentials to redirect`);
  org.restapiProvider.uri = baseUrl;
  org.restapiProvider.oauthClientCredentials = { ...creds, oauthTokenEndpoint: `${baseUrl}/oauth/token` };
}

/** `TF_VAR_<prefix>_admin_client_id/secret` for a Terraform run of the org's stack. */
export function adminCredentialsEnv(org: Pick<HybridOrg, "credentialVariableNames">, creds: OrgCredentials): Record<string, string> {
  return {
    [`TF_VAR_${org.credentialVariableNames.clientId}`]: creds.adminClientId,
    [`TF_VAR_${org.credentialVariableNames.clientSecret}`]: creds.adminClientSecret,
  };
}
