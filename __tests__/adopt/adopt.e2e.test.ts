/**
 * End to end: an org provisioned by hand as the seeds describe, adopted with `hybrid adopt`,
 * then planned, applied and planned again by the real Terraform and providers against the
 * Genesys Cloud double. The steps run in order, each from the state the previous one left.
 */
import { REDACTED } from "../../core/redaction";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { JOURNEY_AGENT_PERMISSIONS } from "../../constructs/journey-role-grant";
import { GenesysCloudDouble, OrgCredentials } from "../../genesys-cloud-double";
import { describeRun, runTerraform, TerraformResult } from "../../testing/e2e";
import { synthTenantsAtFake, tenantTerraformEnv } from "../../testing/e2e/tenant-stacks-at-fake";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { adoptEnv, adoptionFile, HandMadeClient, HandProvisioning, hybrid, ORG, tenantsYaml } from "./helpers";

const PACING = "genesyscloud_oauth_client.pacing-client";
const SAML2 = "genesyscloud_oauth_client.saml2-bearer-client";
const IDP = "restapi_object.pureengage-idp";

interface PlannedChange {
  readonly address: string;
  readonly actions: string[];
  readonly importing?: { id: string };
}

describeWithGenesyscloud(__filename)("adopting an org provisioned by hand", () => {
  let fake: GenesysCloudDouble;
  let creds: OrgCredentials;
  let dir: string;
  let stackDir: string;
  let env: Record<string, string>;
  let pacing: HandMadeClient;
  let saml2: HandMadeClient;
  let handGranted: string[];
  let clientsBefore: string[];

  const secrets = () => [creds.adminClientSecret, TEST_KEY_PASSWORD, pacing?.secret, saml2?.secret].filter((s): s is string => !!s);

  function tf(args: string[]): Promise<TerraformResult> {
    return runTerraform(stackDir, args, { env, redact: secrets(), timeoutMs: 240_000 });
  }

  async function ok(args: string[], okCodes = [0]): Promise<TerraformResult> {
    const r = await tf(args);
    expect({ code: okCodes.includes(r.code) ? "ok" : r.code, run: okCodes.includes(r.code) ? "" : describeRun(r) }).toEqual({ code: "ok", run: "" });
    return r;
  }

  async function synth(): Promise<void> {
    await synthTenantsAtFake(dir, fake.url);
  }

  beforeAll(async () => {
    fake = await GenesysCloudDouble.start();
    creds = fake.addOrg({ id: ORG, shortName: "acme" });
    dir = tenantFixture({ yaml: tenantsYaml({ extra: ["preventDestroy: false"] }) }).dir;
    stackDir = join(dir, "cdktf.out", "stacks", "acme");
    env = tenantTerraformEnv("acme", creds, TEST_KEY_PASSWORD);
  });

  afterAll(async () => {
    await fake?.stop();
  });

  test("adopt finds the hand-made clients and identity provider and writes their ids, and no secret", async () => {
    // given an org set up by hand as the seeds describe: both clients, the identity provider, three Journey permissions on employee
    const hand = new HandProvisioning(fake, creds);
    pacing = await hand.pacingClient();
    saml2 = await hand.saml2Client();
    await hand.identityProvider(join(dir, "certs", "acme", "cert.pem"));
    handGranted = JOURNEY_AGENT_PERMISSIONS.slice(0, 3);
    await hand.grantJourney(handGranted);

    // when adopted
    const result = await hybrid(["adopt", "--tenant", "acme"], { cwd: dir, env: adoptEnv(fake, creds), redact: secrets() });

    // then it succeeds, naming both clients and the one difference (the seeds' pacing description)
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`ewt: adopting ${pacing.id}`);
    expect(result.stdout).toContain(`saml_auth: adopting ${saml2.id}`);
    expect(result.stdout).toMatch(new RegExp(`${PACING} description: org "OAuth client for service-to-service authentication", .*: updated in place`));
    expect(result.stdout).toContain(`holds 3 of the 6 Journey permissions; the deploy adds ${JOURNEY_AGENT_PERMISSIONS.slice(3).join(", ")}`);
    // and the adoption file holds the ids, and neither secret
    const text = readFileSync(adoptionFile(dir), "utf8");
    expect(text).toContain(pacing.id);
    expect(text).toContain(saml2.id);
    expect([text.includes(pacing.secret), text.includes(saml2.secret), text.includes(creds.adminClientSecret)]).toEqual([false, false, false]);
    // and its output held no secret: the capture masks them, so none was masked
    expect(result.stdout.includes(REDACTED)).toBe(false);
  }, 60_000);

  test("the next plan imports the three objects and creates no client or identity provider", async () => {
    // given the synthesized stack, with the adoption file next to the tenants file
    await synth();
    const json = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as { import: { to: string; id: string }[] };
    expect(json.import.map((i) => i.to).sort()).toEqual([PACING, SAML2, IDP].sort());

    // when planned
    await ok(["init"]);
    await ok(["plan", "-out=adopt.tfplan"]);
    const shown = JSON.parse((await ok(["show", "-json", "adopt.tfplan"])).stdout) as { resource_changes: { address: string; change: { actions: string[]; importing?: { id: string } } }[] };
    const changes: PlannedChange[] = shown.resource_changes.map((rc) => ({ address: rc.address, actions: rc.change.actions, importing: rc.change.importing }));
    const byAddress = Object.fromEntries(changes.map((c) => [c.address, c]));

    // then the clients and the identity provider are imported by their ids, updated in place at most
    expect(byAddress[PACING].importing).toEqual({ id: pacing.id });
    expect(byAddress[SAML2].importing).toEqual({ id: saml2.id });
    expect(byAddress[IDP].importing).toEqual({ id: "/api/v2/identityproviders/pureengage" });
    // (the clients: description and expose_client_secret, which an import leaves unset; the identity provider: its body)
    expect([PACING, SAML2, IDP].map((a) => [a, byAddress[a].actions])).toEqual([PACING, SAML2, IDP].map((a) => [a, ["update"]]));
    // and the only creates are the role grant and its baseline, which write the existing employee role
    const creates = changes.filter((c) => c.actions.includes("create")).map((c) => c.address);
    expect(creates).toHaveLength(2);
    expect(creates).toEqual(expect.arrayContaining(["restapi_object.journey-role-grant", expect.stringMatching(/^terraform_data\.journey-role-grant_baseline/)]));
    expect(changes.filter((c) => c.actions.includes("delete"))).toEqual([]);
  }, 300_000);

  test("apply creates no client; the outputs name the original clients and mark their passwords as kept", async () => {
    clientsBefore = fake.oauthClients(ORG).map((c) => c.id).sort();

    // when the saved plan is applied
    await ok(["apply", "adopt.tfplan"]);

    // then the org has the same clients, and the hand-made secrets still work
    expect(fake.oauthClients(ORG).map((c) => c.id).sort()).toEqual(clientsBefore);
    expect([fake.clientSecretMatches(pacing.id, pacing.secret), fake.clientSecretMatches(saml2.id, saml2.secret)]).toEqual([true, true]);
    // and the pacing client now carries the tenants file's description
    expect(fake.oauthClients(ORG).find((c) => c.id === pacing.id)?.description).toBe("Agent Pacing Service (ewt) for Genesys Engage");
    // and the outputs give the original ids, no password for adopted clients, and say which sections keep theirs
    const pub = JSON.parse((await ok(["output", "-json", "hybrid_integration"])).stdout);
    const sec = JSON.parse((await ok(["output", "-json", "hybrid_integration_secrets"])).stdout);
    const adopted = JSON.parse((await ok(["output", "-json", "adopted_clients"])).stdout);
    expect(pub.ewt).toEqual({ client_id: pacing.id });
    expect(pub.saml_auth).toEqual({ client_id: saml2.id });
    expect(sec.ewt).toEqual({ password: null });
    expect(sec.saml_auth).toEqual({ password: null });
    expect(typeof sec.saml.password).toBe("string");
    expect(adopted).toEqual(["ewt", "saml_auth"]);
    // and the employee role kept its hand-granted Journey permissions and gained the others
    const employee = fake.role(ORG, "employee")!;
    const held = employee.permissionPolicies.flatMap((p) => p.actionSet.map((a) => `${p.domain}:${p.entityName}:${a}`));
    expect(JOURNEY_AGENT_PERMISSIONS.filter((p) => !held.includes(p))).toEqual([]);
    expect(fake.unknownRequests).toEqual([]);
  }, 300_000);

  test("a second plan is empty", async () => {
    const plan = await tf(["plan", "-detailed-exitcode"]);
    expect({ code: plan.code, run: plan.code === 0 ? "" : describeRun(plan) }).toEqual({ code: 0, run: "" });
  }, 120_000);

  test("destroy keeps the Journey permissions the site granted by hand before adopting", async () => {
    // when the adopted tenant is destroyed (preventDestroy: false)
    await ok(["destroy", "-auto-approve"]);
    // then the employee role holds exactly the hand-granted Journey permissions again
    const employee = fake.role(ORG, "employee")!;
    const journey = employee.permissionPolicies.filter((p) => p.domain === "journey").flatMap((p) => p.actionSet.map((a) => `${p.domain}:${p.entityName}:${a}`));
    expect(journey.sort()).toEqual([...handGranted].sort());
    expect(existsSync(adoptionFile(dir))).toBe(true);
  }, 300_000);
});

