import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CliResult, runHybrid } from "../helpers/hybrid-cli";
import { JOURNEY_AGENT_PERMISSIONS } from "../../constructs/journey-role-grant";
import type { GenesysCloudDouble, OrgCredentials } from "../../genesys-cloud-double";
import { GenesysApiClient } from "../../testing/e2e";
import { pemBody } from "../../core/certs/pem";
import { tenantsYaml as yamlOf } from "../../testing/tenants-yaml";

export const ORG = "5a0c3e1f-2b4d-4f6a-8c9e-1d3f5b7a9c0e";
export const ISSUER = "https://engage.acme.example/pureengage";
export const APPS = "https://apps.mypurecloud.ie";

/** A tenants file with one tenant, `acme`, in eu-west-1 (its apps URL is {@link APPS}). */
export function tenantsYaml(opts: { issuer?: string; extra?: readonly string[] } = {}): string {
  return yamlOf([{ name: "acme", orgId: ORG, issuer: opts.issuer ?? ISSUER, extra: opts.extra }]);
}

/** A client made by hand: its id, and its secret (compare it with booleans only, never print it). */
export interface HandMadeClient {
  readonly id: string;
  readonly secret: string;
}

/**
 * An administrator following the seeds through the API: a Client Credentials client (admin in the
 * home division), a SAML2 Bearer client, and the PureEngage identity provider with the tenant's certificate.
 */
export class HandProvisioning {
  readonly api: GenesysApiClient;

  constructor(private readonly fake: GenesysCloudDouble, creds: OrgCredentials, private readonly orgId = ORG) {
    this.api = new GenesysApiClient(fake.url, creds);
  }

  async client(body: Record<string, unknown>): Promise<HandMadeClient> {
    const res = await this.api.request("POST", "/api/v2/oauth/clients", body);
    if (res.status !== 200) throw new Error(`creating client ${String(body.name)} answered ${res.status}`);
    const b = res.body as { id: string; secret: string };
    return { id: b.id, secret: b.secret };
  }

  /** The seeds' step 1a: "PureEngage Client Credentials", Admin role, Home division. */
  async pacingClient(name = "PureEngage Client Credentials"): Promise<HandMadeClient> {
    const home = (await this.api.request("GET", "/api/v2/authorization/divisions/home")).body as { id: string };
    return this.client({
      name,
      description: "OAuth client for service-to-service authentication",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: 86400,
      roleDivisions: [{ roleId: this.fake.role(this.orgId, "admin")!.id, divisionId: home.id }],
    });
  }

  /** The seeds' step 1b: a SAML2 Bearer client with the apps redirect URI and scopes. */
  async saml2Client(name = "PureEngage SAML2 Bearer", overrides: Record<string, unknown> = {}): Promise<HandMadeClient> {
    return this.client({
      name,
      description: "Workspace Desktop Edition SAML2 Bearer token exchange",
      authorizedGrantType: "SAML2-BEARER",
      accessTokenValiditySeconds: 86400,
      registeredRedirectUri: [APPS],
      scope: ["journey", "users:readonly", "organization:readonly"],
      ...overrides,
    });
  }

  /** The seeds' step 3: PUT /api/v2/identityproviders/pureengage with cert.pem's body. */
  async identityProvider(certificatePemFile: string, overrides: Record<string, unknown> = {}): Promise<void> {
    const body = pemBody(readFileSync(certificatePemFile, "utf8"), "CERTIFICATE", certificatePemFile);
    const res = await this.api.request("PUT", "/api/v2/identityproviders/pureengage", {
      name: "Genesys Engage",
      autoProvisionUsers: true,
      certificate: body,
      issuerURI: ISSUER,
      ssoTargetURI: APPS,
      disabled: false,
      ...overrides,
    });
    if (res.status !== 200) throw new Error(`PUT identity provider answered ${res.status}`);
  }

  /** The seeds' step 4: some Predictive Engagement permissions granted to the employee role by hand. */
  async grantJourney(permissions: readonly string[] = JOURNEY_AGENT_PERMISSIONS.slice(0, 3)): Promise<void> {
    const employee = this.fake.role(this.orgId, "employee")!;
    const policies = permissions.map((p) => {
      const [domain, entityName, action] = p.split(":");
      return { domain, entityName, actionSet: [action] };
    });
    const res = await this.api.request("PUT", `/api/v2/authorization/roles/${employee.id}`, {
      name: employee.name,
      description: employee.description,
      defaultRoleId: employee.defaultRoleId,
      permissionPolicies: [...employee.permissionPolicies, ...policies],
    });
    if (res.status !== 200) throw new Error(`PUT employee role answered ${res.status}`);
  }
}

/** `hybrid <args>` in-process on a fixed clock, output captured with the given secrets replaced by `***`. */
export function hybrid(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; redact?: readonly string[] }): Promise<CliResult> {
  return runHybrid(args, { ...opts, now: () => new Date("2026-01-15T10:00:00Z") });
}

/** The environment `hybrid adopt --tenant acme` needs against the double. */
export function adoptEnv(fake: GenesysCloudDouble, creds: OrgCredentials): NodeJS.ProcessEnv {
  return { TF_VAR_acme_admin_client_id: creds.adminClientId, TF_VAR_acme_admin_client_secret: creds.adminClientSecret, HYBRID_GENESYS_URL_OVERRIDE: fake.url };
}

export const adoptionFile = (dir: string) => join(dir, "adopted", "acme.yaml");
