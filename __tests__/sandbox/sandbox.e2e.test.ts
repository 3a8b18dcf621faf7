/**
 * `hybrid sandbox` as a user runs it: a separate process, `ready` on stdout, its
 * sandbox.env read (not sourced by hand), a tenants file of the test's own synthesized
 * by main.ts and deployed with the real Terraform and providers. Then the guards: a
 * sandbox stack refuses to plan outside the sandbox's environment, a real stack refuses
 * to plan inside it.
 */
import { spawnSync } from "child_process";
import { readFileSync, statSync } from "fs";
import { join } from "path";
import { describeRun, GenesysApiClient, runTerraform } from "../../testing/e2e";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { tenantsYaml } from "../../testing/tenants-yaml";
import { type BackgroundSandbox, startInstalledSandbox, stopSandbox } from "../../testing/installed-cli";

const ROOT = join(__dirname, "..", "..");
const TS_NODE = require.resolve("ts-node/dist/bin.js");
const ORG = "7d2e4f60-1a3b-4c5d-8e9f-0a1b2c3d4e5f";
const TENANTS = tenantsYaml([{ name: "initech", orgId: ORG, region: "ca-central-1", extra: ["preventDestroy: false"] }]);

/** Runs main.ts as `cdktf synth` does, with `env` on top of this process's (less any sandbox variable). */
function synth(dir: string, outdir: string, env: Record<string, string>): void {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("HYBRID_SANDBOX") && k !== "TF_VAR_hybrid_sandbox"));
  const run = spawnSync(process.execPath, [TS_NODE, "--transpile-only", "--project", join(ROOT, "tsconfig.json"), join(ROOT, "main.ts")], {
    cwd: dir,
    env: { ...clean, HYBRID_CONFIG: join(dir, "tenants.yaml"), CDKTF_OUTDIR: outdir, ...env },
    encoding: "utf8",
  });
  expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr }).toEqual({ status: 0, stderr: "" });
}

