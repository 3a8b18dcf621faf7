import { REDACTED } from "../../core/redaction";
import { join } from "path";
import { GenesysCloudDouble, OrgCredentials } from "../../genesys-cloud-double";
import { describeRun, runTerraform } from "../../testing/e2e";
import { runCdktf, writeCdktfProject } from "../../testing/e2e/cdktf-project";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { tenantsYaml } from "../../testing/tenants-yaml";

const ORGS = {
  acme: "3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f",
  globex: "9c1b7e42-5d8a-4f36-b2e0-71a4c9d3e58b",
} as const;
const TENANTS = tenantsYaml(
  [
    { name: "acme", orgId: ORGS.acme },
    { name: "globex", orgId: ORGS.globex, region: "us-east-1" },
  ],
  ["preventDestroy: false"],
);

function permissions(role: { permissionPolicies?: { domain: string; entityName: string; actionSet: string[] }[] } | undefined): string[] {
  return (role?.permissionPolicies ?? []).flatMap((p) => p.actionSet.map((a) => `${p.domain}:${p.entityName}:${a}`)).sort();
}

describeWithGenesyscloud(__filename)("cdktf deploy of two tenants, each into its own org", () => {
  let fake: GenesysCloudDouble;
  let dir: string;
  let env: Record<string, string>;
  let secrets: string[];

  beforeAll(async () => {
    fake = await GenesysCloudDouble.start();
    const creds: Record<string, OrgCredentials> = {
      acme: fake.addOrg({ id: ORGS.acme, shortName: "acme" }),
      globex: fake.addOrg({ id: ORGS.globex, shortName: "globex" }),
    };
    dir = tenantFixture({ yaml: TENANTS }).dir;
    writeCdktfProject(dir);
    env = { HYBRID_TEST_GENESYS_URL: fake.url };
    for (const t of ["acme", "globex"]) {
      env[`TF_VAR_${t}_admin_client_id`] = creds[t].adminClientId;
      env[`TF_VAR_${t}_admin_client_secret`] = creds[t].adminClientSecret;
      env[`TF_VAR_${t}_saml_key_password`] = TEST_KEY_PASSWORD;
    }
    secrets = [creds.acme.adminClientSecret, creds.globex.adminClientSecret, TEST_KEY_PASSWORD];
  });

  afterAll(async () => {
    await fake?.stop();
  });

  test("one deploy uses each tenant's own admin client and registers each identity provider in its own org", async () => {
    // given two orgs, each reachable only with its own admin client
    const before = { acme: fake.snapshot(ORGS.acme), globex: fake.snapshot(ORGS.globex) };

    // when both tenants are deployed by one `cdktf deploy` (--skip-provider-lock: with a
    // filesystem mirror, `terraform providers lock` would ask the unreachable registry)
    const deploy = await runCdktf(dir, ["deploy", "acme", "globex", "--auto-approve", "--parallelism", "2", "--skip-provider-lock"], env, secrets);

    // then it succeeded, and each org holds exactly its tenant's identity provider
    expect({ code: deploy.code, output: deploy.code === 0 ? "" : deploy.output.slice(-4000) }).toEqual({ code: 0, output: "" });
    expect(fake.identityProvider(ORGS.acme)?.issuerURI).toBe("https://engage.acme.example/pureengage");
    expect(fake.identityProvider(ORGS.acme)?.ssoTargetURI).toBe("https://apps.mypurecloud.ie");
    expect(fake.identityProvider(ORGS.globex)?.issuerURI).toBe("https://engage.globex.example/pureengage");
    expect(fake.identityProvider(ORGS.globex)?.ssoTargetURI).toBe("https://apps.mypurecloud.com");
    expect(before.acme.identityProviders.pureengage).toBeUndefined();
    // and each org holds its own pair of OAuth clients, named in its own outputs
    for (const t of ["acme", "globex"] as const) {
      const out = await runTerraform(join(dir, "cdktf.out", "stacks", t), ["output", "-json", "hybrid_integration"], { env, redact: secrets });
      const clients = fake.oauthClients(ORGS[t]).filter((c) => c.name !== "Terraform admin");
      const { ewt, saml_auth } = JSON.parse(out.stdout);
      expect(clients.map((c) => c.id).sort()).toEqual([ewt.client_id, saml_auth.client_id].sort());
    }
    expect(fake.unknownRequests).toEqual([]);
    // and nothing secret reached the log (the redaction found nothing to mask)
    expect(deploy.output.includes(REDACTED)).toBe(false);

    // and a second plan of each stack shows no changes
    for (const t of ["acme", "globex"]) {
      const plan = await runTerraform(join(dir, "cdktf.out", "stacks", t), ["plan", "-detailed-exitcode"], { env, redact: secrets });
      expect({ t, code: plan.code, run: plan.code === 0 ? "" : describeRun(plan) }).toEqual({ t, code: 0, run: "" });
    }

    // when both are destroyed, then the orgs are as they were before
    const destroy = await runCdktf(dir, ["destroy", "acme", "globex", "--auto-approve", "--skip-provider-lock"], env, secrets);
    expect({ code: destroy.code, output: destroy.code === 0 ? "" : destroy.output.slice(-4000) }).toEqual({ code: 0, output: "" });
    for (const t of ["acme", "globex"] as const) {
      const after = fake.snapshot(ORGS[t]);
      expect(Object.keys(after.oauthClients)).toEqual(Object.keys(before[t].oauthClients));
      expect(after.identityProviders).toEqual(before[t].identityProviders);
      expect(permissions(fake.role(ORGS[t], "employee"))).toEqual(permissions(Object.values(before[t].roles).find((r) => r.name === "employee")));
    }
  }, 240_000);
});
