/**
 * End to end: a whole tenant stack (both OAuth clients, the Journey role grant and the
 * identity provider) deployed by the real Terraform with the real genesyscloud and
 * restapi providers into the Genesys Cloud double.
 *
 * The tests are steps of one deployment's life and run in order: each starts from the
 * state (double and Terraform) the previous one left.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { GenesysCloudDouble, OrgCredentials } from "../../genesys-cloud-double";
import { describeRun, GenesysApiClient, planActions, runTerraform, TerraformResult } from "../../testing/e2e";
import { synthTenantsAtFake, tenantTerraformEnv } from "../../testing/e2e/tenant-stacks-at-fake";
import { JOURNEY_AGENT_PERMISSIONS } from "../../constructs/journey-role-grant";
import { accessTokenOf, GenesysApi } from "../../core/genesys/api-client";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { pemBody } from "../../core/certs/pem";
import { tenantsYaml } from "../../testing/tenants-yaml";

const ORG = "5a0c3e1f-2b4d-4f6a-8c9e-1d3f5b7a9c0e";
const PACING = "genesyscloud_oauth_client.pacing-client";
const SAML2 = "genesyscloud_oauth_client.saml2-bearer-client";
/** What an administrator added to the employee role by hand before the first deploy. */
const HAND_ADDED = { domain: "quality", entityName: "evaluation", actionSet: ["view"] };

function acmeYaml(opts: { tokenSeconds?: number; redirect?: string; scopes?: string[] } = {}): string {
  return tenantsYaml([
    {
      name: "acme",
      orgId: ORG,
      extra: [
        `pacingClient: { accessTokenValiditySeconds: ${opts.tokenSeconds ?? 86400} }`,
        "saml2BearerClient:",
        `  authorizedRedirectUris: [${opts.redirect ?? "https://apps.mypurecloud.ie"}]`,
        `  scopes: [${(opts.scopes ?? ["journey", "users:readonly", "organization:readonly"]).join(", ")}]`,
        "preventDestroy: false",
      ],
    },
  ]);
}

/** Each permission of a role as `domain:entity:action`, sorted. */
function permissionsOf(role: { permissionPolicies?: { domain: string; entityName: string; actionSet: string[] }[] } | undefined): string[] {
  return (role?.permissionPolicies ?? []).flatMap((p) => p.actionSet.map((a) => `${p.domain}:${p.entityName}:${a}`)).sort();
}

