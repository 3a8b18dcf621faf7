/**
 * Issue 21's "done when": a tenant taken through a SAML key rollover (publish, switch, retire)
 * against `hybrid sandbox`, with the real Terraform, providers and `cdktf deploy`, every user-facing
 * command through the installed CLI: the SAML2 Bearer exchange works with the old key at publish,
 * with both keys at switch, and with only the new key after retire (the old one is refused); the
 * switch-stage export carries the new key, password and certificate; no OAuth client id or secret
 * changes; `hybrid summary` names each stage and warns when one is skipped; `hybrid certs status
 * --all` shows each tenant's stage and days left; and once the next set is moved into place and
 * `rollover` removed, the plan changes no resource.
 */
import { createPrivateKey } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TOKEN_PATH } from "../../core/genesys/api-paths";
import { buildAssertion, exchangeSaml2Bearer, signAssertion } from "../../services/doctor";
import { runCdktf } from "../../testing/e2e/cdktf-project";
import { type BackgroundSandbox, runInstalled, startInstalledSandbox } from "../../testing/installed-cli";
import { REPO_ROOT } from "../../testing/repo";
import { tenantsYaml } from "../../testing/tenants-yaml";
import { makeUserProject } from "../../testing/user-project";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { shellSecrets } from "../helpers/leak-checks";

const CURRENT_PASSWORD = "acme-current-key-password";
const NEXT_PASSWORD = "acme-next-key-password";
const GLOBEX_PASSWORD = "globex-key-password";
const ACME = { name: "acme", orgId: "3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f" };
const GLOBEX = { name: "globex", orgId: "9c1b7e42-5d8a-4f36-b2e0-71a4c9d3e58b", region: "us-east-1" };
const SET = ["cert.pem", "key.pem", "key.pem.enc", "cert.pem.b64", "key.pem.enc.b64"];

interface ExportedObject {
  options: Record<string, Record<string, string>>;
}

