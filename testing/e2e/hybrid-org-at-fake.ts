import { HybridOrg } from "../../constructs/hybrid-org";
import { pointOrgAt } from "../../stacks/deployment-target";
import type { OrgCredentials } from "../../genesys-cloud-double";

/**
 * Points an org's providers at a Genesys Cloud double (tests only; see `pointOrgAt`).
 * The credentials stay Terraform variables; pass them with {@link adminCredentialsEnv}.
 */
export function pointHybridOrgAt(org: HybridOrg, baseUrl: string): void {
  pointOrgAt(org, baseUrl);
}

/** `TF_VAR_<prefix>_admin_client_id/secret` for a Terraform run of the org's stack. */
export function adminCredentialsEnv(org: Pick<HybridOrg, "credentialVariableNames">, creds: OrgCredentials): Record<string, string> {
  return {
    [`TF_VAR_${org.credentialVariableNames.clientId}`]: creds.adminClientId,
    [`TF_VAR_${org.credentialVariableNames.clientSecret}`]: creds.adminClientSecret,
  };
}
