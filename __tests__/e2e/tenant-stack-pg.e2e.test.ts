import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import { join } from "path";
import type { TenantsFile } from "../../core/config/tenants-file";
import { GenesysCloudDouble } from "../../genesys-cloud-double";
import { synthesize } from "../../stacks/synthesize";
import { describeRun, runTerraform, terraformOk } from "../../testing/e2e";
import { tenantTerraformEnv } from "../../testing/e2e/tenant-stacks-at-fake";
import { postgresBinDir, startTempPostgres, TempPostgres } from "../../testing/postgres/temp-cluster";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { pemBody } from "../../core/certs/pem";
import { tenantsYaml } from "../../testing/tenants-yaml";

const ORG_ID = "3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f";
const TENANTS = tenantsYaml([{ name: "acme", orgId: ORG_ID, extra: ["preventDestroy: false", "backend: { type: pg }"] }]);

const binDir = postgresBinDir();
if (!binDir && process.env.CI !== "true") {
  // Loud on a developer's machine; in CI (.ci/run installs PostgreSQL) this suite never skips.
  console.warn("SKIPPING the PostgreSQL backend end-to-end test: no PostgreSQL server binaries (initdb, pg_ctl) on this machine; install postgresql to run it.");
}
// Tenant stacks hold the genesyscloud half too: where that provider is missing, this skips loudly as well.
const describePg = binDir || process.env.CI === "true" ? describeWithGenesyscloud(__filename) : describe.skip;

/** The tenant's stack as one pipeline runner synthesizes it, its provider pointed at the double. */
async function synthRunner(dir: string, file: TenantsFile, runner: string, fakeUrl: string): Promise<{ stackDir: string }> {
  await synthesize(file, { kind: "double", url: fakeUrl }, { outdir: join(dir, runner) });
  return { stackDir: join(dir, runner, "stacks", "acme") };
}

function advisoryLocks(connStr: string): number {
  return Number(execFileSync("psql", [connStr, "-tAc", "select count(*) from pg_locks where locktype = 'advisory'"], { encoding: "utf8" }).trim());
}

