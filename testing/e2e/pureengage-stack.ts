import { TerraformStack } from "cdktf";
import { HybridOrg } from "../../constructs/hybrid-org";
import { PureEngageIdp } from "../../constructs/pureengage-idp";
import { pointHybridOrgAt } from "./hybrid-org-at-fake";

export interface PureEngageStackProps {
  /** Base URL of the Genesys Cloud double the org's provider is pointed at. */
  readonly apiUrl: string;
  readonly organizationId: string;
  readonly organizationShortName: string;
  readonly credentialsVariablePrefix: string;
  readonly issuerUri: string;
  readonly certificatePem: string;
  readonly ssoTargetUri?: string;
  /** @default "eu-west-1" */
  readonly region?: string;
}

/** HybridOrg + PureEngageIdp (destroyable) in `stack`, the org's provider pointed at a double. */
export function addPureEngageOrg(stack: TerraformStack, props: PureEngageStackProps): { org: HybridOrg; idp: PureEngageIdp } {
  const org = new HybridOrg(stack, "org", {
    organizationId: props.organizationId,
    organizationShortName: props.organizationShortName,
    region: props.region ?? "eu-west-1",
    credentialsVariablePrefix: props.credentialsVariablePrefix,
  });
  pointHybridOrgAt(org, props.apiUrl);
  const idp = new PureEngageIdp(stack, "pureengage-idp", {
    org,
    issuerUri: props.issuerUri,
    certificatePem: props.certificatePem,
    ssoTargetUri: props.ssoTargetUri,
    preventDestroy: false,
  });
  return { org, idp };
}
