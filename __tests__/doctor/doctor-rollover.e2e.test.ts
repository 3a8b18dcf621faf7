/**
 * `hybrid doctor` during a SAML key rollover, against tenants deployed by the real Terraform and
 * providers into the Genesys Cloud double: every certificate the identity provider trusts is tried
 * with its own key through the SAML2 Bearer exchange when that key is at hand (the next key at
 * publish, before anyone switches), a retired key must be refused, the key the outputs carry must be
 * trusted, and an org that does not honour the certificates list is named as such, with the hard cut
 * as the way out.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { createCertSet, defaultSubject } from "../../core/certs";
import { readTenantOutputs, secretValues } from "../../core/contract/tenant-outputs";
import { URL_OVERRIDE_ENV } from "../../core/genesys/loopback";
import { Project } from "../../core/project";
import { GenesysCloudDouble, OrgCredentials, PUREENGAGE_PATH } from "../../genesys-cloud-double";
import { describeRun, GenesysApiClient, runTerraform } from "../../testing/e2e";
import { type DoctorRun, marks } from "./check-marks";
import { synthTenantsAtFake, tenantTerraformEnv } from "../../testing/e2e/tenant-stacks-at-fake";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { tenantsYaml, type YamlTenant } from "../../testing/tenants-yaml";
import { userEnv } from "../../testing/user-env";
import { runHybrid } from "../helpers/hybrid-cli";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { pemBody } from "../../core/certs/pem";

const NEXT_PASSWORD = "test-only-next-key-password";
const ACME: YamlTenant = { name: "acme", orgId: "5e1c7a3b-2d4f-4b6a-9c8e-1f3a5b7c9d0e", extra: ["preventDestroy: false"] };
/** An org that stores the identity provider's certificates list without honouring it. */
const UMBRELLA: YamlTenant = { name: "umbrella", orgId: "6f2d8b4c-3e5a-4c7b-8d9f-2a4b6c8d0e1f", extra: ["preventDestroy: false"] };


const failed = (r: DoctorRun) => Object.entries(marks(r.stdout)).filter(([, m]) => m === "✖").map(([id]) => id);

