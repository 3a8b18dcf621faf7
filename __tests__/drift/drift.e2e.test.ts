/**
 * `hybrid drift` through the installed CLI against tenants deployed by the real Terraform and
 * providers into the Genesys Cloud double (as a sourced sandbox.env has it). Administrators then
 * edit three orgs through the API, as in the Genesys Cloud UI: a client's token duration, a
 * Journey permission removed from `employee`, the identity provider's issuer. The report must
 * name exactly those tenants and fields, exit 3, and report the others clean; a tenant that
 * cannot be checked fails alone (exit 1); no secret is printed.
 */
import { randomBytes } from "crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { tenantVariableNames } from "../../core/contract/tenant-variables";
import { createCertSet, defaultSubject } from "../../core/certs";
import { GenesysCloudDouble, PUREENGAGE_PATH } from "../../genesys-cloud-double";
import { doubleSandboxShell } from "../../testing/double-sandbox";
import { GenesysApiClient, runTerraform, describeRun } from "../../testing/e2e";
import { tenantFixture } from "../../testing/tenant-fixture";
import { tenantsYaml } from "../../testing/tenants-yaml";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { runInstalledChecked, shellSecrets } from "../helpers/leak-checks";

const TENANTS = ["d-token", "d-role", "d-issuer", "d-clean"].map((name, i) => ({ name, orgId: `4a1b2c3d-0000-4000-8000-00000000000${i}`, keyPassword: randomBytes(12).toString("base64url") }));

interface DriftDoc {
  ok: boolean;
  counts: { clean: number; drifted: number; failed: number };
  tenants: { tenant: string; status: string; drifts: { resource: string; field: string; declared: string; found: string; seenBy: string }[]; error?: string }[];
}

