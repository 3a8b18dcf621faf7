/**
 * `hybrid certs status`: the fleet's signing certificates from the tenants file and the certificate
 * files alone, most urgent first, the declared rollover stage, warnings at 60, 30 and 7 days and
 * exit 3 under 7; `--live` reads each org's identity provider (the Genesys Cloud double here) and
 * names what it trusts that the tenants file does not declare.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateRsaKeyPair } from "../../core/certs/key-pair";
import { createSelfSignedCertificate } from "../../core/certs/self-signed-certificate";
import { URL_OVERRIDE_ENV } from "../../core/genesys/loopback";
import { GenesysCloudDouble, PUREENGAGE_PATH } from "../../genesys-cloud-double";
import { GenesysApiClient } from "../../testing/e2e";
import { tenantsYaml, type YamlTenant } from "../../testing/tenants-yaml";
import { makeUserProject } from "../../testing/user-project";
import { runHybrid } from "../helpers/hybrid-cli";
import { pemBody } from "../../core/certs/pem";

const DAY = 86_400_000;
const KEYS = generateRsaKeyPair(2048);
const orgId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

/** A project whose tenants have certificates valid `days` more days; `rollover` adds a next one. */
function project(tenants: readonly { name: string; days: number; rollover?: { stage: string; days: number } }[]): string {
  const dir = mkdtempSync(join(tmpdir(), "certs-status-"));
  makeUserProject(dir);
  const write = (file: string, days: number) => {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    // valid from 10 days ago, so that `days` is what is left
    writeFileSync(join(dir, file), createSelfSignedCertificate({ keys: KEYS, subject: { commonName: file, organization: "t" }, days: days + 10, now: new Date(Date.now() - 10 * DAY) }));
  };
  const yaml: YamlTenant[] = tenants.map((t, i) => {
    write(`certs/${t.name}/cert.pem`, t.days);
    if (t.rollover) write(`certs/${t.name}/next/cert.pem`, t.rollover.days);
    return { name: t.name, orgId: orgId(i), rollover: t.rollover && { certificate: `certs/${t.name}/next/cert.pem`, stage: t.rollover.stage } };
  });
  writeFileSync(join(dir, "tenants.yaml"), tenantsYaml(yaml));
  return dir;
}

const status = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) => runHybrid(["certs", "status", ...args], { cwd: dir, env });