describeWithGenesyscloud(__filename)("hybrid doctor during a key rollover", () => {
  let fake: GenesysCloudDouble;
  const creds: Record<string, OrgCredentials> = {};
  let dir: string;
  let secrets: string[] = [];
  const stages: Record<string, string | undefined> = {};

  async function deploy(): Promise<void> {
    writeFileSync(join(dir, "tenants.yaml"), tenantsYaml([ACME, UMBRELLA].map((t) => ({ ...t, rollover: stages[t.name] ? { certificate: `certs/${t.name}/next/cert.pem`, stage: stages[t.name]! } : undefined }))));
    const stacks = await synthTenantsAtFake(dir, fake.url);
    for (const t of [ACME, UMBRELLA]) {
      const env = { ...tenantTerraformEnv(t.name, creds[t.name], TEST_KEY_PASSWORD), [`TF_VAR_${t.name}_saml_next_key_password`]: NEXT_PASSWORD };
      for (const args of [["init"], ["apply", "-auto-approve"]]) {
        const r = await runTerraform(join(stacks, t.name), args, { env, redact: [...Object.values(env), ...secrets], timeoutMs: 240_000 });
        expect({ code: r.code, run: r.code === 0 ? "" : describeRun(r) }).toEqual({ code: 0, run: "" });
      }
      secrets.push(...secretValues(await readTenantOutputs(t.name, { project: Project.require(dir, "the test"), env: userEnv() })));
    }
  }

  /** The doctor of one tenant, with the next key's password as a deploy has it unless `env` says otherwise. */
  async function doctor(tenant: string, env: Record<string, string> = { TF_VAR_acme_saml_next_key_password: NEXT_PASSWORD, TF_VAR_umbrella_saml_next_key_password: NEXT_PASSWORD }): Promise<DoctorRun> {
    const r = await runHybrid(["doctor", "--tenant", tenant, "--config", join(dir, "tenants.yaml")], { cwd: dir, env: { ...process.env, [URL_OVERRIDE_ENV]: fake.url, ...env } });
    expect({ leakedSecrets: [...secrets, NEXT_PASSWORD, TEST_KEY_PASSWORD].filter((s) => r.stdout.includes(s) || r.stderr.includes(s)).length }).toEqual({ leakedSecrets: 0 });
    return r;
  }

  beforeAll(async () => {
    fake = await GenesysCloudDouble.start();
    creds.acme = fake.addOrg({ id: ACME.orgId, shortName: "acme" });
    creds.umbrella = fake.addOrg({ id: UMBRELLA.orgId, shortName: "umbrella", samlCertificates: "certificate-only" });
    dir = tenantFixture({ yaml: tenantsYaml([ACME, UMBRELLA]) }).dir;
    for (const t of [ACME, UMBRELLA]) {
      createCertSet(join(dir, "certs", t.name, "next"), { subject: defaultSubject(t.name), days: 730, keyBits: 2048, format: "traditional", password: NEXT_PASSWORD, now: new Date(), force: false });
    }
    await deploy();
  }, 300_000);

  afterAll(async () => {
    await fake?.stop();
  });

  test("publish: the identity provider trusts both keys, and the next one gets a token with a signed assertion before anyone switches", async () => {
    // given acme deployed at the publish stage
    stages.acme = "publish";
    await deploy();
    // when the doctor runs
    const r = await doctor("acme");
    // then every check passes, the next key's exchange and the stage among them
    expect({ code: r.code, failed: failed(r) }).toEqual({ code: 0, failed: [] });
    expect(marks(r.stdout)).toEqual(expect.objectContaining({ "rollover-stage": "✔", "idp-certificate": "✔", "idp-trusts-pkey": "✔", "idp-retired-cert": "✔", "saml2-bearer-exchange": "✔", "exchange-next-key": "✔" }));
    expect(r.stdout).toMatch(/exchange-next-key .*signed with .*certs\/acme\/next\/cert\.pem's key; .*: 200, access token/);
    expect(r.stdout).toMatch(/idp-certificate .*the tenants file declares \(key rollover stage publish\)/);
  });

  test("publish, the next key not at hand (no key.pem, no password variable): its exchange is not run, which fails nothing", async () => {
    const keyPem = join(dir, "certs", "acme", "next", "key.pem");
    renameSync(keyPem, `${keyPem}.away`);
    try {
      const r = await doctor("acme", {});
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/- exchange-next-key .*not checked: its key is not at hand: neither .*next\/key\.pem nor .*next\/key\.pem\.enc with TF_VAR_acme_saml_next_key_password set/);
    } finally {
      renameSync(`${keyPem}.away`, keyPem);
    }
  });

  test("publish in an org that stores the certificates list without honouring it: the doctor fails the next key's exchange and says not to switch", async () => {
    stages.umbrella = "publish";
    await deploy();
    const r = await doctor("umbrella");
    expect({ code: r.code, failed: failed(r) }).toEqual({ code: 1, failed: ["exchange-next-key"] });
    expect(r.stdout).toMatch(/fix: Genesys Cloud lists the next certificate but refused its key: this org does not honour the identity provider's certificates list for PureEngage.*Do not switch: remove saml\.rollover and deploy, then rotate with the hard cut \(docs\/certs\.md, "The hard cut"\)/);
  });

  test("publish in an org that drops the list: idp-certificate names it and gives the hard cut as the way out", async () => {
    // given the org's identity provider as an org that keeps `certificate` alone would answer
    const api = new GenesysApiClient(fake.url, creds.acme);
    const held = fake.identityProvider(ACME.orgId)!;
    const { certificates: _dropped, id: _id, selfUri: _self, ...rest } = held;
    expect((await api.request("PUT", PUREENGAGE_PATH, rest)).status).toBe(200);
    try {
      const r = await doctor("acme");
      expect(failed(r)).toEqual(["idp-certificate", "exchange-next-key"]);
      expect(r.stdout).toMatch(/idp-certificate .*: the org answered no certificates list\n {6}fix: .*this org does not keep the identity provider's certificates list for PureEngage, so no key rollover without downtime there.*"The hard cut"/);
    } finally {
      await api.request("PUT", PUREENGAGE_PATH, held);
    }
  });

  test("publish in an org that answers the list without `certificate` (as the provider reads its other SAML providers): still a pass", async () => {
    const api = new GenesysApiClient(fake.url, creds.acme);
    const held = fake.identityProvider(ACME.orgId)!;
    const { certificate: _main, id: _id, selfUri: _self, ...rest } = held;
    expect((await api.request("PUT", PUREENGAGE_PATH, rest)).status).toBe(200);
    try {
      const r = await doctor("acme");
      expect({ code: r.code, failed: failed(r) }).toEqual({ code: 0, failed: [] });
      expect(r.stdout).toMatch(/✔ idp-certificate .*identity provider certificate unset, trusts sha256/);
    } finally {
      await api.request("PUT", PUREENGAGE_PATH, held);
    }
  });

  test("the tenants file at switch, the org still at publish: the stage check says to deploy", async () => {
    stages.acme = "switch";
    writeFileSync(join(dir, "tenants.yaml"), tenantsYaml([{ ...ACME, rollover: { certificate: "certs/acme/next/cert.pem", stage: "switch" } }, UMBRELLA]));
    const r = await doctor("acme");
    expect(failed(r)).toEqual(expect.arrayContaining(["rollover-stage", "idp-certificate"]));
    expect(r.stdout).toMatch(/✖ rollover-stage .*saml_rollover_stage publish, tenants file saml\.rollover\.stage switch\n {6}fix: each stage is one deploy: npx cdktf deploy acme/);
  });

  test("switch: the outputs carry the next key, and the current key still gets a token", async () => {
    stages.acme = "switch";
    await deploy();
    const r = await doctor("acme");
    expect({ code: r.code, failed: failed(r) }).toEqual({ code: 0, failed: [] });
    expect(r.stdout).toMatch(/signing-key .*matches saml\/certificate .* and matches .*certs\/acme\/next\/cert\.pem/);
    expect(r.stdout).toMatch(/exchange-current-key .*signed with .*certs\/acme\/cert\.pem's key; .*: 200, access token/);
  });

  test("retire: the retired key is refused; should the identity provider still trust it, the doctor warns (exit 0)", async () => {
    stages.acme = "retire";
    await deploy();
    const r = await doctor("acme");
    expect({ code: r.code, failed: failed(r) }).toEqual({ code: 0, failed: [] });
    expect(r.stdout).toMatch(/✔ retired-key-refused .*signed with .*certs\/acme\/cert\.pem's key; .*: refused \(400 invalid_grant/);
    // given the retired certificate back in the list (an update that did not take)
    const api = new GenesysApiClient(fake.url, creds.acme);
    const held = fake.identityProvider(ACME.orgId)!;
    const stale = { ...held, certificates: [...(held.certificates ?? []), pemOf(dir)] };
    expect((await api.request("PUT", PUREENGAGE_PATH, stale)).status).toBe(200);
    try {
      const warned = await doctor("acme");
      expect(warned.code).toBe(0);
      expect(warned.stdout).toMatch(/✔ idp-retired-cert .*WARNING: it still trusts sha256 [0-9A-F:]+… \(.*certs\/acme\/cert\.pem\), which the tenants file does not declare at the retire stage/);
      expect(warned.stdout).toMatch(/✔ retired-key-refused .*WARNING: .*200, access token: the retired key still logs agents in\n {6}fix: npx cdktf deploy acme deploys the retire stage/);
    } finally {
      await api.request("PUT", PUREENGAGE_PATH, held);
    }
  });

  test("the key the outputs carry is not trusted: idp-trusts-pkey fails", async () => {
    // given the identity provider trusting only the retired (current) certificate while the outputs carry the next key
    const api = new GenesysApiClient(fake.url, creds.acme);
    const held = fake.identityProvider(ACME.orgId)!;
    expect((await api.request("PUT", PUREENGAGE_PATH, { ...held, certificate: pemOf(dir), certificates: [pemOf(dir)] })).status).toBe(200);
    try {
      const r = await doctor("acme");
      expect(failed(r)).toEqual(expect.arrayContaining(["idp-certificate", "idp-trusts-pkey", "saml2-bearer-exchange"]));
      expect(r.stdout).toMatch(/✖ idp-trusts-pkey .*saml\/certificate sha256 [0-9A-F:]+… \(.*certs\/acme\/next\/cert\.pem\) is not among those it trusts/);
    } finally {
      await api.request("PUT", PUREENGAGE_PATH, held);
    }
  });

  test("afterwards, the next set moved into place and rollover removed: no retired key to try, and until a deploy records it the stage check says so", async () => {
    const acme = join(dir, "certs", "acme");
    mkdirSync(join(acme, "previous", "retired"), { recursive: true });
    for (const f of ["cert.pem", "key.pem", "key.pem.enc", "cert.pem.b64", "key.pem.enc.b64"]) {
      renameSync(join(acme, f), join(acme, "previous", "retired", f));
      renameSync(join(acme, "next", f), join(acme, f));
    }
    rmSync(join(acme, "next"), { recursive: true });
    stages.acme = undefined;
    writeFileSync(join(dir, "tenants.yaml"), tenantsYaml([ACME, UMBRELLA]));
    // (not deployed again: the outputs still say retire, which the stage check names)
    const r = await doctor("acme", { TF_VAR_acme_saml_key_password: NEXT_PASSWORD });
    expect(failed(r)).toEqual(["rollover-stage"]);
    expect(marks(r.stdout)).not.toHaveProperty("retired-key-refused");
  });
});

/** The body of acme's current (first) cert.pem, as the identity provider holds it. */
function pemOf(dir: string): string {
  return pemBody(readFileSync(join(dir, "certs", "acme", "cert.pem"), "utf8"), "CERTIFICATE", "acme's cert.pem");
}
