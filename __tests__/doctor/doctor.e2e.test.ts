/**
 * `hybrid doctor` against a tenant deployed once (beforeAll) by the real Terraform and providers
 * into the Genesys Cloud double. Each test breaks the org (through the API, as an administrator
 * would) or the tenant's local files the way the seed's troubleshooting list says deployments
 * break, runs the doctor, checks it names the broken check, exits 1 and prints no secret, and
 * restores what it broke. The two secret rotations, which cannot be undone, come last.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { runHybrid } from "../helpers/hybrid-cli";
import { createSelfSignedCertificate } from "../../core/certs/self-signed-certificate";
import { generateRsaKeyPair } from "../../core/certs/key-pair";
import { DEFAULT_TEST_AGENT } from "../../services/doctor";
import { URL_OVERRIDE_ENV } from "../../core/genesys/loopback";
import { Project } from "../../core/project";
import { userEnv } from "../../testing/user-env";
import { readTenantOutputs, secretValues } from "../../core/contract/tenant-outputs";
import { GenesysCloudDouble, GENERIC_PATH, OrgCredentials, PUREENGAGE_PATH, type PureEngageIdentityProvider } from "../../genesys-cloud-double";
import { describeRun, GenesysApiClient, runTerraform } from "../../testing/e2e";
import { type DoctorRun, marks } from "./check-marks";
import { synthTenantsAtFake, tenantTerraformEnv } from "../../testing/e2e/tenant-stacks-at-fake";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { pemBody } from "../../core/certs/pem";
import { tenantsYaml } from "../../testing/tenants-yaml";

const ORG = "7d1e3c5a-9b2f-4e6d-8a0c-2f4b6d8e0a1c";
const DAY = 86_400_000;
const YAML = tenantsYaml([{ name: "acme", orgId: ORG, extra: ["preventDestroy: false"] }]);
/** Every check, in the order the doctor prints them. */
const CHECK_IDS = [
  "outputs", "ewt-token", "identity-provider", "idp-auto-provision", "idp-enabled", "idp-issuer", "idp-certificate", "idp-trusts-pkey", "idp-retired-cert", "idp-unique-issuer",
  "signing-key", "certificate-expiry", "role-permissions", "saml2-bearer-exchange", "agent-provisioned",
];