describeWithGenesyscloud(__filename)("an org with the pacing client made by hand but no SAML2 Bearer client", () => {
  test("adopt says the deploy creates the SAML2 client; the apply does, and only ewt keeps its existing password", async () => {
    const fake = await GenesysCloudDouble.start();
    try {
      // given an org with the seeds' Client Credentials client only
      const creds = fake.addOrg({ id: ORG, shortName: "acme" });
      const { dir } = tenantFixture({ yaml: tenantsYaml() });
      const pacing = await new HandProvisioning(fake, creds).pacingClient();
      const redact = [creds.adminClientSecret, pacing.secret, TEST_KEY_PASSWORD];

      // when adopted
      const result = await hybrid(["adopt", "--tenant", "acme"], { cwd: dir, env: adoptEnv(fake, creds), redact });

      // then it adopts the pacing client and says the deploy will create the other client and the identity provider
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
      expect(result.stdout).toContain(`ewt: adopting ${pacing.id}`);
      expect(result.stdout).toContain(`saml_auth: no SAML2-BEARER client named "PureEngage SAML2 Bearer": the deploy will create one`);
      expect(result.stdout).toContain("identity provider: the org has no PureEngage identity provider: the deploy will create it.");

      // when synthesized and applied
      const stackDir = join(await synthTenantsAtFake(dir, fake.url), "acme");
      const env = tenantTerraformEnv("acme", creds, TEST_KEY_PASSWORD);
      for (const args of [["init"], ["apply", "-auto-approve"]]) {
        const r = await runTerraform(stackDir, args, { env, redact, timeoutMs: 240_000 });
        expect({ code: r.code, run: r.code === 0 ? "" : describeRun(r) }).toEqual({ code: 0, run: "" });
      }

      // then one client was created (the SAML2 Bearer one), and its secret is in the outputs; ewt keeps its password
      const clients = fake.oauthClients(ORG).filter((c) => c.name !== "Terraform admin");
      expect(clients.map((c) => c.authorizedGrantType).sort()).toEqual(["CLIENT-CREDENTIALS", "SAML2-BEARER"]);
      const created = clients.find((c) => c.authorizedGrantType === "SAML2-BEARER")!;
      const out = async (name: string) => JSON.parse((await runTerraform(stackDir, ["output", "-json", name], { env, redact })).stdout);
      const sec = await out("hybrid_integration_secrets");
      expect(sec.ewt).toEqual({ password: null });
      expect(fake.clientSecretMatches(created.id, sec.saml_auth.password)).toBe(true);
      expect(await out("adopted_clients")).toEqual(["ewt"]);
      expect((await out("hybrid_integration")).ewt).toEqual({ client_id: pacing.id });
    } finally {
      await fake.stop();
    }
  }, 300_000);
});