async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describePg("a tenant stack with its state in PostgreSQL", () => {
  let pg: TempPostgres;
  let fake: GenesysCloudDouble;
  let dir: string;
  let env: Record<string, string>;
  let a: { stackDir: string };
  let b: { stackDir: string };
  let secrets: string[];

  beforeAll(async () => {
    if (!binDir) throw new Error("CI=true but no PostgreSQL server binaries: .ci/run must install postgresql");
    pg = await startTempPostgres(binDir);
    fake = await GenesysCloudDouble.start();
    const creds = fake.addOrg({ id: ORG_ID, shortName: "acme" });
    const fixture = tenantFixture({ yaml: TENANTS });
    dir = fixture.dir;
    a = await synthRunner(dir, fixture.file, "runner-a", fake.url);
    b = await synthRunner(dir, fixture.file, "runner-b", fake.url);
    env = { ...tenantTerraformEnv("acme", creds, TEST_KEY_PASSWORD), PG_CONN_STR: pg.connStr };
    secrets = [creds.adminClientSecret, TEST_KEY_PASSWORD, pg.connStr];
    await terraformOk(a.stackDir, ["init"], { env, redact: secrets });
    await terraformOk(b.stackDir, ["init"], { env, redact: secrets });
  }, 120_000);

  afterAll(async () => {
    await fake?.stop();
    pg?.stop();
  });

  test("keeps the connection string out of the synthesized JSON", () => {
    const json = readFileSync(join(a.stackDir, "cdk.tf.json"), "utf8");
    expect(JSON.parse(json).terraform.backend).toEqual({ pg: { schema_name: "hybrid_acme" } });
    expect(json.includes(pg.connStr)).toBe(false);
  });

  test("two applies at the same time: one holds the lock, the other fails on it, and the state stays whole", async () => {
    // given a slow API, so that the first apply holds the state lock for seconds
    const before = fake.snapshot(ORG_ID);
    fake.setFaults({ latencyMs: 2000, match: { pathPrefix: "/api/v2/identityproviders" } });

    // when runner A applies, and runner B applies while A holds the lock
    const first = runTerraform(a.stackDir, ["apply", "-auto-approve", "-lock-timeout=0s"], { env, redact: secrets });
    await until("runner A to take the state lock", () => advisoryLocks(pg.connStr) > 0);
    const second = await runTerraform(b.stackDir, ["apply", "-auto-approve", "-lock-timeout=0s"], { env, redact: secrets });
    const firstDone = await first;
    fake.setFaults({});

    // then A applied, and B stopped on the lock without touching anything
    expect({ code: firstDone.code, run: firstDone.code === 0 ? "" : describeRun(firstDone) }).toEqual({ code: 0, run: "" });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Error acquiring the state lock/);
    expect(before.identityProviders.pureengage).toBeUndefined();
    expect(fake.identityProvider(ORG_ID)?.issuerURI).toBe("https://engage.acme.example/pureengage");

    // and B, reading the shared state afterwards, sees A's resources and plans no change
    const list = await terraformOk(b.stackDir, ["state", "list"], { env, redact: secrets });
    expect(list.stdout.trim().split("\n").filter((a) => !a.startsWith("data."))).toEqual([
      "genesyscloud_oauth_client.pacing-client",
      "genesyscloud_oauth_client.saml2-bearer-client",
      "restapi_object.journey-role-grant",
      "restapi_object.pureengage-idp",
      expect.stringMatching(/^terraform_data\.journey-role-grant_baseline_/),
    ]);
    const plan = await runTerraform(b.stackDir, ["plan", "-detailed-exitcode", "-lock-timeout=30s"], { env, redact: secrets });
    expect({ code: plan.code, run: plan.code === 0 ? "" : describeRun(plan) }).toEqual({ code: 0, run: "" });
  }, 180_000);

  test("a second apply waits for the lock when given time, then finds nothing to do", async () => {
    // given runner A holding the lock through a slow refresh
    // Only the identity provider's requests are slowed: enough to hold the lock, few enough to stay quick.
    fake.setFaults({ latencyMs: 1500, match: { pathPrefix: "/api/v2/identityproviders" } });
    const first = runTerraform(a.stackDir, ["apply", "-auto-approve"], { env, redact: secrets });
    await until("runner A to take the state lock", () => advisoryLocks(pg.connStr) > 0);

    // when runner B applies with a lock timeout
    const second = await runTerraform(b.stackDir, ["apply", "-auto-approve", "-lock-timeout=120s"], { env, redact: secrets });
    const firstDone = await first;
    fake.setFaults({});

    // then both succeed, one after the other
    expect([firstDone.code, second.code, second.code === 0 ? "" : describeRun(second)]).toEqual([0, 0, ""]);
    expect(second.stdout).toMatch(/No changes\./);
  }, 180_000);

  test("its outputs are the transaction object, equal to what Genesys Cloud holds", async () => {
    // not redacted: the secrets are compared below, and only as booleans
    const out = await terraformOk(a.stackDir, ["output", "-json"], { env });
    const outputs = JSON.parse(out.stdout);
    const idp = fake.identityProvider(ORG_ID)!;
    const certDir = join(dir, "certs", "acme");
    expect(outputs.hybrid_integration.value.saml).toEqual({
      issuer: idp.issuerURI,
      certificate: readFileSync(join(certDir, "cert.pem.b64"), "utf8"),
      expire_time: "24",
    });
    expect(pemBody(readFileSync(join(certDir, "cert.pem"), "utf8"), "CERTIFICATE", "cert.pem")).toBe(idp.certificate);
    expect(outputs.hybrid_integration.value.general.organization_id).toBe(ORG_ID);
    // secrets compared without printing them
    expect(outputs.hybrid_integration_secrets.sensitive).toBe(true);
    expect(outputs.hybrid_integration_secrets.value.saml.pkey === readFileSync(join(certDir, "key.pem.enc.b64"), "utf8")).toBe(true);
    expect(outputs.hybrid_integration_secrets.value.saml.password === TEST_KEY_PASSWORD).toBe(true);
    const { ewt, saml_auth } = outputs.hybrid_integration.value;
    expect(fake.clientSecretMatches(ewt.client_id, outputs.hybrid_integration_secrets.value.ewt.password)).toBe(true);
    expect(fake.clientSecretMatches(saml_auth.client_id, outputs.hybrid_integration_secrets.value.saml_auth.password)).toBe(true);
  }, 60_000);

  test("destroy leaves the org as it was before the deploy", async () => {
    await terraformOk(a.stackDir, ["destroy", "-auto-approve"], { env, redact: secrets });
    expect(fake.identityProvider(ORG_ID)).toBeUndefined();
    const list = await terraformOk(b.stackDir, ["state", "list"], { env, redact: secrets });
    expect(list.stdout.trim()).toBe("");
  }, 60_000);
});