describeWithGenesyscloud(__filename)("a tenant's OAuth clients and role grant, deployed by the real providers", () => {
  let fake: GenesysCloudDouble;
  let creds: OrgCredentials;
  let dir: string;
  let stackDir: string;
  let env: Record<string, string>;
  let originalEmployee: string[];

  /** Synthesizes the tenants file `yaml` (again) into the fixture's cdktf.out. */
  async function synth(yaml: string): Promise<void> {
    const path = join(dir, "tenants.yaml");
    require("fs").writeFileSync(path, yaml);
    await synthTenantsAtFake(dir, fake.url, path);
  }

  function tf(args: string[], extraEnv: Record<string, string> = {}): Promise<TerraformResult> {
    return runTerraform(stackDir, args, { env: { ...env, ...extraEnv }, redact: [creds.adminClientSecret, TEST_KEY_PASSWORD], timeoutMs: 240_000 });
  }

  async function ok(args: string[], extraEnv: Record<string, string> = {}): Promise<TerraformResult> {
    const run = await tf(args, extraEnv);
    expect({ code: run.code, run: run.code === 0 ? "" : describeRun(run) }).toEqual({ code: 0, run: "" });
    return run;
  }

  async function outputs(): Promise<{ public: any; secrets: any }> {
    return {
      public: JSON.parse((await ok(["output", "-json", "hybrid_integration"])).stdout),
      secrets: JSON.parse((await ok(["output", "-json", "hybrid_integration_secrets"])).stdout),
    };
  }

  beforeAll(async () => {
    fake = await GenesysCloudDouble.start();
    creds = fake.addOrg({ id: ORG, shortName: "acme" });
    dir = tenantFixture({ yaml: acmeYaml() }).dir;
    stackDir = join(dir, "cdktf.out", "stacks", "acme");
    env = {
      TF_VAR_acme_admin_client_id: creds.adminClientId,
      TF_VAR_acme_admin_client_secret: creds.adminClientSecret,
      TF_VAR_acme_saml_key_password: TEST_KEY_PASSWORD,
    };
  });

  afterAll(async () => {
    await fake?.stop();
  });

  test("deploys both clients, the grant and the identity provider; the outputs are what the org holds", async () => {
    // given an employee role an administrator customized through the API before the first deploy
    const api = new GenesysApiClient(fake.url, creds);
    const employee = fake.role(ORG, "employee")!;
    const customized = await api.request("PUT", `/api/v2/authorization/roles/${employee.id}`, {
      name: employee.name,
      description: employee.description,
      defaultRoleId: employee.defaultRoleId,
      permissionPolicies: [...employee.permissionPolicies!, HAND_ADDED],
    });
    expect(customized.status).toBe(200);
    originalEmployee = permissionsOf(fake.role(ORG, "employee"));
    expect(originalEmployee).toContain("quality:evaluation:view");
    expect(originalEmployee.filter((p) => p.startsWith("journey:"))).toEqual([]);

    // when the tenant is synthesized and applied
    await synth(acmeYaml());
    await ok(["init"]);
    await ok(["apply", "-auto-approve"]);

    // then the org has one client of each kind, and the outputs name them
    const { public: pub, secrets } = await outputs();
    const clients = fake.oauthClients(ORG);
    const pacing = clients.find((c) => c.name === "PureEngage Client Credentials")!;
    const saml2 = clients.find((c) => c.name === "PureEngage SAML2 Bearer")!;
    expect(pacing).toEqual(expect.objectContaining({ authorizedGrantType: "CLIENT-CREDENTIALS", accessTokenValiditySeconds: 86400 }));
    expect(saml2).toEqual(expect.objectContaining({ authorizedGrantType: "SAML2-BEARER", registeredRedirectUri: ["https://apps.mypurecloud.ie"] }));
    expect(pub.ewt).toEqual({ client_id: pacing.id });
    expect(pub.saml_auth).toEqual({ client_id: saml2.id });
    // and the secrets are the clients' own
    expect(fake.clientSecretMatches(pacing.id, secrets.ewt.password)).toBe(true);
    expect(fake.clientSecretMatches(saml2.id, secrets.saml_auth.password)).toBe(true);
    // and the pacing service gets a token for the configured lifetime with them
    const token = await new GenesysApi({ allowedOrigins: [fake.url] }).clientCredentials(`${fake.url}/oauth/token`, pub.ewt.client_id, secrets.ewt.password);
    expect(accessTokenOf(token)).toEqual(expect.any(String));
    expect((token.body as { expires_in: number }).expires_in).toBe(86400);
    // and the pacing client holds the admin role in the home division
    expect(pacing.roleDivisions).toEqual([{ roleId: fake.role(ORG, "admin")!.id, divisionId: expect.any(String) }]);
    // and the identity provider carries the tenant's issuer and certificate
    const idp = fake.identityProvider(ORG)!;
    expect(idp.issuerURI).toBe(pub.saml.issuer);
    const certificatePem = readFileSync(join(dir, "certs", "acme", "cert.pem"), "utf8");
    expect(Buffer.from(pub.saml.certificate, "base64").toString("utf8")).toBe(certificatePem);
    expect(idp.certificate).toBe(pemBody(certificatePem, "CERTIFICATE", "cert.pem"));
    // and the employee role kept every permission and gained the Journey ones
    expect(permissionsOf(fake.role(ORG, "employee"))).toEqual([...originalEmployee, ...JOURNEY_AGENT_PERMISSIONS].sort());
    expect(fake.unknownRequests).toEqual([]);
  }, 300_000);

  test("a second plan shows no changes", async () => {
    const plan = await tf(["plan", "-detailed-exitcode"]);
    expect({ code: plan.code, run: plan.code === 0 ? "" : describeRun(plan) }).toEqual({ code: 0, run: "" });
  }, 120_000);

  test("a changed token duration, redirect URI and scope plan as in-place updates, and apply under 429s and 503s", async () => {
    // given the tenants file with a new pacing token duration and a new redirect URI and scope list
    await synth(acmeYaml({ tokenSeconds: 3600, redirect: "https://apps.mypurecloud.ie/wde", scopes: ["journey", "users:readonly"] }));
    const ids = fake.oauthClients(ORG).map((c) => c.id).sort();

    // when planned
    await ok(["plan", "-out=update.tfplan"]);
    const actions = await planActions(stackDir, "update.tfplan", { env });

    // then both clients update in place, and nothing else changes
    expect(Object.fromEntries(Object.entries(actions).filter(([, a]) => a[0] !== "no-op" && a[0] !== "read"))).toEqual({
      [PACING]: ["update"],
      [SAML2]: ["update"],
    });

    // when the saved plan is applied while the OAuth API answers 429 twice and 503 twice
    fake.setFaults({ rateLimit: { count: 2, retryAfterSeconds: 1 }, unavailable: { count: 2 }, match: { pathPrefix: "/api/v2/oauth/clients" } });
    await ok(["apply", "update.tfplan"]);

    // then one apply converged: every fault was met, the clients kept their ids and carry the new settings
    expect(fake.faultsRemaining()).toEqual({ rateLimit: 0, unavailable: 0 });
    fake.setFaults({});
    expect(fake.oauthClients(ORG).map((c) => c.id).sort()).toEqual(ids);
    const clients = fake.oauthClients(ORG);
    expect(clients.find((c) => c.authorizedGrantType === "CLIENT-CREDENTIALS" && c.name !== "Terraform admin")?.accessTokenValiditySeconds).toBe(3600);
    const saml2 = clients.find((c) => c.authorizedGrantType === "SAML2-BEARER")!;
    expect(saml2.registeredRedirectUri).toEqual(["https://apps.mypurecloud.ie/wde"]);
    expect([...(saml2.scope ?? [])].sort()).toEqual(["journey", "users:readonly"]);
    const again = await tf(["plan", "-detailed-exitcode"]);
    expect({ code: again.code, run: again.code === 0 ? "" : describeRun(again) }).toEqual({ code: 0, run: "" });
  }, 300_000);

  test("wrong admin credentials fail with a clear error and change nothing", async () => {
    const before = fake.snapshot(ORG);
    // given a changed configuration, so that an apply would write
    await synth(acmeYaml({ tokenSeconds: 7200 }));
    // when applied with a wrong admin secret
    const run = await tf(["apply", "-auto-approve"], { TF_VAR_acme_admin_client_secret: "not-the-secret" });
    // then it fails at the token endpoint, naming the cause, and the org is untouched
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/invalid_client|Invalid client credentials/);
    expect(fake.snapshot(ORG)).toEqual(before);
    await synth(acmeYaml({ tokenSeconds: 3600, redirect: "https://apps.mypurecloud.ie/wde", scopes: ["journey", "users:readonly"] }));
  }, 120_000);

  test("destroy removes both clients and the identity provider and leaves the employee role exactly as it was", async () => {
    await ok(["destroy", "-auto-approve"]);
    expect(fake.oauthClients(ORG).map((c) => c.name)).toEqual(["Terraform admin"]);
    expect(fake.identityProvider(ORG)).toBeUndefined();
    expect(permissionsOf(fake.role(ORG, "employee"))).toEqual(originalEmployee);
    expect(fake.unknownRequests).toEqual([]);
  }, 300_000);
});

describeWithGenesyscloud(__filename)("an org without the Predictive Engagement (journey) product", () => {
  test("fails at plan, naming the product, and changes nothing", async () => {
    // given an org without the journey product
    const fake = await GenesysCloudDouble.start();
    try {
      const creds = fake.addOrg({ id: ORG, shortName: "acme", products: [] });
      const { dir } = tenantFixture({ yaml: acmeYaml() });
      const stackDir = join(await synthTenantsAtFake(dir, fake.url), "acme");
      const env = tenantTerraformEnv("acme", creds, TEST_KEY_PASSWORD);
      const before = fake.snapshot(ORG);

      // when the tenant is applied
      expect((await runTerraform(stackDir, ["init"], { env })).code).toBe(0);
      const run = await runTerraform(stackDir, ["apply", "-auto-approve"], { env, redact: [creds.adminClientSecret], timeoutMs: 180_000 });

      // then it fails on the product look-up, before any change
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/no Auth Products? found with name journey/i);
      expect(run.stderr).toMatch(/genesyscloud_authorization_product\.journey-role-grant_journey-product/);
      expect(fake.snapshot(ORG)).toEqual(before);
    } finally {
      await fake.stop();
    }
  }, 240_000);
});