describe("hybrid certs status", () => {
  test("one row per tenant, most urgent first, with its stage, expiry and days left; warnings at 60 and 30 days; exit 0", async () => {
    // given tenants with 400, 45, 20 and 100 days left, one of them rolling over at switch (signing with a next key of 20 days)
    const dir = project([
      { name: "acme", days: 400 },
      { name: "globex", days: 45 },
      { name: "initech", days: 900, rollover: { stage: "switch", days: 20 } },
      { name: "umbrella", days: 100, rollover: { stage: "publish", days: 700 } },
    ]);
    // when
    const r = await status(dir, ["--all"]);
    // then the rows go by urgency: the certificate that signs decides (initech's next one at switch)
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const rows = r.stdout.split("\n").slice(1, 5).map((l) => l.split(/\s{2,}/));
    expect(rows.map(([tenant, stage, , days, urgency]) => [tenant, stage, days, urgency])).toEqual([
      ["initech", "switch", "19", "under 30 days"],
      ["globex", "none", "44", "under 60 days"],
      ["umbrella", "publish", "99", "ok"],
      ["acme", "none", "399", "ok"],
    ]);
    expect(r.stdout).toMatch(/^initech .*certs\/initech\/next\/cert\.pem \(previous: certs\/initech\/cert\.pem, 899 days\)$/m);
    expect(r.stdout).toMatch(/^umbrella .*certs\/umbrella\/cert\.pem \(next: certs\/umbrella\/next\/cert\.pem, 699 days\)$/m);
    // and what to do under each warning, then the counts
    expect(r.stdout).toMatch(/^globex: under 60 days: roll the key over: hybrid certs rotate --tenant globex --next/m);
    expect(r.stdout).toMatch(/^4 tenant\(s\): 1 under 30 days, 1 under 60 days, 2 ok$/m);
  });

  test("under 7 days left, or expired: exit 3 naming the tenants, the hard cut for the expired one", async () => {
    const dir = project([
      { name: "acme", days: 5 },
      { name: "globex", days: -3 },
      { name: "initech", days: 300 },
    ]);
    const r = await status(dir, ["--all"]);
    expect(r.code).toBe(3);
    expect(r.stdout.split("\n").slice(1, 4).map((l) => l.split(/\s{2,}/)[0])).toEqual(["globex", "acme", "initech"]);
    expect(r.stdout).toMatch(/^globex: EXPIRED: agents cannot log in: rotate now with the hard cut/m);
    expect(r.stdout).toMatch(/^acme: under 7 days: /m);
    expect(r.stderr).toMatch(/^hybrid: globex, acme: signing certificate expired or expiring within 7 days/);
  });

  test("--tenant selects tenants; --json is one document with each row's dates and the counts", async () => {
    const dir = project([
      { name: "acme", days: 200 },
      { name: "globex", days: 50, rollover: { stage: "publish", days: 700 } },
    ]);
    const r = await status(dir, ["--tenant", "globex", "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.tenants).toEqual([
      {
        tenant: "globex",
        stage: "publish",
        urgency: "under-60-days",
        active: { file: join(dir, "certs/globex/cert.pem"), notAfter: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), daysLeft: 49 },
        other: { file: join(dir, "certs/globex/next/cert.pem"), notAfter: expect.any(String), daysLeft: 699 },
        advice: expect.stringMatching(/the rollover is at publish: deploy switch/),
      },
    ]);
    expect(doc.counts).toEqual(expect.objectContaining({ "under-60-days": 1, ok: 0 }));
  });

  test("a certificate file that cannot be read is the first row and exit 1; an unknown tenant is a usage error", async () => {
    const dir = project([{ name: "acme", days: 200 }]);
    writeFileSync(join(dir, "certs", "acme", "cert.pem"), "not a certificate\n");
    const r = await status(dir, ["--all"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^acme\s+none\s+-\s+-\s+UNREADABLE/m);
    expect(r.stdout).toMatch(/^acme: .*cert\.pem: not a PEM file/m);
    const unknown = await status(dir, ["--tenant", "nosuch"]);
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/tenant nosuch is not in the tenants file/) });
  });

  describe("--live", () => {
    let fake: GenesysCloudDouble;
    afterAll(async () => fake?.stop());

    test("names the certificates an org's identity provider trusts that the tenants file does not declare (exit 3), and an org it cannot read (exit 1)", async () => {
      // given acme's org trusting its declared certificate and one more, globex's org with none, and admin credentials for both
      const dir = project([
        { name: "acme", days: 200 },
        { name: "globex", days: 200 },
      ]);
      fake = await GenesysCloudDouble.start();
      const acme = fake.addOrg({ id: orgId(0), shortName: "acme" });
      const globex = fake.addOrg({ id: orgId(1), shortName: "globex" });
      const body = (file: string) => pemBody(readFileSync(join(dir, file), "utf8"), "CERTIFICATE", file);
      const stray = pemBody(createSelfSignedCertificate({ keys: KEYS, subject: { commonName: "stray", organization: "x" }, days: 30, now: new Date() }), "CERTIFICATE", "stray");
      const idp = { issuerURI: "https://engage.acme.example/pureengage", certificate: body("certs/acme/cert.pem"), certificates: [body("certs/acme/cert.pem"), stray] };
      expect((await new GenesysApiClient(fake.url, acme).request("PUT", PUREENGAGE_PATH, idp)).status).toBe(200);
      const env = {
        [URL_OVERRIDE_ENV]: fake.url,
        TF_VAR_acme_admin_client_id: acme.adminClientId,
        TF_VAR_acme_admin_client_secret: acme.adminClientSecret,
        TF_VAR_globex_admin_client_id: globex.adminClientId,
        TF_VAR_globex_admin_client_secret: globex.adminClientSecret,
      };
      // when
      const r = await runHybrid(["certs", "status", "--all", "--live"], { cwd: dir, env, redact: [acme.adminClientSecret, globex.adminClientSecret] });
      // then acme's stray certificate is named, globex's missing identity provider too, and the read failure wins: exit 1
      expect(r.stdout).toMatch(/^ {2}acme: trusts 2 certificate\(s\); NOT DECLARED: sha256 [0-9A-F:]{95} \(a retired key still trusted, or one added by hand/m);
      expect(r.stdout).toMatch(/^ {2}globex: tenant globex: the org has no PureEngage identity provider; npx cdktf deploy globex creates it$/m);
      expect(r.code).toBe(1);
      // and with acme alone: exit 3 for the undeclared certificate
      const acmeOnly = await runHybrid(["certs", "status", "--tenant", "acme", "--live"], { cwd: dir, env });
      expect(acmeOnly.code).toBe(3);
      expect(acmeOnly.stderr).toMatch(/acme: the identity provider trusts a certificate the tenants file does not declare/);
      // and without credentials it says which variables to set
      const none = await runHybrid(["certs", "status", "--tenant", "acme", "--live"], { cwd: dir, env: { [URL_OVERRIDE_ENV]: fake.url } });
      expect(none.stdout).toMatch(/acme: tenant acme: TF_VAR_acme_admin_client_id and TF_VAR_acme_admin_client_secret are not set; certs status --live reads the org/);
    });
  });
});