describeWithGenesyscloud(__filename)("hybrid doctor against a deployed tenant", () => {
  let fake: GenesysCloudDouble;
  let creds: OrgCredentials;
  let api: GenesysApiClient;
  let dir: string;
  let certFile: string;
  let secrets: string[];
  let originalIdp: PureEngageIdentityProvider;
  let clockOffsetMs = 0;

  async function doctor(args: string[] = [], opts: { env?: Record<string, string>; tenant?: boolean } = {}): Promise<DoctorRun> {
    const r = await runHybrid(["doctor", ...(opts.tenant === false ? [] : ["--tenant", "acme"]), "--config", join(dir, "tenants.yaml"), ...args], {
      cwd: dir,
      env: { ...process.env, [URL_OVERRIDE_ENV]: fake.url, ...opts.env },
      now: () => new Date(Date.now() + clockOffsetMs),
    });
    // No run may print a secret (compared as a boolean, so a failure cannot print one either).
    const leaked = secrets.filter((s) => r.stdout.includes(s) || r.stderr.includes(s)).length;
    expect({ leakedSecrets: leaked }).toEqual({ leakedSecrets: 0 });
    return r;
  }

  /** Asserts the doctor failed (exit 1) on exactly the `failing` checks (others pass or were not run). */
  function expectFailed(r: DoctorRun, failing: string[]): void {
    const m = marks(r.stdout);
    expect({ code: r.code, failed: Object.keys(m).filter((id) => m[id] === "✖") }).toEqual({ code: 1, failed: failing });
    for (const id of failing) expect(r.stdout).toMatch(new RegExp(`✖ ${id} [^\\n]*\\n {6}fix: \\S`));
  }

  const putIdp = (body: Partial<PureEngageIdentityProvider>) => api.request("PUT", PUREENGAGE_PATH, { ...originalIdp, ...body });

  beforeAll(async () => {
    fake = await GenesysCloudDouble.start({ now: () => Date.now() + clockOffsetMs });
    creds = fake.addOrg({ id: ORG, shortName: "acme" });
    api = new GenesysApiClient(fake.url, creds);
    const fixture = tenantFixture({ yaml: YAML });
    dir = fixture.dir;
    certFile = join(dir, "certs", "acme", "cert.pem");
    const stackDir = join(await synthTenantsAtFake(dir, fake.url), "acme");
    const env = tenantTerraformEnv("acme", creds, TEST_KEY_PASSWORD);
    for (const args of [["init"], ["apply", "-auto-approve"]]) {
      const r = await runTerraform(stackDir, args, { env, redact: [creds.adminClientSecret, TEST_KEY_PASSWORD], timeoutMs: 240_000 });
      expect({ code: r.code, run: r.code === 0 ? "" : describeRun(r) }).toEqual({ code: 0, run: "" });
    }
    const outputs = await readTenantOutputs("acme", { project: Project.require(dir, "the test"), env: userEnv() });
    secrets = [
      creds.adminClientSecret,
      TEST_KEY_PASSWORD,
      ...secretValues(outputs),
      ...readFileSync(join(dir, "certs", "acme", "key.pem"), "utf8").split("\n").filter((l) => l.length > 40),
    ];
    originalIdp = fake.identityProvider(ORG)!;
  }, 300_000);

  afterAll(async () => {
    await fake?.stop();
  });

  test("a healthy tenant passes every check, the test agent's login included; exit 0", async () => {
    // given the tenant as deployed
    // when the doctor runs
    const r = await doctor();

    // then every check passes, one line each, and the exit code is 0
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(marks(r.stdout)).toEqual(Object.fromEntries(CHECK_IDS.map((id) => [id, "✔"])));
    // and the requests went to the double, where the test agent now exists with the employee role
    expect(r.stdout).toContain(`HYBRID_GENESYS_URL_OVERRIDE: requests go to ${fake.url}`);
    const agent = fake.users(ORG).find((u) => u.email === `${DEFAULT_TEST_AGENT}@acme.com`);
    expect(agent?.roleIds).toEqual([fake.role(ORG, "employee")!.id]);
    expect(fake.unknownRequests).toEqual([]);
  });

  test("--all --json prints one JSON document with every check passed", async () => {
    const r = await doctor(["--all", "--json"], { tenant: false });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.tenants.map((t: { tenant: string }) => t.tenant)).toEqual(["acme"]);
    expect(doc.tenants[0].checks.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual(CHECK_IDS.map((id) => [id, "pass"]));
  });

  test("autoProvisionUsers off: a new agent cannot log in", async () => {
    // given an administrator switched auto-provisioning off
    expect((await putIdp({ autoProvisionUsers: false })).status).toBe(200);
    try {
      // when the doctor tries an agent who never logged in
      const r = await doctor(["--agent", "first-time-agent"]);
      // then it names the setting and the failed exchange
      expectFailed(r, ["idp-auto-provision", "saml2-bearer-exchange"]);
      expect(r.stdout).toContain("autoProvisionUsers false, want true");
      expect(r.stdout).toMatch(/invalid_grant: User first-time-agent@acme\.com does not exist/);
    } finally {
      await putIdp({});
    }
  });

  test("an issuer one character off saml/issuer", async () => {
    // given issuerURI retyped with its last character wrong
    expect((await putIdp({ issuerURI: originalIdp.issuerURI.slice(0, -1) + "X" })).status).toBe(200);
    try {
      const r = await doctor();
      expectFailed(r, ["idp-issuer", "saml2-bearer-exchange"]);
      expect(r.stdout).toContain(`differ from character ${originalIdp.issuerURI.length} on`);
    } finally {
      await putIdp({});
    }
  });

  test("two identity providers with the same issuer", async () => {
    // given a Generic SSO provider set up with the PureEngage issuer
    const dup = await api.request("PUT", GENERIC_PATH, { name: "Copy of Genesys Engage", issuerURI: originalIdp.issuerURI, certificate: originalIdp.certificate });
    expect(dup.status).toBe(200);
    try {
      const r = await doctor();
      expectFailed(r, ["idp-unique-issuer", "saml2-bearer-exchange"]);
      expect(r.stdout).toContain('generic ("Copy of Genesys Engage") also has issuer');
    } finally {
      expect((await api.request("DELETE", GENERIC_PATH)).status).toBe(200);
    }
  });

  test("the identity provider's certificate does not match the key on premises", async () => {
    // given an administrator pasted another certificate into the identity provider
    const otherPem = createSelfSignedCertificate({ keys: generateRsaKeyPair(2048), subject: { commonName: "other", organization: "other" }, days: 30, now: new Date() });
    const other = pemBody(otherPem, "CERTIFICATE", "other certificate");
    expect((await putIdp({ certificate: other, certificates: [other] })).status).toBe(200);
    try {
      const r = await doctor();
      // then it holds what was not declared, no longer trusts the key of saml/pkey, and the exchange fails
      expectFailed(r, ["idp-certificate", "idp-trusts-pkey", "saml2-bearer-exchange"]);
      expect(r.stdout).toMatch(/✔ idp-retired-cert .*WARNING: it still trusts sha256 [0-9A-F:]+…, which the tenants file does not declare/);
      expect(r.stdout).toMatch(/invalid_grant: The assertion's signature does not verify/);
    } finally {
      await putIdp({});
    }
  });

  test("a disabled identity provider", async () => {
    expect((await putIdp({ disabled: true })).status).toBe(200);
    try {
      expectFailed(await doctor(), ["idp-enabled", "saml2-bearer-exchange"]);
    } finally {
      await putIdp({});
    }
  });

  test("a deleted identity provider", async () => {
    expect((await api.request("DELETE", PUREENGAGE_PATH)).status).toBe(200);
    try {
      const r = await doctor();
      expectFailed(r, ["identity-provider", "saml2-bearer-exchange"]);
      expect(r.stdout).toContain("npx cdktf deploy acme creates it again");
    } finally {
      await putIdp({});
    }
  });

  test("the employee role lost a Journey permission", async () => {
    // given an administrator removed journey:session:view from the employee role
    const employee = fake.role(ORG, "employee")!;
    const without = employee.permissionPolicies.filter((p) => !(p.domain === "journey" && p.entityName === "session"));
    expect(without.length).toBe(employee.permissionPolicies.length - 1);
    const body = { name: employee.name, description: employee.description, defaultRoleId: employee.defaultRoleId };
    expect((await api.request("PUT", `/api/v2/authorization/roles/${employee.id}`, { ...body, permissionPolicies: without })).status).toBe(200);
    try {
      const r = await doctor();
      expectFailed(r, ["role-permissions"]);
      expect(r.stdout).toContain("employee lacks journey:session:view (of 6)");
    } finally {
      await api.request("PUT", `/api/v2/authorization/roles/${employee.id}`, { ...body, permissionPolicies: employee.permissionPolicies });
    }
  });

  test("the pacing client's token lifetime is not the configured one", async () => {
    // given an administrator changed the ewt client's token duration in the org
    const pacing = fake.oauthClients(ORG).find((c) => c.name === "PureEngage Client Credentials")!;
    const body = { name: pacing.name, description: pacing.description, authorizedGrantType: pacing.authorizedGrantType, roleDivisions: pacing.roleDivisions, state: pacing.state };
    expect((await api.request("PUT", `/api/v2/oauth/clients/${pacing.id}`, { ...body, accessTokenValiditySeconds: 3600 })).status).toBe(200);
    try {
      const r = await doctor();
      expectFailed(r, ["ewt-token"]);
      expect(r.stdout).toContain("expires_in 3600 s vs pacingClient.accessTokenValiditySeconds 86400 s");
    } finally {
      await api.request("PUT", `/api/v2/oauth/clients/${pacing.id}`, { ...body, accessTokenValiditySeconds: pacing.accessTokenValiditySeconds });
    }
  });

  test("the test agent lost the employee role", async () => {
    // given an administrator removed every role from the (already provisioned) test agent
    const agent = fake.users(ORG).find((u) => u.email === `${DEFAULT_TEST_AGENT}@acme.com`)!;
    expect((await api.request("PUT", `/api/v2/users/${agent.id}/roles`, [])).status).toBe(200);
    try {
      const r = await doctor();
      expectFailed(r, ["agent-provisioned"]);
      expect(r.stdout).toContain("holds no role; want employee");
    } finally {
      await api.request("PUT", `/api/v2/users/${agent.id}/roles`, agent.roleIds);
    }
  });

  test("cert.pem replaced on disk by a certificate of another key", async () => {
    // given the tenant's cert.pem overwritten with an unrelated certificate
    const original = readFileSync(certFile, "utf8");
    writeFileSync(certFile, createSelfSignedCertificate({ keys: generateRsaKeyPair(2048), subject: { commonName: "x", organization: "x" }, days: 90, now: new Date() }));
    try {
      const r = await doctor();
      // then the key no longer matches it, nor does the identity provider (the exchange, signed with the deployed key, still works)
      expectFailed(r, ["idp-certificate", "signing-key"]);
      expect(r.stdout).toMatch(/matches saml\/certificate \([^)]*\) and does NOT match /);
    } finally {
      writeFileSync(certFile, original);
    }
  });

  test("a certificate that expires within 30 days is a warning (exit 0); an expired one fails", async () => {
    // given the clock (the doctor's and the double's) 355 days on: the 365-day certificate has 10 days left
    clockOffsetMs = 355 * DAY;
    try {
      const warned = await doctor();
      expect(warned.code).toBe(0);
      expect(marks(warned.stdout)["certificate-expiry"]).toBe("✔");
      expect(warned.stdout).toMatch(/certificate-expiry .*WARNING: .*: (9|10) days left\n {6}fix: roll the key over: `hybrid certs rotate --tenant acme --next`/);
      // and 400 days on it has expired
      clockOffsetMs = 400 * DAY;
      const expired = await doctor();
      expectFailed(expired, ["certificate-expiry"]);
      expect(expired.stdout).toMatch(/fix: agents cannot log in with it: rotate it now, `hybrid certs rotate --tenant acme`/);
    } finally {
      clockOffsetMs = 0;
      // Tokens issued before the jump expired in the double's eyes (and were purged): log in again.
      api = new GenesysApiClient(fake.url, creds);
    }
  });

  test("usage errors exit 2 before anything is contacted", async () => {
    const before = fake.requests.length;
    const cases: [string[], Record<string, string>, RegExp][] = [
      [["--tenant", "nosuch"], {}, /tenant nosuch is not in the tenants file/],
      [["--agent", "not an agent"], {}, /--agent "not an agent" cannot start an e-mail address/],
      [[], { [URL_OVERRIDE_ENV]: "https://login.mypurecloud.ie" }, /HYBRID_GENESYS_URL_OVERRIDE="https:\/\/login\.mypurecloud\.ie" is refused: it may only name a loopback origin/],
      [["--all"], {}, /error: option '--tenant <name>' cannot be used with option '--all'/],
    ];
    for (const [args, env, message] of cases) {
      const r = await doctor(args, { env });
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: "", stderr: expect.stringMatching(message) });
    }
    const missing = await doctor([], { tenant: false });
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/name the tenant to check with --tenant <name>, or .* --all/) });
    expect(fake.requests.length).toBe(before);
  });

  test("a rotated saml_auth secret (the transaction object's saml_auth/password is stale)", async () => {
    // given the SAML2 Bearer client's secret regenerated behind Terraform's back
    const saml2 = fake.oauthClients(ORG).find((c) => c.authorizedGrantType === "SAML2-BEARER")!;
    const rotated = await api.request("POST", `/api/v2/oauth/clients/${saml2.id}/secret`);
    expect(rotated.status).toBe(200);
    secrets.push((rotated.body as { secret: string }).secret);
    const r = await doctor();
    expectFailed(r, ["saml2-bearer-exchange"]);
    expect(r.stdout).toMatch(/401 invalid_client/);
    expect(r.stdout).toContain("apply -replace=genesyscloud_oauth_client.saml2-bearer-client");
  });

  test("a rotated ewt secret (a wrong client secret in the transaction object)", async () => {
    // given the pacing client's secret regenerated: the outputs' ewt/password is wrong now
    const pacing = fake.oauthClients(ORG).find((c) => c.name === "PureEngage Client Credentials")!;
    const rotated = await api.request("POST", `/api/v2/oauth/clients/${pacing.id}/secret`);
    expect(rotated.status).toBe(200);
    secrets.push((rotated.body as { secret: string }).secret);
    const r = await doctor();
    // then the token check fails, and the API checks that need its token are not run
    expectFailed(r, ["ewt-token", "saml2-bearer-exchange"]);
    expect(r.stdout).toMatch(/✖ ewt-token .*401 invalid_client/);
    expect(marks(r.stdout)["identity-provider"]).toBe("-");
    expect(marks(r.stdout)["role-permissions"]).toBe("-");
  });
});