describeWithGenesyscloud(__filename)("an org whose SAML2 Bearer client was made with another grant type", () => {
  test("adopt adopts it; the apply changes its grant type in place: same id, same secret", async () => {
    const fake = await GenesysCloudDouble.start();
    try {
      // given the seeds' clients, the SAML2 Bearer one made as a CODE client
      const creds = fake.addOrg({ id: ORG, shortName: "acme" });
      const { dir } = tenantFixture({ yaml: tenantsYaml() });
      const hand = new HandProvisioning(fake, creds);
      const pacing = await hand.pacingClient();
      const code = await hand.saml2Client("PureEngage SAML2 Bearer", { authorizedGrantType: "CODE" });
      const redact = [creds.adminClientSecret, pacing.secret, code.secret, TEST_KEY_PASSWORD];

      // when adopted, synthesized, applied and planned again
      const result = await hybrid(["adopt", "--tenant", "acme"], { cwd: dir, env: adoptEnv(fake, creds), redact });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
      const stackDir = join(await synthTenantsAtFake(dir, fake.url), "acme");
      const env = tenantTerraformEnv("acme", creds, TEST_KEY_PASSWORD);
      for (const args of [["init"], ["apply", "-auto-approve"], ["plan", "-detailed-exitcode"]]) {
        const r = await runTerraform(stackDir, args, { env, redact, timeoutMs: 240_000 });
        expect({ args, code: r.code, run: r.code === 0 ? "" : describeRun(r) }).toEqual({ args, code: 0, run: "" });
      }

      // then the CODE client is now the SAML2 Bearer client, with the id and secret the site already typed in
      const client = fake.oauthClients(ORG).find((c) => c.id === code.id)!;
      expect(client).toEqual(expect.objectContaining({ authorizedGrantType: "SAML2-BEARER", name: "PureEngage SAML2 Bearer" }));
      expect(fake.clientSecretMatches(code.id, code.secret)).toBe(true);
      expect(fake.oauthClients(ORG).filter((c) => c.authorizedGrantType === "SAML2-BEARER")).toHaveLength(1);
      expect(fake.unknownRequests).toEqual([]);
    } finally {
      await fake.stop();
    }
  }, 300_000);
});
