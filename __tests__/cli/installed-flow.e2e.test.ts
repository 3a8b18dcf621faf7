/**
 * Every command's main path through the installed CLI (node bin/hybrid.js, the compiled build) as
 * a separate process, with a user's environment, in a user's project: certs, a sandbox, the real
 * `cdktf deploy` of two tenants with their own key passwords, doctor, export, plan and summary,
 * adopt, and a second sandbox in another folder with a redeploy.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REDACTED } from "../../core/redaction";
import { runCdktf } from "../../testing/e2e/cdktf-project";
import { type BackgroundSandbox, runInstalled, STACK_FRAME, startInstalledSandbox, stopSandbox } from "../../testing/installed-cli";
import { REPO_ROOT } from "../../testing/repo";
import { tenantsYaml } from "../../testing/tenants-yaml";
import { makeUserProject } from "../../testing/user-project";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { shellSecrets } from "../helpers/leak-checks";

const PASSWORDS = { acme: "acme-key-password-1", globex: "globex-key-password-2" };
const TENANTS = tenantsYaml([
  { name: "acme", orgId: "3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f", extra: ["preventDestroy: false"] },
  { name: "globex", orgId: "9c1b7e42-5d8a-4f36-b2e0-71a4c9d3e58b", region: "us-east-1", extra: ["preventDestroy: false"] },
]);

describeWithGenesyscloud(__filename)("the installed CLI, every command's main path, as a user runs it", () => {
  let dir: string;
  let sandbox: BackgroundSandbox;
  /** The shell after `source sandbox.env` and the two key passwords exported. */
  let shell: Record<string, string>;
  const secrets = () => [...Object.values(PASSWORDS), ...shellSecrets(sandbox?.env)];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "installed-"));
    makeUserProject(dir);
    // cdktf runs from the project's node_modules, as after `npm install` there.
    symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
    writeFileSync(join(dir, "tenants.yaml"), TENANTS);
  });

  afterAll(() => {
    if (sandbox?.process.exitCode === null) sandbox.process.kill("SIGKILL");
  });

  test("certs create makes each tenant's key pair under its own password; inspect checks it; a wrong password fails inspect", async () => {
    for (const [tenant, password] of Object.entries(PASSWORDS)) {
      const created = await runInstalled(["certs", "create", "--tenant", tenant], { cwd: dir, env: { HYBRID_KEY_PASSWORD: password }, redact: [password] });
      expect({ tenant, code: created.code, stderr: created.stderr }).toEqual({ tenant, code: 0, stderr: "" });
      const inspected = await runInstalled(["certs", "inspect", `certs/${tenant}`], { cwd: dir, env: { HYBRID_KEY_PASSWORD: password }, redact: [password] });
      expect({ tenant, code: inspected.code }).toEqual({ tenant, code: 0 });
    }
    const wrong = await runInstalled(["certs", "inspect", "certs/acme"], { cwd: dir, env: { HYBRID_KEY_PASSWORD: PASSWORDS.globex }, redact: secrets() });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^hybrid: certs\/acme: 1 check failed: key\.pem\.enc cannot decrypt/);
  }, 60_000);

  test("certs rotate keeps the previous set for rollback; rotating a tenant without a set fails with exit 2", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "rotate-"));
    const env = { HYBRID_KEY_PASSWORD: PASSWORDS.acme };
    expect((await runInstalled(["certs", "create", "--tenant", "acme"], { cwd: scratch, env, redact: secrets() })).code).toBe(0);
    const rotated = await runInstalled(["certs", "rotate", "--tenant", "acme"], { cwd: scratch, env, redact: secrets() });
    expect(rotated.code).toBe(0);
    expect(readdirSync(join(scratch, "certs", "acme", "previous"))).toHaveLength(1);
    const none = await runInstalled(["certs", "rotate", "--tenant", "initech"], { cwd: scratch, env, redact: secrets() });
    expect({ code: none.code, stack: STACK_FRAME.test(none.stderr), lines: none.stderr.trimEnd().split("\n").length }).toEqual({ code: 2, stack: false, lines: 1 });
  }, 60_000);

  test("sandbox: a ready line and a complete, owner-only sandbox.env (the toolchain's CLI configuration, no checkpoint calls)", async () => {
    sandbox = await startInstalledSandbox(dir, ".sandbox");
    const envFile = join(dir, ".sandbox", "sandbox.env");
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    expect(sandbox.env.TF_CLI_CONFIG_FILE).toBe(join(REPO_ROOT, ".toolchain", "terraformrc"));
    expect(existsSync(sandbox.env.TF_CLI_CONFIG_FILE)).toBe(true);
    expect(sandbox.env.CHECKPOINT_DISABLE).toBe("1");
    expect(sandbox.env.TF_DATA_DIR).toMatch(/^\.terraform-sandbox\/[0-9a-f]{12}$/);
    expect(sandbox.output()).toMatch(/^ready http:\/\/127\.0\.0\.1:\d+ \.sandbox\/sandbox\.env$/m);
    shell = { ...sandbox.env, TF_VAR_acme_saml_key_password: PASSWORDS.acme, TF_VAR_globex_saml_key_password: PASSWORDS.globex };
  }, 90_000);

  test("cdktf deploy of both tenants into the sandbox, each with its own key password", async () => {
    const deploy = await runCdktf(dir, ["deploy", "acme", "globex", "--auto-approve", "--skip-provider-lock"], shell, secrets());
    expect({ code: deploy.code, output: deploy.code === 0 ? "" : deploy.output.slice(-4000) }).toEqual({ code: 0, output: "" });
    // no call home from an air-gapped machine
    expect(deploy.output).not.toMatch(/checkpoint-api\.hashicorp\.com|registry\.terraform\.io/);
    expect(existsSync(join(dir, ".sandbox", "state", "acme.tfstate"))).toBe(true);
  }, 300_000);

  test("doctor --all checks both tenants live and passes, printing no secret", async () => {
    const r = await runInstalled(["doctor", "--all"], { cwd: dir, env: shell, redact: secrets() });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/✔ acme: \d+ passed, 0 failed/);
    expect(r.stdout).toMatch(/✔ globex: \d+ passed, 0 failed/);
    expect(r.stdout.includes(REDACTED)).toBe(false);
  }, 120_000);

  test("export --tenant acme writes the transaction object; secrets left out and named", async () => {
    const r = await runInstalled(["export", "--tenant", "acme"], { cwd: dir, env: shell, redact: secrets() });
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "hybrid-export", "acme")).sort()).toEqual(["README.txt", "annex.cfg", "hybrid_integration.cfg", "hybrid_integration.json"]);
    expect(r.stderr).toMatch(/acme: to be entered by hand \(secrets, left out\): saml\/pkey, saml\/password, saml_auth\/password, ewt\/password/);
  }, 120_000);

  test("plan --all plans no change for both, and summary of the plans exits 0", async () => {
    const plan = await runInstalled(["plan", "--all", "--out", "plans"], { cwd: dir, env: shell, redact: secrets() });
    expect({ code: plan.code, stderr: plan.code === 0 ? "" : plan.stderr }).toEqual({ code: 0, stderr: "" });
    expect(plan.stdout).toMatch(/^acme\s+no changes\s+0\s/m);
    expect(plan.stdout).toMatch(/^globex\s+no changes\s+0\s/m);
    const summary = await runInstalled(["summary", "plans/acme.plan.json", "plans/globex.plan.json"], { cwd: dir, redact: secrets() });
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/^\| acme \| 0 \| 0 \| 0 \| 0 \|/m);
  }, 300_000);

  test("adopt --tenant acme finds the deployed clients and identity provider and writes the adoption file, ids only", async () => {
    const r = await runInstalled(["adopt", "--tenant", "acme"], { cwd: dir, env: shell, redact: secrets() });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const adoption = readFileSync(join(dir, "adopted", "acme.yaml"), "utf8");
    expect(adoption).toMatch(/pacingClient:/);
    expect(secrets().some((s) => adoption.includes(s))).toBe(false);
    // (this sandbox's ids: the next sandbox is a new org)
    rmSync(join(dir, "adopted"), { recursive: true });
  }, 120_000);

  test("a second sandbox in another folder: the same stacks deploy into it without anyone cleaning Terraform's data", async () => {
    expect(await stopSandbox(sandbox)).toBe(0);
    expect(sandbox.output()).toMatch(/sandbox: SIGINT, stopping\nsandbox: stopped\n/);
    sandbox = await startInstalledSandbox(dir, "elsewhere/sbx");
    shell = { ...sandbox.env, TF_VAR_acme_saml_key_password: PASSWORDS.acme, TF_VAR_globex_saml_key_password: PASSWORDS.globex };
    const deploy = await runCdktf(dir, ["deploy", "acme", "globex", "--auto-approve", "--skip-provider-lock"], shell, secrets());
    expect({ code: deploy.code, output: deploy.code === 0 ? "" : deploy.output.slice(-4000) }).toEqual({ code: 0, output: "" });
    expect(deploy.output).not.toContain("Backend configuration changed");
    expect(existsSync(join(dir, "elsewhere", "sbx", "state", "globex.tfstate"))).toBe(true);
    const doctor = await runInstalled(["doctor", "--tenant", "globex"], { cwd: dir, env: shell, redact: secrets() });
    expect(doctor.code).toBe(0);
    expect(await stopSandbox(sandbox)).toBe(0);
  }, 400_000);
});