describeWithGenesyscloud(__filename)("hybrid drift, after hand edits through the API", () => {
  let fake: GenesysCloudDouble;
  let dir: string;
  let shell: Record<string, string>;
  const hybrid = (args: string[]) => runInstalledChecked(args, { cwd: dir, env: shell, secrets: [...TENANTS.map((t) => t.keyPassword), ...shellSecrets(shell)] });

  beforeAll(async () => {
    // given four tenants deployed into the sandbox: planned by hybrid plan, each saved plan applied
    fake = await GenesysCloudDouble.start();
    dir = tenantFixture({ yaml: tenantsYaml(TENANTS.map((t) => ({ name: t.name, orgId: t.orgId }))) }).dir;
    // every tenant its own key password, as a real fleet has them
    for (const t of TENANTS) {
      createCertSet(join(dir, "certs", t.name), { subject: defaultSubject(t.name), days: 365, keyBits: 2048, format: "traditional", password: t.keyPassword, now: new Date(), force: true });
    }
    shell = doubleSandboxShell(fake, dir, TENANTS);
    const plan = await hybrid(["plan", "--all", "--out", "plans"]);
    expect({ code: plan.code, stderr: plan.stderr }).toEqual({ code: 0, stderr: "" });
    for (const t of TENANTS) {
      const r = await runTerraform(join(dir, "cdktf.out", "stacks", t.name), ["apply", join(dir, "plans", `${t.name}.tfplan`)], { env: shell, timeoutMs: 300_000 });
      expect({ tenant: t.name, code: r.code, run: r.code === 0 ? "" : describeRun(r) }).toEqual({ tenant: t.name, code: 0, run: "" });
    }
    rmSync(join(dir, "plans"), { recursive: true });
  }, 900_000);

  afterAll(async () => {
    await fake?.stop();
  });

  test("right after the deploy, every tenant is clean: exit 0", async () => {
    const r = await hybrid(["drift", "--all"]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    for (const t of TENANTS) expect(r.stdout).toMatch(new RegExp(`^${t.name}: clean$`, "m"));
    expect(r.stdout).toMatch(/^drift: 4 tenants checked: 4 clean, 0 drifted, 0 not checked$/m);
  }, 900_000);

  test("three hand edits: exactly those tenants and fields, declared against found; the fourth tenant clean; exit 3", async () => {
    // given an administrator changed the token duration of d-token's pacing client
    const api = (name: string) => {
      const names = tenantVariableNames(name);
      return new GenesysApiClient(fake.url, { adminClientId: shell[`TF_VAR_${names.adminClientId}`], adminClientSecret: shell[`TF_VAR_${names.adminClientSecret}`] });
    };
    const org = (name: string) => TENANTS.find((t) => t.name === name)!.orgId;
    const pacing = fake.oauthClients(org("d-token")).find((c) => c.name === "PureEngage Client Credentials")!;
    const body = { name: pacing.name, description: pacing.description, authorizedGrantType: pacing.authorizedGrantType, roleDivisions: pacing.roleDivisions, state: pacing.state };
    expect((await api("d-token").request("PUT", `/api/v2/oauth/clients/${pacing.id}`, { ...body, accessTokenValiditySeconds: 3600 })).status).toBe(200);
    // and removed journey:session:view from d-role's employee role
    const employee = fake.role(org("d-role"), "employee")!;
    const without = employee.permissionPolicies.filter((p) => !(p.domain === "journey" && p.entityName === "session"));
    const role = { name: employee.name, description: employee.description, defaultRoleId: employee.defaultRoleId, permissionPolicies: without };
    expect((await api("d-role").request("PUT", `/api/v2/authorization/roles/${employee.id}`, role)).status).toBe(200);
    // and retyped d-issuer's identity provider issuer
    const idp = fake.identityProvider(org("d-issuer"))!;
    expect((await api("d-issuer").request("PUT", PUREENGAGE_PATH, { ...idp, issuerURI: "https://engage.d-issuer.example/typo" })).status).toBe(200);

    // when drift is checked, as JSON and as Markdown
    const markdown = join(mkdtempSync(join(tmpdir(), "drift-md-")), "drift.md");
    const r = await hybrid(["drift", "--all", "--json", "--markdown", markdown]);

    // then it exits 3, and names exactly those tenants and fields
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/hybrid: drift: 4 tenants checked: 1 clean, 3 drifted \(d-issuer, d-role, d-token\), 0 not checked/);
    const doc = JSON.parse(r.stdout) as DriftDoc;
    expect(doc.counts).toEqual({ clean: 1, drifted: 3, failed: 0 });
    const found = Object.fromEntries(doc.tenants.map((t) => [t.tenant, [t.status, t.drifts.map((d) => [d.resource, d.field, d.declared, d.found, d.seenBy])]]));
    expect(found).toEqual({
      "d-clean": ["clean", []],
      "d-issuer": [
        "drifted",
        [["restapi_object.pureengage-idp", "data.issuerURI", '"https://engage.d-issuer.example/pureengage"', '"https://engage.d-issuer.example/typo"', "API"]],
      ],
      "d-role": ["drifted", [["restapi_object.journey-role-grant", "role employee: journey:session:view", "granted", "missing", "API"]]],
      "d-token": ["drifted", [["genesyscloud_oauth_client.pacing-client", "access_token_validity_seconds", "86400", "3600", "refresh-only plan"]]],
    });
    // and the Markdown report has one row per drift and the clean tenant
    const md = readFileSync(markdown, "utf8");
    expect(md).toMatch(/^### Drift: 4 tenants, 3 drifted, 0 not checked, 1 clean$/m);
    expect(md).toMatch(/^\| d-token \| `genesyscloud_oauth_client\.pacing-client` \| `access_token_validity_seconds` \| 86400 \| 3600 \| refresh-only plan \|$/m);
    expect(md).toContain("d-clean");

    // and the plain report says the same per tenant, with progress per tenant
    const text = await hybrid(["drift", "--all"]);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/^d-token: DRIFTED\n {2}genesyscloud_oauth_client\.pacing-client access_token_validity_seconds: declared 86400, found 3600 \(refresh-only plan\)$/m);
    expect(text.stdout).toMatch(/^d-clean: clean$/m);
    expect(text.stdout).toMatch(/^d-role: refresh-only plan$/m);
    expect(text.stdout).toMatch(/^\[\d\/4\] d-role: drifted \(1 field\) \(\d+\.\d s\)$/m);
  }, 900_000);

  test("a tenant that cannot be checked (its key is missing) fails alone: the others are reported, exit 1", async () => {
    // given d-clean's encrypted key is gone
    const key = join(dir, "certs", "d-clean", "key.pem.enc.b64");
    const saved = readFileSync(key);
    rmSync(key);
    try {
      // when two tenants are checked
      const r = await hybrid(["drift", "--tenant", "d-clean", "--tenant", "d-token"]);
      // then d-clean is not checked, saying why, d-token is still reported, and the exit code is 1
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^d-clean: NOT CHECKED: tenant d-clean: .*key\.pem\.enc\.b64, which its stack reads at plan time .*cannot be read: not found; .*hybrid certs create --tenant d-clean/m);
      expect(r.stdout).toMatch(/^d-token: DRIFTED$/m);
      expect(r.stderr).toMatch(/hybrid: drift: 2 tenants checked: 0 clean, 1 drifted \(d-token\), 1 not checked \(d-clean\)/);
    } finally {
      writeFileSync(key, saved);
    }
  }, 900_000);

  test("usage errors exit 2 with one line; --dry-run lists the shard's tenants and checks nothing", async () => {
    const cases = await Promise.all([hybrid(["drift"]), hybrid(["drift", "--tenant", "nobody"]), hybrid(["drift", "--all", "--parallel", "0"])]);
    expect(cases.map((c) => c.code)).toEqual([2, 2, 2]);
    expect(cases[0].stderr).toMatch(/^hybrid: name the tenant to check with --tenant <name>, or check every tenant with --all\n$/);
    expect(cases[1].stderr).toMatch(/^hybrid: tenant nobody is not in the tenants file tenants\.yaml \(its tenants: d-clean, d-issuer, d-role, d-token\)/);
    expect(cases[2].stderr).toMatch(/--parallel 0: give a whole number from 1 to 64/);
    const dry = await hybrid(["drift", "--all", "--shard", "2/2", "--dry-run", "--markdown", "drift.md"]);
    expect({ code: dry.code, stdout: dry.stdout }).toEqual({ code: 0, stdout: "d-issuer\nd-token\n" });
    expect(existsSync(join(dir, "drift.md"))).toBe(false);
  }, 300_000);
});