describeWithGenesyscloud(__filename)("hybrid sandbox", () => {
  let sandbox: BackgroundSandbox;
  let dir: string;
  let sandboxEnv: Record<string, string>;

  beforeAll(async () => {
    dir = tenantFixture({ yaml: TENANTS }).dir;
    // The installed CLI; initech's org with the products --products names (not the default set, which has botFlows too).
    sandbox = await startInstalledSandbox(dir, "sandbox", ["--config", "tenants.yaml", "--products", "initech=journey,voice"]);
    sandboxEnv = sandbox.env;
  }, 90_000);

  afterAll(() => {
    if (sandbox.process.exitCode === null) sandbox.process.kill("SIGKILL");
  });

  test("announces itself with a ready line and an owner-only sandbox.env that points everything at it", () => {
    const ready = /^ready (http:\/\/127\.0\.0\.1:\d+) (\S+)$/m.exec(sandbox.output())!;
    expect(sandboxEnv.HYBRID_SANDBOX_URL).toBe(ready[1]);
    expect(sandboxEnv.TF_VAR_hybrid_sandbox).toBe(ready[1]);
    expect(sandboxEnv.HYBRID_SANDBOX_STATE_DIR).toBe(join(dir, "sandbox", "state"));
    expect(sandboxEnv.TF_VAR_initech_admin_client_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandboxEnv.TF_VAR_initech_admin_client_secret.length).toBeGreaterThan(20);
    expect(statSync(join(dir, "sandbox", "sandbox.env")).mode & 0o777).toBe(0o600);
    // key passwords are the site's: the file and the terminal say which variables take them, a key rollover's next one too
    expect(readFileSync(join(dir, "sandbox", "sandbox.env"), "utf8")).toMatch(/^# .*TF_VAR_<tenant>_saml_key_password, and during a key rollover\n# .*TF_VAR_<tenant>_saml_next_key_password/m);
    expect(sandbox.output()).toMatch(/^sandbox: key passwords as for a real deploy: TF_VAR_<tenant>_saml_key_password$/m);
    // the secret is in the file only, never on the terminal
    expect(sandbox.output().includes(sandboxEnv.TF_VAR_initech_admin_client_secret)).toBe(false);
  });

  test("--products gives a tenant's org the products it names, not the default set", async () => {
    const api = new GenesysApiClient(sandboxEnv.HYBRID_SANDBOX_URL, { adminClientId: sandboxEnv.TF_VAR_initech_admin_client_id, adminClientSecret: sandboxEnv.TF_VAR_initech_admin_client_secret });
    const products = await api.request("GET", "/api/v2/authorization/products");
    expect(((products.body as { entities: { id: string }[] }).entities.map((p) => p.id)).sort()).toEqual(["journey", "voice"]);
  });

  test("a tenant synthesized with sandbox.env deploys into the sandbox's org, with its state in the sandbox", async () => {
    // given the tenant synthesized and planned with the sandbox's environment
    const outdir = join(dir, "cdktf.out");
    synth(dir, outdir, sandboxEnv);
    const stack = join(outdir, "stacks", "initech");
    const env = { ...sandboxEnv, TF_VAR_initech_saml_key_password: TEST_KEY_PASSWORD };
    const redact = [sandboxEnv.TF_VAR_initech_admin_client_secret, TEST_KEY_PASSWORD];

    // when applied
    for (const args of [["init"], ["apply", "-auto-approve"]]) {
      const run = await runTerraform(stack, args, { env, redact, timeoutMs: 240_000 });
      expect({ code: run.code, run: run.code === 0 ? "" : describeRun(run) }).toEqual({ code: 0, run: "" });
    }

    // then the sandbox's org holds the identity provider and both clients
    const api = new GenesysApiClient(sandboxEnv.HYBRID_SANDBOX_URL, { adminClientId: sandboxEnv.TF_VAR_initech_admin_client_id, adminClientSecret: sandboxEnv.TF_VAR_initech_admin_client_secret });
    const idp = await api.request("GET", "/api/v2/identityproviders/pureengage");
    expect(idp.status).toBe(200);
    expect((idp.body as { issuerURI: string }).issuerURI).toBe("https://engage.initech.example/pureengage");
    const clients = await api.request("GET", "/api/v2/oauth/clients");
    expect(((clients.body as { entities: { name: string }[] }).entities.map((c) => c.name)).sort()).toEqual(["PureEngage Client Credentials", "PureEngage SAML2 Bearer", "Terraform admin"]);
    // and the state is in the sandbox's folder, none where the tenants file keeps real state
    expect(statSync(join(dir, "sandbox", "state", "initech.tfstate")).size).toBeGreaterThan(0);
    expect(() => statSync(join(dir, "state", "initech.tfstate"))).toThrow();
  }, 300_000);

  test("a sandbox stack refuses to plan from an environment that does not point at the sandbox", async () => {
    const stack = join(dir, "cdktf.out", "stacks", "initech");
    const env = { ...sandboxEnv, TF_VAR_hybrid_sandbox: "", TF_VAR_initech_saml_key_password: TEST_KEY_PASSWORD };
    const run = await runTerraform(stack, ["plan"], { env, redact: [sandboxEnv.TF_VAR_initech_admin_client_secret, TEST_KEY_PASSWORD] });
    expect(run.code).toBe(1);
    expect(run.stderr.replace(/\s+/g, " ")).toMatch(/This stack was synthesized for the sandbox at http:\/\/127\.0\.0\.1:\d+, but the environment does not point at it/);
  }, 120_000);

  test("a stack synthesized for Genesys Cloud refuses to plan from the sandbox's environment", async () => {
    // given the same tenant synthesized without the sandbox (for its real region)
    const outdir = join(dir, "cdktf.real");
    synth(dir, outdir, {});
    const stack = join(outdir, "stacks", "initech");
    const json = readFileSync(join(stack, "cdk.tf.json"), "utf8");
    expect(json).not.toContain("127.0.0.1");
    // when planned with sandbox.env's variables
    const env = { ...sandboxEnv, TF_VAR_initech_saml_key_password: TEST_KEY_PASSWORD };
    expect((await runTerraform(stack, ["init"], { env })).code).toBe(0);
    const run = await runTerraform(stack, ["plan"], { env, redact: [sandboxEnv.TF_VAR_initech_admin_client_secret, TEST_KEY_PASSWORD] });
    // then the guard stops it before any provider is configured (none reaches for the real region)
    expect(run.code).toBe(1);
    expect(run.stderr.replace(/\s+/g, " ")).toMatch(/This stack deploys to Genesys Cloud, but the environment points at a sandbox/);
    // and no provider was configured: neither reached for the region's hosts
    expect(run.stderr).not.toMatch(/pure\.cloud|mypurecloud/);
  }, 120_000);

  test("stops cleanly on SIGTERM", async () => {
    expect(await stopSandbox(sandbox, "SIGTERM")).toBe(0);
    expect(sandbox.output()).toMatch(/sandbox: SIGTERM, stopping\nsandbox: stopped\n/);
  }, 30_000);
});
