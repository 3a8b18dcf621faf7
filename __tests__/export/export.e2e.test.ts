/**
 * End to end: `hybrid export` of tenants deployed by the real Terraform with the real
 * providers into the Genesys Cloud double, its files read back with the `ini` package
 * and compared with the outputs they came from, and the exported key decrypted by the
 * real openssl with the exported password.
 *
 * The tests are steps of one deployment's life and run in order.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ini from "ini";
import { SECRET_OPTIONS } from "../../core/contract/option-layout";
import { GenesysCloudDouble, type OrgCredentials } from "../../genesys-cloud-double";
import { describeRun, runTerraform, type TerraformResult } from "../../testing/e2e";
import { synthTenantsAtFake } from "../../testing/e2e/tenant-stacks-at-fake";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { hybrid, tempDir, treeState, type CliResult } from "./helpers";
import { tenantsYaml } from "../../testing/tenants-yaml";

const ACME_ORG = "6b1d4f20-3c5e-4a7b-9d8f-2e4a6c8b0d1f";
const GLOBEX_ORG = "7c2e5a31-4d6f-4b8c-8e9a-3f5b7d9c1e2a";

const YAML = tenantsYaml([
  { name: "acme", orgId: ACME_ORG, extra: ["preventDestroy: false"] },
  { name: "globex", orgId: GLOBEX_ORG, region: "us-east-1", extra: ["preventDestroy: false"] },
]);

type Sections = Record<string, Record<string, string>>;

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

describeWithGenesyscloud(__filename)("hybrid export of a tenant deployed against the double", () => {
  let fake: GenesysCloudDouble;
  let acme: OrgCredentials;
  let dir: string;
  let stackDir: string;
  let exportDir: string;
  let env: Record<string, string>;
  /** What Terraform outputs for acme, read directly (not through the code under test). */
  let outputs: { public: Sections; secrets: Sections; firewall: { host: string; port: number; purpose: string }[] };

  function tf(args: string[], extraEnv: Record<string, string> = {}): Promise<TerraformResult> {
    return runTerraform(stackDir, args, { env: { ...env, ...extraEnv }, redact: [acme.adminClientSecret, TEST_KEY_PASSWORD], timeoutMs: 240_000 });
  }

  async function ok(args: string[], extraEnv: Record<string, string> = {}): Promise<TerraformResult> {
    const run = await tf(args, extraEnv);
    expect({ code: run.code, run: run.code === 0 ? "" : describeRun(run) }).toEqual({ code: 0, run: "" });
    return run;
  }

  async function readOutputs(): Promise<typeof outputs> {
    // Not redacted: the test compares the secrets themselves (as booleans, never printed).
    const run = await runTerraform(stackDir, ["output", "-json"], { env });
    expect({ code: run.code, stderr: run.code === 0 ? "" : run.stderr }).toEqual({ code: 0, stderr: "" });
    const all = JSON.parse(run.stdout) as Record<string, { value: unknown }>;
    return {
      public: all.hybrid_integration.value as Sections,
      secrets: all.hybrid_integration_secrets.value as Sections,
      firewall: all.firewall_hosts.value as typeof outputs.firewall,
    };
  }

  async function synth(): Promise<void> {
    await synthTenantsAtFake(dir, fake.url);
  }

  /** `hybrid export <args>` in the fixture, with no Terraform variables in its environment (output needs none). */
  function exportCli(args: string[]): Promise<CliResult> {
    return hybrid(["export", "--config", "tenants.yaml", ...args], { cwd: dir, env: {} });
  }

  /** True when `text` holds any of acme's secret values (or a line of the encrypted key): a boolean, so a failure cannot print one. */
  function leaksSecret(text: string): boolean {
    const values = Object.values(outputs.secrets).flatMap((s) => Object.values(s));
    const pieces = values.flatMap((v) => [v, v.replace(/\n/g, ""), ...v.split("\n").filter((l) => l.length >= 16)]);
    return pieces.some((p) => p.length > 0 && text.includes(p));
  }

  function read(name: string): string {
    return fs.readFileSync(path.join(exportDir, name), "utf8");
  }

  function mode(name?: string): string {
    return (fs.statSync(name === undefined ? exportDir : path.join(exportDir, name)).mode & 0o777).toString(8);
  }

  beforeAll(async () => {
    // given two tenants, each with its own org in the double, both synthesized, acme deployed
    fake = await GenesysCloudDouble.start();
    acme = fake.addOrg({ id: ACME_ORG, shortName: "acme" });
    const globex = fake.addOrg({ id: GLOBEX_ORG, shortName: "globex" });
    dir = tenantFixture({ yaml: YAML }).dir;
    stackDir = path.join(dir, "cdktf.out", "stacks", "acme");
    exportDir = path.join(dir, "hybrid-export", "acme");
    env = {
      TF_VAR_acme_admin_client_id: acme.adminClientId,
      TF_VAR_acme_admin_client_secret: acme.adminClientSecret,
      TF_VAR_acme_saml_key_password: TEST_KEY_PASSWORD,
      TF_VAR_globex_admin_client_id: globex.adminClientId,
      TF_VAR_globex_admin_client_secret: globex.adminClientSecret,
      TF_VAR_globex_saml_key_password: TEST_KEY_PASSWORD,
    };
    await synth();
    await ok(["init"]);
    await ok(["apply", "-auto-approve"]);
    outputs = await readOutputs();
  }, 300_000);

  afterAll(async () => {
    await fake?.stop();
  });

  test("--all with a tenant never deployed: names it and the deploy command, exit 1, nothing written", async () => {
    // given globex synthesized but never deployed
    const before = treeState(dir, ["cdktf.out"]);
    // when every tenant is exported
    const r = await exportCli(["--all"]);
    // then it fails on globex alone, naming the fix, and writes nothing, not even acme's export
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "hybrid: tenant globex: the stack has no applied outputs (never deployed, or its state is elsewhere); run `npx cdktf deploy globex`. Nothing was written.\n",
    );
    expect(treeState(dir, ["cdktf.out"])).toEqual(before);
  }, 120_000);

  test("--tenant acme: every option reads back as its output, the certificate as cert.pem; secrets left out and listed", async () => {
    // when acme is exported without secrets
    const r = await exportCli(["--tenant", "acme"]);
    // then it says which files it wrote, and lists the secrets to enter by hand, names only
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 0,
      stderr: `acme: to be entered by hand (secrets, left out): ${SECRET_OPTIONS.join(", ")}; see hybrid-export/acme/README.txt, or export with --include-secrets\n`,
    });
    expect(r.stdout).toBe(
      ["acme: hybrid-export/acme/", "  changed    hybrid_integration.cfg", "  changed    annex.cfg", "  changed    hybrid_integration.json", "  changed    README.txt", ""].join("\n"),
    );
    // and no file and no terminal line holds a secret (checked first, so that a failure below cannot print one);
    // no file holds a secret, so none is 0600
    for (const name of fs.readdirSync(exportDir)) expect({ name, leaks: leaksSecret(read(name)), mode: mode(name) }).toEqual({ name, leaks: false, mode: "644" });
    expect(leaksSecret(r.stdout + r.stderr)).toBe(false);
    // and the options file holds every public option, the certificate on one line
    const options = ini.parse(read("hybrid_integration.cfg"));
    const { annex, ...sections } = outputs.public;
    const expected = structuredClone(sections);
    expected.saml.certificate = expected.saml.certificate.replace(/\n/g, "");
    expect(options).toEqual(expected);
    expect(ini.parse(read("annex.cfg"))).toEqual({ annex });
    // and the certificate decodes to the tenant's cert.pem
    const certPem = fs.readFileSync(path.join(dir, "certs", "acme", "cert.pem"));
    expect(Buffer.from(options.saml.certificate, "base64").equals(certPem)).toBe(true);
    // and the JSON holds the object as output
    expect(JSON.parse(read("hybrid_integration.json"))).toEqual({
      tenant: "acme",
      name: "hybrid_integration",
      type: "list",
      options: sections,
      annex: { annex },
      omittedSecrets: SECRET_OPTIONS,
    });
    // and the README lists the firewall hosts from the output
    const readme = read("README.txt");
    expect(outputs.firewall.length).toBeGreaterThan(0);
    for (const h of outputs.firewall) expect(readme).toMatch(new RegExp(`^  ${h.host}:${h.port} +${h.purpose.replace(/[()]/g, "\\$&")}$`, "m"));
  }, 120_000);

  test("--include-secrets: the key decodes to key.pem.enc and the real openssl decrypts it with the exported password", async () => {
    // when acme is exported with secrets
    const r = await exportCli(["--tenant", "acme", "--include-secrets"]);
    expect(r.code).toBe(0);
    // and nothing secret reached the terminal or the README (checked first: a failing comparison below prints the output)
    expect(leaksSecret(r.stdout + r.stderr)).toBe(false);
    expect(leaksSecret(read("README.txt"))).toBe(false);
    // then only the files that gained secrets (and the README, which says so) were replaced
    expect(r.stdout).toBe(
      ["acme: hybrid-export/acme/", "  changed    hybrid_integration.cfg", "  changed    hybrid_integration.json", "  changed    README.txt", "  unchanged  annex.cfg", ""].join("\n"),
    );
    // and every secret option equals its output
    const options = ini.parse(read("hybrid_integration.cfg"));
    const secretsMatch = Object.fromEntries(
      SECRET_OPTIONS.map((name) => {
        const [section, option] = name.split("/");
        const output = outputs.secrets[section][option];
        return [name, options[section][option] === (option === "pkey" ? output.replace(/\n/g, "") : output)];
      }),
    );
    expect(secretsMatch).toEqual(Object.fromEntries(SECRET_OPTIONS.map((n) => [n, true])));
    // and saml/pkey decodes to the tenant's key.pem.enc
    const keyEnc = Buffer.from(options.saml.pkey, "base64");
    expect(keyEnc.equals(fs.readFileSync(path.join(dir, "certs", "acme", "key.pem.enc")))).toBe(true);
    // and openssl decrypts it with saml/password (given through a 0600 file, never argv or output)
    const work = tempDir("hybrid-export-openssl-");
    fs.writeFileSync(path.join(work, "key.pem.enc"), keyEnc, { mode: 0o600 });
    fs.writeFileSync(path.join(work, "password"), `${options.saml.password}\n`, { mode: 0o600 });
    const { execFileSync } = await import("node:child_process");
    const keyModulus = execFileSync("openssl", ["rsa", "-in", "key.pem.enc", "-passin", "file:password", "-noout", "-modulus"], { cwd: work, stdio: ["ignore", "pipe", "pipe"] });
    const certModulus = execFileSync("openssl", ["x509", "-in", path.join(dir, "certs", "acme", "cert.pem"), "-noout", "-modulus"]);
    expect(sha256(keyModulus)).toBe(sha256(certModulus));
    // and the client secrets are the org's own clients' secrets
    expect(fake.clientSecretMatches(options.ewt.client_id, options.ewt.password)).toBe(true);
    expect(fake.clientSecretMatches(options.saml_auth.client_id, options.saml_auth.password)).toBe(true);
    // and the files holding secrets are 0600 in a 0700 folder; the others 0644
    expect({ folder: mode(), cfg: mode("hybrid_integration.cfg"), json: mode("hybrid_integration.json"), annex: mode("annex.cfg"), readme: mode("README.txt") }).toEqual({
      folder: "700",
      cfg: "600",
      json: "600",
      annex: "644",
      readme: "644",
    });
    expect(r.stderr).toBe(
      "acme: hybrid_integration.cfg, hybrid_integration.json hold secrets (mode 0600, folder 0700); delete them once the object is in Configuration Server, and never commit them\n",
    );
  }, 120_000);

  test("exporting again changes nothing; another --format replaces the options files", async () => {
    // given the export of the step before
    const before = treeState(exportDir);
    const cfgText = read("hybrid_integration.cfg");
    const annexText = read("annex.cfg");
    // when exported again the same way
    const again = await exportCli(["--tenant", "acme", "--include-secrets"]);
    // then every file is unchanged, down to inode and mtime
    expect(again.stdout).toBe(
      ["acme: hybrid-export/acme/", ...["hybrid_integration.cfg", "annex.cfg", "hybrid_integration.json", "README.txt"].map((n) => `  unchanged  ${n}`), ""].join("\n"),
    );
    expect(treeState(exportDir)).toEqual(before);
    // when exported as .conf
    const conf = await exportCli(["--tenant", "acme", "--include-secrets", "--format", "conf"]);
    // then the .conf files have the .cfg files' content, which are gone
    expect(conf.stdout).toBe(
      [
        "acme: hybrid-export/acme/",
        "  changed    hybrid_integration.conf",
        "  changed    annex.conf",
        "  changed    README.txt",
        "  unchanged  hybrid_integration.json",
        "  removed    hybrid_integration.cfg",
        "  removed    annex.cfg",
        "",
      ].join("\n"),
    );
    expect(fs.readdirSync(exportDir).sort()).toEqual(["README.txt", "annex.conf", "hybrid_integration.conf", "hybrid_integration.json"]);
    // (compared as booleans: they hold secrets)
    expect([read("hybrid_integration.conf") === cfgText, read("annex.conf") === annexText]).toEqual([true, true]);
    expect(mode("hybrid_integration.conf")).toBe("600");
  }, 120_000);

  test("an older deploy without the ewt section: names the tenant, the options and the fix; the export stays as it was", async () => {
    // given acme applied from an older stack whose outputs had no ewt section
    const file = path.join(stackDir, "cdk.tf.json");
    const stack = JSON.parse(fs.readFileSync(file, "utf8"));
    delete stack.output.hybrid_integration.value.ewt;
    delete stack.output.hybrid_integration_secrets.value.ewt;
    fs.writeFileSync(file, JSON.stringify(stack, null, 2));
    await ok(["apply", "-auto-approve"]);
    const before = treeState(dir, ["cdktf.out"]);
    try {
      // when exported, with and without secrets
      const withSecrets = await exportCli(["--tenant", "acme", "--include-secrets", "--format", "conf"]);
      const without = await exportCli(["--tenant", "acme"]);
      // then each names what is missing (the outputs are read whole, against the layout) and the deploy that fixes it, and nothing changed
      expect(withSecrets).toEqual({
        code: 1,
        stdout: "",
        stderr:
          "hybrid: tenant acme: the applied outputs have no ewt/client_id, ewt/password (deployed by an older version of this project, or the stack's outputs changed since); run `npx cdktf deploy acme` to bring them up to date. Nothing was written.\n",
      });
      expect(without).toEqual(withSecrets);
      expect(treeState(dir, ["cdktf.out"])).toEqual(before);
    } finally {
      // the current stack again
      await synth();
      await ok(["apply", "-auto-approve"]);
    }
  }, 300_000);

  test("an empty key password: names the option, the variable and the deploy; the export stays as it was", async () => {
    // given acme applied with an empty key password
    await ok(["apply", "-auto-approve"], { TF_VAR_acme_saml_key_password: "" });
    const before = treeState(dir, ["cdktf.out"]);
    try {
      // when exported with secrets
      const r = await exportCli(["--tenant", "acme", "--include-secrets", "--format", "conf"]);
      // then the message says which secret is empty and how to set it, and nothing changed
      expect(r).toEqual({
        code: 1,
        stdout: "",
        stderr:
          "hybrid: tenant acme: saml/password is empty in the applied outputs; set TF_VAR_acme_saml_key_password to the key.pem.enc password, then run `npx cdktf deploy acme`. Nothing was written.\n",
      });
      expect(treeState(dir, ["cdktf.out"])).toEqual(before);
    } finally {
      await ok(["apply", "-auto-approve"]);
    }
  }, 300_000);

  test("--all, once every tenant is deployed, exports each into its own folder", async () => {
    // given globex deployed too
    const globexDir = path.join(dir, "cdktf.out", "stacks", "globex");
    for (const args of [["init"], ["apply", "-auto-approve"]]) {
      const run = await runTerraform(globexDir, args, { env, redact: Object.values(env), timeoutMs: 240_000 });
      expect({ code: run.code, run: run.code === 0 ? "" : describeRun(run) }).toEqual({ code: 0, run: "" });
    }
    // when every tenant is exported
    const r = await exportCli(["--all", "--out", "exports"]);
    // then each tenant has its own folder, with its own org's values
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").filter((l) => !l.startsWith("  "))).toEqual(["acme: exports/acme/", "globex: exports/globex/", ""]);
    const ids = ["acme", "globex"].map((t) => ini.parse(fs.readFileSync(path.join(dir, "exports", t, "hybrid_integration.cfg"), "utf8")).general.organization_id);
    expect(ids).toEqual([ACME_ORG, GLOBEX_ORG]);
    expect(r.stderr.split("\n").filter(Boolean).map((l) => l.split(":")[0])).toEqual(["acme", "globex"]);
  }, 300_000);
});
