/**
 * `hybrid summary` on plans made by the real Terraform and providers against the
 * Genesys Cloud double: two tenants deployed, then saved plans of no change, a pure
 * update, a client replace, an issuer change, each summarized in-process.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { GenesysCloudDouble, OrgCredentials } from "../../genesys-cloud-double";
import { runTerraform } from "../../testing/e2e";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { leaksAnyPiece } from "../helpers/leak-checks";
import { hybrid, synthAtFake, tenantEnv, tenantsYaml, terraformOkIn, TestTenant } from "./helpers";
import { pemBody } from "../../core/certs/pem";

const ACME: TestTenant = { name: "acme", orgId: "0c5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a11" };
const GLOBEX: TestTenant = { name: "globex-eu", orgId: "1d6f3b0d-8c2e-4d9f-8b7a-1e3c5f7d9b22" };

describeWithGenesyscloud(__filename)("hybrid summary of real plans", () => {
  let fake: GenesysCloudDouble;
  let dir: string;
  const creds: Record<string, OrgCredentials> = {};
  let env: Record<string, string>;
  /** Every secret the plans hold: admin client secrets, both clients' secrets, the encrypted key. */
  const secrets: string[] = [];
  const stackDir = (t: TestTenant) => join(dir, "cdktf.out", "stacks", t.name);

  /** Saves a plan of `tenant` (extra plan flags allowed) and its JSON as <tenant>.plan.json under `sub`. */
  async function savedPlan(tenant: TestTenant, sub: string, extra: string[] = []): Promise<string> {
    await terraformOkIn(stackDir(tenant), ["plan", `-out=${sub}.tfplan`, ...extra], env);
    // Not redacted: the JSON must hold the variables' values as Terraform writes them.
    const shown = await runTerraform(stackDir(tenant), ["show", "-json", `${sub}.tfplan`], { env });
    expect(shown.code).toBe(0);
    const file = join(dir, `${sub}-${tenant.name}.plan.json`);
    writeFileSync(file, shown.stdout);
    return file;
  }

  beforeAll(async () => {
    fake = await GenesysCloudDouble.start();
    creds.acme = fake.addOrg({ id: ACME.orgId, shortName: "acme" });
    creds.globex = fake.addOrg({ id: GLOBEX.orgId, shortName: "globexeu" });
    dir = tenantFixture({ yaml: tenantsYaml([ACME, GLOBEX]) }).dir;
    env = { ...tenantEnv(ACME.name, creds.acme), ...tenantEnv(GLOBEX.name, creds.globex) };
    await synthAtFake(dir, tenantsYaml([ACME, GLOBEX]), fake);
    for (const t of [ACME, GLOBEX]) {
      await terraformOkIn(stackDir(t), ["init"], env);
      await terraformOkIn(stackDir(t), ["apply", "-auto-approve"], env);
      const out = JSON.parse((await terraformOkIn(stackDir(t), ["output", "-json", "hybrid_integration_secrets"], env)).stdout);
      secrets.push(out.ewt.password, out.saml_auth.password, out.saml.pkey.replace(/\n/g, ""));
    }
    secrets.push(creds.acme.adminClientSecret, creds.globex.adminClientSecret);
  }, 600_000);

  afterAll(async () => {
    await fake?.stop();
  });

  test("no change: an empty table row, no warning, exit 0", async () => {
    // given saved plans of both tenants with nothing to do
    const files = [await savedPlan(ACME, "same"), await savedPlan(GLOBEX, "same")];
    // when summarized
    const r = await hybrid(["summary", ...files], dir);
    // then both tenants are in the table with zero counts, and nothing is dangerous
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| acme \| 0 \| 0 \| 0 \| 0 \|\s*\|$/m);
    expect(r.stdout).toMatch(/^\| globex-eu \| 0 \| 0 \| 0 \| 0 \|\s*\|$/m);
    expect(r.stdout).not.toMatch(/WARNING|<details>/);
  }, 300_000);

  test("a pure update: the attribute with its old and new value, exit 0", async () => {
    // given acme's pacing client token duration changed in the tenants file
    await synthAtFake(dir, tenantsYaml([{ ...ACME, tokenSeconds: 3600 }, GLOBEX]), fake);
    const file = await savedPlan(ACME, "update");
    // when summarized
    const r = await hybrid(["summary", file], dir);
    // then one in-place update of the pacing client, with the value change, and no warning
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^\| acme \| 0 \| 1 \| 0 \| 0 \|\s*\|$/m);
    expect(r.stdout).toContain("- `genesyscloud_oauth_client.pacing-client` (pacing client, `ewt`): **update in place**");
    expect(r.stdout).toContain("  - `access_token_validity_seconds`: `86400` → `3600`");
    expect(r.stdout).not.toContain("WARNING");
    await synthAtFake(dir, tenantsYaml([ACME, GLOBEX]), fake);
  }, 300_000);

  test("a replaced OAuth client: a warning naming the tenant, the client and what to retype; exit 3", async () => {
    // given a plan replacing acme's SAML2 bearer client, and an unchanged globex
    const files = [await savedPlan(ACME, "replace", ["-replace=genesyscloud_oauth_client.saml2-bearer-client"]), await savedPlan(GLOBEX, "replace")];
    // when summarized
    const r = await hybrid(["summary", ...files], dir);
    // then exit 3, one warning line for the client, the replace counted and its reason and changed attributes listed
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/1 dangerous change planned/);
    const warnings = r.stdout.split("\n").filter((l) => l.includes("WARNING"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/\*\*acme\*\*: `genesyscloud_oauth_client\.saml2-bearer-client` will be \*\*replaced\*\*.*`saml_auth\/client_id` and `saml_auth\/password`/);
    expect(r.stdout).toMatch(/^\| acme \| 0 \| 0 \| 1 \| 0 \| ⚠️ 1 \|$/m);
    expect(r.stdout).toMatch(/^\| globex-eu \| 0 \| 0 \| 0 \| 0 \|\s*\|$/m);
    expect(r.stdout).toContain("**replace** (requested with -replace)");
    expect(r.stdout).toContain("  - `client_secret`: [REDACTED] _(sensitive)_ → _(known after apply)_");
    // and the sensitive output is named, never opened
    expect(r.stdout).toContain("`hybrid_integration_secrets`: update in place (sensitive: not shown)");
  }, 300_000);

  test("an issuer change: a warning with the old and new issuer; exit 3", async () => {
    // given acme's issuer changed in the tenants file
    const issuer = "https://engage2.acme.example/pureengage";
    await synthAtFake(dir, tenantsYaml([{ ...ACME, issuer }, GLOBEX]), fake);
    const file = await savedPlan(ACME, "issuer");
    // when summarized
    const r = await hybrid(["summary", file], dir);
    // then the identity provider updates in place, with a warning about the issuer
    expect(r.code).toBe(3);
    const warnings = r.stdout.split("\n").filter((l) => l.includes("WARNING"));
    expect(warnings).toEqual([expect.stringMatching(/\*\*acme\*\*: `restapi_object\.pureengage-idp` changes the SAML \*\*issuer\*\* \(`https:\/\/engage\.acme\.example\/pureengage` → `https:\/\/engage2\.acme\.example\/pureengage`\).*`saml\/issuer`/)]);
    expect(r.stdout).toContain("  - `data.issuerURI`: `\"https://engage.acme.example/pureengage\"` → `\"https://engage2.acme.example/pureengage\"`");
    await synthAtFake(dir, tenantsYaml([ACME, GLOBEX]), fake);
  }, 300_000);

  test("secrets in the plans never appear in the summary, not even in part", async () => {
    // given plans that carry every secret: a replace (old client secret before), the state's secrets, the variables
    const files = [await savedPlan(ACME, "secrets", ["-replace=genesyscloud_oauth_client.pacing-client"]), await savedPlan(GLOBEX, "secrets", ["-replace=genesyscloud_oauth_client.saml2-bearer-client"])];
    const planText = files.map((f) => readFileSync(f, "utf8")).join("\n");
    // (lengths and booleans only: a failure must not print a secret)
    expect(secrets.length).toBe(8);
    // (the plans do hold them, so the check below can fail)
    expect(secrets.map((s) => planText.replace(/\\n/g, "").includes(s))).toEqual(secrets.map(() => true));
    expect(planText.includes(TEST_KEY_PASSWORD)).toBe(true);
    // when summarized
    const r = await hybrid(["summary", ...files], dir);
    // then no 8-character piece of any secret is in the Markdown, nor the key password
    expect(r.code).toBe(3);
    expect(leaksAnyPiece(r.stdout + r.stderr, secrets)).toBe(false);
    expect((r.stdout + r.stderr).includes(TEST_KEY_PASSWORD)).toBe(false);
    // and the identity provider's certificate (long base64) is not shown either
    const certBody = pemBody(readFileSync(join(dir, "certs", "acme", "cert.pem"), "utf8"), "CERTIFICATE", "cert.pem");
    expect(leaksAnyPiece(r.stdout, [certBody.slice(0, 200)])).toBe(false);
  }, 300_000);
});