describeWithGenesyscloud(__filename)("a SAML key rollover without downtime, publish, switch, retire, through the installed CLI", () => {
  let dir: string;
  let sandbox: BackgroundSandbox;
  /** The shell after `source sandbox.env` and the key passwords exported. */
  let shell: Record<string, string>;
  /** The OAuth clients' ids and secrets as first deployed. */
  let clients: Record<string, string>;
  const secrets = () => [CURRENT_PASSWORD, NEXT_PASSWORD, GLOBEX_PASSWORD, ...shellSecrets(shell), ...Object.values(clients ?? {})];
  const run = (args: string[], env: Record<string, string> = shell) => runInstalled(args, { cwd: dir, env, redact: secrets() });

  const declare = (stage?: string) =>
    writeFileSync(join(dir, "tenants.yaml"), tenantsYaml([{ ...ACME, rollover: stage ? { certificate: "certs/acme/next/cert.pem", stage } : undefined, extra: ["preventDestroy: false"] }, { ...GLOBEX, extra: ["preventDestroy: false"] }]));

  async function deploy(): Promise<void> {
    const r = await runCdktf(dir, ["deploy", "acme", "--auto-approve", "--skip-provider-lock"], shell, secrets());
    expect({ code: r.code, output: r.code === 0 ? "" : r.output.slice(-4000) }).toEqual({ code: 0, output: "" });
  }

  /** `hybrid plan` of acme and `hybrid summary` of it. */
  async function planSummary(): Promise<{ code: number; markdown: string; stderr: string }> {
    const plan = await run(["plan", "--tenant", "acme", "--out", "plans"]);
    expect({ code: plan.code, stderr: plan.code === 0 ? "" : plan.stderr }).toEqual({ code: 0, stderr: "" });
    const summary = await run(["summary", "plans/acme.plan.json"]);
    return { code: summary.code, markdown: summary.stdout, stderr: summary.stderr };
  }

  /** acme's transaction object, exported with its secrets (`hybrid export --include-secrets --format json`). */
  async function exported(): Promise<ExportedObject> {
    const r = await run(["export", "--tenant", "acme", "--include-secrets", "--format", "json", "--out", "exported"]);
    expect(r.code).toBe(0);
    return JSON.parse(readFileSync(join(dir, "exported", "acme", "hybrid_integration.json"), "utf8")) as ExportedObject;
  }

  /** The SAML2 Bearer exchange as Workspace Desktop Edition makes it, signed with the key of the set in folder `set`. */
  async function exchange(set: string): Promise<{ ok: boolean; error?: string }> {
    const key = createPrivateKey(readFileSync(join(dir, set, "key.pem"), "utf8"));
    const { xml } = buildAssertion({ issuer: "https://engage.acme.example/pureengage", nameId: "agent.one@acme.com", audience: "https://login.mypurecloud.ie/oauth/token", now: new Date() });
    const signed = signAssertion(xml, key, readFileSync(join(dir, set, "cert.pem"), "utf8"));
    const answer = await exchangeSaml2Bearer({ tokenUrl: `${shell.HYBRID_SANDBOX_URL}${TOKEN_PATH}`, clientId: clients.saml_auth_id, clientSecret: clients.saml_auth_password, orgName: "acme", assertionXml: signed });
    return answer.ok ? { ok: true } : { ok: false, error: answer.error };
  }

  /** A tenant's row in `hybrid certs status --all`: stage, days left and the signing certificate. */
  async function statusRow(tenant: string): Promise<{ stage: string; days: number; certificate: string }> {
    // no sandbox, no credentials: it reads only the tenants file and the certificate files
    const r = await run(["certs", "status", "--all"], {});
    expect(r.code).toBe(0);
    const row = r.stdout.split("\n").find((l) => l.startsWith(`${tenant} `))!.split(/\s{2,}/);
    return { stage: row[1], days: Number(row[3]), certificate: row[5] };
  }

  const clientsOf = (o: ExportedObject) => ({
    saml_auth_id: o.options.saml_auth.client_id,
    saml_auth_password: o.options.saml_auth.password,
    ewt_id: o.options.ewt.client_id,
    ewt_password: o.options.ewt.password,
  });
  /** A set's base64 file as Terraform outputs it (the JSON export keeps openssl's line breaks). */
  const b64 = (file: string) => readFileSync(join(dir, file), "utf8");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rollover-"));
    makeUserProject(dir);
    symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
    declare();
    for (const [tenant, password] of [["acme", CURRENT_PASSWORD], ["globex", GLOBEX_PASSWORD]]) {
      const created = await runInstalled(["certs", "create", "--tenant", tenant], { cwd: dir, env: { HYBRID_KEY_PASSWORD: password }, redact: [password] });
      expect(created.code).toBe(0);
    }
    sandbox = await startInstalledSandbox(dir, ".sandbox");
    shell = { ...sandbox.env, TF_VAR_acme_saml_key_password: CURRENT_PASSWORD, TF_VAR_globex_saml_key_password: GLOBEX_PASSWORD };
    const both = await runCdktf(dir, ["deploy", "acme", "globex", "--auto-approve", "--skip-provider-lock"], shell, secrets());
    expect({ code: both.code, output: both.code === 0 ? "" : both.output.slice(-4000) }).toEqual({ code: 0, output: "" });
    clients = clientsOf(await exported());
  }, 600_000);

  afterAll(() => {
    if (sandbox?.process.exitCode === null) sandbox.process.kill("SIGKILL");
  });

  test("rotate --next makes the next set beside the current one, under its own password", async () => {
    const r = await run(["certs", "rotate", "--tenant", "acme", "--next"], { HYBRID_KEY_PASSWORD: NEXT_PASSWORD });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(r.stdout).toContain("rollover: { certificate: certs/acme/next/cert.pem, stage: publish }");
    expect(r.stdout).toContain("TF_VAR_acme_saml_next_key_password to the password from $HYBRID_KEY_PASSWORD (it differs from the current set's)");
    shell = { ...shell, TF_VAR_acme_saml_next_key_password: NEXT_PASSWORD };
  }, 60_000);

  test("publish: summarized in plain words, no warning; one in-place update of the identity provider; the old key logs in; doctor proves the next key", async () => {
    declare("publish");
    const summary = await planSummary();
    expect({ code: summary.code, stderr: summary.stderr }).toEqual({ code: 0, stderr: "" });
    expect(summary.markdown).toMatch(/^- 🔑 \*\*acme\*\*: starts a SAML key rollover, stage \*\*publish\*\*/m);
    // an in-place update of the identity provider, and nothing else (no OAuth client touched)
    expect(summary.markdown).toMatch(/^\| acme \| 0 \| 1 \| 0 \| 0 \|\s*\|$/m);
    expect(summary.markdown).toContain("- `restapi_object.pureengage-idp` (PureEngage identity provider, `saml`): **update in place**");
    await deploy();

    expect(await exchange("certs/acme")).toEqual({ ok: true });
    const doctor = await run(["doctor", "--tenant", "acme"]);
    expect({ code: doctor.code, stderr: doctor.stderr }).toEqual({ code: 0, stderr: "" });
    expect(doctor.stdout).toMatch(/✔ saml2-bearer-exchange .*: 200, access token/);
    expect(doctor.stdout).toMatch(/✔ exchange-next-key .*certs\/acme\/next\/cert\.pem's key; .*: 200, access token/);
    // the transaction object still carries the current key
    expect((await exported()).options.saml.certificate).toBe(b64("certs/acme/cert.pem.b64"));
    expect(await statusRow("acme")).toEqual({ stage: "publish", days: 3651, certificate: "certs/acme/cert.pem (next: certs/acme/next/cert.pem, 3651 days)" });
  }, 400_000);

  test("retire straight after publish: a WARNING, exit 3", async () => {
    declare("retire");
    const summary = await planSummary();
    expect(summary.code).toBe(3);
    expect(summary.markdown).toMatch(/⚠️ \*\*WARNING\*\* \*\*acme\*\*: `restapi_object\.pureengage-idp` skips a stage of the key rollover \(stage \*\*publish\*\* → \*\*retire\*\*\)/);
  }, 300_000);

  test("switch: summarized, no warning; both keys log in; the export carries the next key, its password and its certificate", async () => {
    declare("switch");
    const summary = await planSummary();
    expect({ code: summary.code, stderr: summary.stderr }).toEqual({ code: 0, stderr: "" });
    expect(summary.markdown).toMatch(/^- 🔑 \*\*acme\*\*: key rollover stage \*\*publish → switch\*\*/m);
    expect(summary.markdown).toMatch(/^\| acme \| 0 \| 1 \| 0 \| 0 \|\s*\|$/m);
    await deploy();

    expect([await exchange("certs/acme"), await exchange("certs/acme/next")]).toEqual([{ ok: true }, { ok: true }]);
    const object = await exported();
    expect({
      certificate: object.options.saml.certificate === b64("certs/acme/next/cert.pem.b64"),
      pkey: object.options.saml.pkey === b64("certs/acme/next/key.pem.enc.b64"),
      password: object.options.saml.password === NEXT_PASSWORD,
    }).toEqual({ certificate: true, pkey: true, password: true });
    // the exported key is the next set's, and its password decrypts it
    expect(() => createPrivateKey({ key: Buffer.from(object.options.saml.pkey, "base64").toString("utf8"), passphrase: NEXT_PASSWORD })).not.toThrow();
    // the cfg export and its README say so too
    const cfg = await run(["export", "--tenant", "acme", "--include-secrets"]);
    expect(cfg.stderr).toContain("acme: key rollover stage switch: saml/certificate, saml/pkey and saml/password are the next key set's");
    expect(readFileSync(join(dir, "hybrid-export", "acme", "README.txt"), "utf8")).toMatch(/Key rollover stage switch: .*\s+NEXT key set\. Import them/);
    const doctor = await run(["doctor", "--tenant", "acme"]);
    expect({ code: doctor.code, stderr: doctor.stderr }).toEqual({ code: 0, stderr: "" });
    expect(doctor.stdout).toMatch(/✔ exchange-current-key .*: 200, access token/);
    expect(await statusRow("acme")).toEqual({ stage: "switch", days: 3651, certificate: "certs/acme/next/cert.pem (previous: certs/acme/cert.pem, 3651 days)" });
  }, 400_000);

  test("retire: summarized, no warning; only the new key logs in, the old one is refused", async () => {
    declare("retire");
    const summary = await planSummary();
    expect({ code: summary.code, stderr: summary.stderr }).toEqual({ code: 0, stderr: "" });
    expect(summary.markdown).toMatch(/^- 🔑 \*\*acme\*\*: key rollover stage \*\*switch → retire\*\*/m);
    await deploy();

    expect([await exchange("certs/acme/next"), await exchange("certs/acme")]).toEqual([{ ok: true }, { ok: false, error: "invalid_grant" }]);
    const doctor = await run(["doctor", "--tenant", "acme"]);
    expect({ code: doctor.code, stderr: doctor.stderr }).toEqual({ code: 0, stderr: "" });
    expect(doctor.stdout).toMatch(/✔ retired-key-refused .*: refused \(400 invalid_grant/);
  }, 400_000);

  test("afterwards: the next set moved into place and rollover removed plans no resource change; no OAuth client id or secret changed throughout", async () => {
    const acme = join(dir, "certs", "acme");
    mkdirSync(join(acme, "previous", "rolled-over"), { recursive: true });
    for (const f of SET) {
      renameSync(join(acme, f), join(acme, "previous", "rolled-over", f));
      renameSync(join(acme, "next", f), join(acme, f));
    }
    rmSync(join(acme, "next"), { recursive: true });
    declare();
    shell = { ...shell, TF_VAR_acme_saml_key_password: NEXT_PASSWORD };
    const summary = await planSummary();
    expect({ code: summary.code, stderr: summary.stderr }).toEqual({ code: 0, stderr: "" });
    expect(summary.markdown).toMatch(/^\| acme \| 0 \| 0 \| 0 \| 0 \|\s*\|$/m);
    expect(summary.markdown).toMatch(/^- 🔑 \*\*acme\*\*: the key rollover is finished/m);
    await deploy();

    expect(clientsOf(await exported())).toEqual(clients);
    expect([await exchange("certs/acme"), await exchange("certs/acme/previous/rolled-over")]).toEqual([{ ok: true }, { ok: false, error: "invalid_grant" }]);
    // and the fleet view: each tenant's stage and days left
    expect(await statusRow("acme")).toEqual({ stage: "none", days: 3651, certificate: "certs/acme/cert.pem" });
    expect(await statusRow("globex")).toEqual({ stage: "none", days: 3651, certificate: "certs/globex/cert.pem" });
  }, 400_000);
});
