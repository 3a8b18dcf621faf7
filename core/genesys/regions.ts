/**
 * Public Genesys Cloud regions, keyed by the names the genesyscloud Terraform
 * provider 1.82.0 accepts for `aws_region` (its region map, `getRegionMap` in its
 * provider.go, less the internal `dca` and `tca` test environments), with the domain
 * every URL of the region hangs off. A region it does not know fails every plan.
 */
export const REGION_DOMAINS: Readonly<Record<string, string>> = Object.freeze({
  "us-east-1": "mypurecloud.com",
  "us-east-2": "use2.us-gov-pure.cloud",
  "us-west-2": "usw2.pure.cloud",
  "eu-west-1": "mypurecloud.ie",
  "eu-west-2": "euw2.pure.cloud",
  "eu-central-1": "mypurecloud.de",
  "eu-central-2": "euc2.pure.cloud",
  "ap-southeast-1": "apse1.pure.cloud",
  "ap-southeast-2": "mypurecloud.com.au",
  "ap-northeast-1": "mypurecloud.jp",
  "ap-northeast-2": "apne2.pure.cloud",
  "ap-northeast-3": "apne3.pure.cloud",
  "ap-south-1": "aps1.pure.cloud",
  "ca-central-1": "cac1.pure.cloud",
  "sa-east-1": "sae1.pure.cloud",
  "me-central-1": "mec1.pure.cloud",
  "mx-central-1": "mxc1.pure.cloud",
});

export const REGION_NAMES: readonly string[] = Object.freeze(Object.keys(REGION_DOMAINS).sort());

/** A host and port that the on-premises firewall must let Genesys Engage reach. */
export interface FirewallRule {
  readonly host: string;
  readonly port: number;
  /** Which part of the integration needs it. */
  readonly purpose: string;
}

/** Every URL of one region that the integration uses. */
export interface RegionEndpoints {
  readonly region: string;
  readonly domain: string;
  /** `general/base_auth_url` of the transaction object. */
  readonly baseAuthUrl: string;
  /** `general/base_service_url` of the transaction object. */
  readonly baseServiceUrl: string;
  /** The API host, as the genesyscloud and restapi providers address it. */
  readonly apiUrl: string;
  /** The Genesys Cloud apps URL: the SAML2 Bearer redirect URI and the IdP's SSO target by default. */
  readonly appsUrl: string;
  /** The seed's "Opening Your Network": what the on-premises firewall must open. */
  readonly firewall: readonly FirewallRule[];
}

/**
 * The endpoints of a public region.
 *
 * @throws when the region is unknown, listing the valid ones.
 */
export function regionEndpoints(region: string): RegionEndpoints {
  const domain = REGION_DOMAINS[region];
  if (!domain) {
    throw new Error(`unknown Genesys Cloud region "${region}"; use one of: ${REGION_NAMES.join(", ")}.`);
  }
  return {
    region,
    domain,
    baseAuthUrl: `https://login.${domain}/oauth/token`,
    baseServiceUrl: `https://api.${domain}/api/`,
    apiUrl: `https://api.${domain}`,
    appsUrl: `https://apps.${domain}`,
    firewall: [
      { host: `login.${domain}`, port: 443, purpose: "OAuth token exchange (base_auth_url): pacing service and Workspace Desktop Edition" },
      { host: `api.${domain}`, port: 443, purpose: "Platform API (base_service_url)" },
      { host: `apps.${domain}`, port: 443, purpose: "Genesys Cloud apps and Predictive Engagement UI in Workspace Desktop Edition" },
    ],
  };
}
