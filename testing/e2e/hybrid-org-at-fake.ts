import { Aspects, IAspect } from "cdktf";
import { IConstruct } from "constructs";
import { GenesyscloudProvider } from "../../.gen/providers/genesyscloud/provider";
import { RestapiProvider } from "../../.gen/providers/restapi/provider";
import { HybridOrg } from "../../constructs/hybrid-org";
import type { OrgCredentials } from "../fake-genesys-cloud";

/**
 * Points an org's providers at a Genesys Cloud double (escape hatch, tests only): the
 * restapi provider's `uri` and OAuth token endpoint, and the genesyscloud provider's
 * `gateway` (its region's login and API hosts replaced by the double). An aspect, so
 * it reaches the genesyscloud provider that the org adds on first use, whenever that
 * is. The credentials stay Terraform variables; pass them with {@link adminCredentialsEnv}.
 */
export function pointHybridOrgAt(org: HybridOrg, baseUrl: string): void {
  const url = new URL(baseUrl);
  Aspects.of(org).add(new PointAtFake(url));
}

class PointAtFake implements IAspect {
  constructor(private readonly url: URL) {}

  visit(node: IConstruct): void {
    const base = this.url.origin;
    if (node instanceof RestapiProvider) {
      const creds = node.oauthClientCredentials;
      if (!creds) throw new Error(`${node.node.path}: the restapi provider has no oauth_client_credentials to redirect`);
      node.uri = base;
      node.oauthClientCredentials = { ...creds, oauthTokenEndpoint: `${base}/oauth/token` };
    } else if (node instanceof GenesyscloudProvider) {
      // The provider ignores its GENESYSCLOUD_GATEWAY_* variables unless a gateway block exists.
      node.gateway = [{ host: this.url.hostname, port: this.url.port, protocol: this.url.protocol.replace(":", "") }];
    }
  }
}

/** `TF_VAR_<prefix>_admin_client_id/secret` for a Terraform run of the org's stack. */
export function adminCredentialsEnv(org: Pick<HybridOrg, "credentialVariableNames">, creds: OrgCredentials): Record<string, string> {
  return {
    [`TF_VAR_${org.credentialVariableNames.clientId}`]: creds.adminClientId,
    [`TF_VAR_${org.credentialVariableNames.clientSecret}`]: creds.adminClientSecret,
  };
}
