/**
 * The example pipelines: the GitHub workflows pass actionlint (a real linter, built from its Go
 * module); every pipeline makes a fixed number of jobs, its shards plus a few fixed jobs, for a
 * fleet of 1,000 tenants as for two; the Vault helper reads exactly the tenants it is given; and
 * the shell lines of the plan, summary, gate, apply and drift jobs, run as they are written, plan,
 * summarize, apply and check tenants against the Genesys Cloud double (as a sandbox), with their
 * credentials and certificates from a Vault of the test's.
 *
 * Only the entry point differs from CI: `$HYBRID` runs the installed CLI of this repository
 * (bin/hybrid.js), and the checkout is a user's project whose cdktf.json runs this repository's build.
 */
import { execFileSync, spawn, spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { type CredentialVariableNames, tenantVariableNames } from "../../core/contract/tenant-variables";
import { Redactor } from "../../core/redaction";
import { projectTerraform } from "../../core/terraform/terraform";
import { GenesysCloudDouble } from "../../genesys-cloud-double";
import { doubleSandboxShell } from "../../testing/double-sandbox";
import { parseGithubEnv, startFakeVault, type FakeVault } from "../../testing/fake-vault";
import { HYBRID_BIN } from "../../testing/installed-cli";
import { writeManyTenants } from "../../testing/many-tenants";
import { REPO_PROJECT } from "../../testing/repo";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { tenantsYaml } from "../../testing/tenants-yaml";
import { userEnv } from "../../testing/user-env";
import { makeUserProject } from "../../testing/user-project";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { initRepository } from "../../testing/git-repo";

const ROOT = join(__dirname, "..", "..");
const TENANTS_WORKFLOW = join(ROOT, "examples", "github-actions", "hybrid-tenants.yml");
const DRIFT_WORKFLOW = join(ROOT, "examples", "github-actions", "hybrid-drift.yml");
const GITLAB = join(ROOT, "examples", "gitlab-ci", ".gitlab-ci.yml");
const VAULT_HELPER = join(ROOT, "examples", "vault-tenant-env.mjs");
const TENANTS = [
  { name: "acme", orgId: "2e7a4c1f-9d3b-4e8a-b6c2-3f5d7e9a1b33" },
  { name: "globex-eu", orgId: "3f8b5d2a-0e4c-4f9b-a7d3-4a6e8f0b2c44" },
];
/** What the checkout of a user's repository holds besides git's files. */
const IGNORED = ["certs/", "cdktf.out/", ".hybrid-cache/", ".sandbox/", "plans/", "drift/", ".toolchain", "examples", "*.txt", "*.md", "summary.code"];

interface Step {
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  if?: string;
}
interface Job {
  if?: string;
  needs?: string | string[];
  steps: Step[];
  strategy?: { matrix: Record<string, unknown> };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  env: Record<string, string>;
  jobs: Record<string, Job>;
}
const workflows = { tenants: parse(readFileSync(TENANTS_WORKFLOW, "utf8")) as Workflow, drift: parse(readFileSync(DRIFT_WORKFLOW, "utf8")) as Workflow };
const gitlab = parse(readFileSync(GITLAB, "utf8")) as Record<string, any>;
const gitlabJobs = Object.fromEntries(Object.entries(gitlab).filter(([k, v]) => !k.startsWith(".") && typeof v === "object" && v !== null && "script" in v)) as Record<string, any>;

const step = (wf: Workflow, job: string, id: string): Step => {
  const s = wf.jobs[job].steps.find((x) => x.id === id);
  if (!s?.run) throw new Error(`${job}.${id} has no run`);
  return s;
};

/** Runs `script` as GitHub's default shell does (bash -e); asynchronously, so the double (in this process) keeps answering. */
function bash(script: string, cwd: string, env: Record<string, string>, stdin?: string): Promise<{ code: number; out: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-e", "-c", script], { cwd, env, stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let out = "";
    let stdout = "";
    child.stdout!.on("data", (c: Buffer) => ((out += c.toString("utf8")), (stdout += c.toString("utf8"))));
    child.stderr!.on("data", (c: Buffer) => (out += c.toString("utf8")));
    if (stdin !== undefined) child.stdin!.end(stdin);
    const timer = setTimeout(() => child.kill("SIGTERM"), 900_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out, stdout });
    });
  });
}

/** A user's repository: the tenants file on main, certs/ not in git, examples/ and the toolchain as a clone with `npm ci` done has them. */
function userRepository(yaml: string): { dir: string; git: (...args: string[]) => string } {
  const { dir } = tenantFixture({ yaml });
  writeFileSync(join(dir, ".gitignore"), IGNORED.join("\n") + "\n");
  symlinkSync(join(ROOT, "examples"), join(dir, "examples"));
  return { dir, git: initRepository(dir, "tenants") };
}

describe("the example GitHub workflows", () => {
  test.each([TENANTS_WORKFLOW, DRIFT_WORKFLOW])("%s passes actionlint", (file) => {
    // given actionlint built from its Go module (examples/install-actionlint.sh)
    const actionlint = execFileSync("sh", [join(ROOT, "examples", "install-actionlint.sh")], { encoding: "utf8" }).trim();
    // when the workflow is linted, then it has nothing to say
    const r = spawnSync(actionlint, ["-no-color", file], { encoding: "utf8" });
    expect({ code: r.status, out: r.stdout + r.stderr }).toEqual({ code: 0, out: "" });
  }, 900_000);

  test("actionlint does catch a broken copy (so the check above can fail)", () => {
    const actionlint = join(ROOT, ".toolchain", "bin", "actionlint");
    const broken = join(mkdtempSync(join(tmpdir(), "actionlint-")), "broken.yml");
    writeFileSync(broken, readFileSync(TENANTS_WORKFLOW, "utf8").replace("needs: shards\n", "needs: shardz\n"));
    const r = spawnSync(actionlint, ["-no-color", broken], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/shardz/);
  });

  test("their jobs: shards from one list (default 8), never one job per tenant; plans and drift by shard; the summary after every shard; apply on merge", () => {
    const { tenants, drift } = workflows;
    expect(tenants.env.SHARDS).toBe("${{ vars.HYBRID_SHARDS || 8 }}");
    for (const wf of [tenants, drift]) {
      for (const [name, job] of Object.entries(wf.jobs)) {
        // every matrix is the list of shards, and nothing is listed per tenant
        if (job.strategy) expect([name, job.strategy.matrix]).toEqual([name, { shard: "${{ fromJSON(needs.shards.outputs.list) }}" }]);
        expect([name, JSON.stringify(job)]).not.toEqual([name, expect.stringMatching(/outputs\.tenants|manifest\.json/)]);
      }
    }
    expect(tenants.jobs.plan.needs).toBe("shards");
    expect(step(tenants, "plan", "plan").run).toMatch(/\$HYBRID plan --changed --base HEAD\^1 --shard "\$SHARD\/\$SHARDS"/);
    expect(tenants.jobs.plan.steps.find((s) => s.uses === "actions/checkout@v4")!.with!["fetch-depth"]).toBe(2);
    expect(tenants.jobs.summary.needs).toBe("plan");
    expect(tenants.jobs.summary.if).toMatch(/!cancelled\(\)/);
    expect(tenants.jobs["approved-plans"].if).toMatch(/closed.*merged/);
    expect(tenants.jobs.apply.needs).toEqual(["shards", "approved-plans"]);
    expect(drift.jobs.report.needs).toBe("drift");
    expect(step(drift, "drift", "drift").run).toMatch(/\$HYBRID drift --all --shard "\$SHARD\/\$SHARDS" --json --markdown/);
    expect(Object.keys((drift as unknown as { on: object }).on)).toEqual(["schedule", "workflow_dispatch"]);
    // the toolchain once per shard, its providers cached between runs; credentials from Vault through its official action, with OIDC
    for (const [wf, job] of [[tenants, "plan"], [tenants, "apply"], [drift, "drift"]] as const) {
      const steps = wf.jobs[job].steps;
      expect(steps.filter((s) => s.run?.includes("npm run toolchain"))).toHaveLength(1);
      expect(steps.find((s) => s.uses === "actions/cache@v4")!.with!.path).toMatch(/\.toolchain\/plugin-cache/);
      expect(steps.find((s) => s.uses === "hashicorp/vault-action@v3")!.with).toMatchObject({ method: "jwt", exportToken: true });
      expect((wf.jobs[job] as unknown as { permissions: Record<string, string> }).permissions["id-token"]).toBe("write");
    }
  });
});

describe("the example GitLab pipeline", () => {
  test("every job is in a declared stage and needs only jobs of earlier stages; the sharded jobs take one number", () => {
    expect(gitlab.stages).toEqual(["plan", "summary", "review", "apply", "drift", "report"]);
    expect(Object.keys(gitlabJobs).sort()).toEqual(["apply", "comment", "drift", "drift-report", "gate", "plan", "summary"]);
    for (const [name, job] of Object.entries(gitlabJobs)) {
      expect([name, gitlab.stages.includes(job.stage)]).toEqual([name, true]);
      for (const need of job.needs ?? []) {
        const needed = typeof need === "string" ? need : need.job;
        expect([name, needed, gitlab.stages.indexOf(gitlabJobs[needed]?.stage) < gitlab.stages.indexOf(job.stage)]).toEqual([name, needed, true]);
      }
    }
    expect(gitlab.variables.HYBRID_SHARDS).toBe(8);
    expect([gitlabJobs.plan.parallel, gitlabJobs.apply.parallel, gitlabJobs.drift.parallel]).toEqual([8, 8, 8]);
    expect(gitlabJobs.plan.variables.GIT_DEPTH).toBe(0);
    expect(gitlabJobs.plan.artifacts.paths).toEqual(["plans/"]);
    expect(gitlabJobs.apply.rules[0].if).toMatch(/CI_DEFAULT_BRANCH/);
    expect(gitlabJobs.drift.rules[0].if).toMatch(/schedule/);
    expect(gitlab[".toolchain"].cache.paths).toEqual(expect.arrayContaining([".toolchain/plugin-cache/"]));
  });
});

describe("1,000 tenants: the jobs stay within the shard count plus the fixed jobs", () => {
  test("each pipeline's jobs for a pull (merge) request, a merge and a night; a plan shard takes its share, 125 of the 1,000", async () => {
    // given a repository of 1,000 tenants, and a change of defaults that changes every one of them
    const dir = mkdtempSync(join(tmpdir(), "fleet-1000-"));
    makeUserProject(dir);
    writeManyTenants(dir, 1000);
    writeFileSync(join(dir, ".gitignore"), IGNORED.join("\n") + "\n");
    const git = initRepository(dir, "1000 tenants");
    git("checkout", "-q", "-b", "pr");
    writeFileSync(join(dir, "tenants.yaml"), readFileSync(join(dir, "tenants.yaml"), "utf8").replace("defaults:\n", "defaults:\n  saml2BearerClient: { accessTokenValiditySeconds: 7200 }\n"));
    git("commit", "-q", "-am", "every tenant");
    const env = { ...userEnv(), HYBRID: `${process.execPath} ${HYBRID_BIN}`, SHARDS: "8", CI: "true" };

    // when the shards job runs, then it numbers 8 shards, whatever the fleet
    const output = join(dir, "github-output");
    writeFileSync(output, "");
    expect((await bash(step(workflows.tenants, "shards", "list").run!, dir, { ...env, GITHUB_OUTPUT: output })).code).toBe(0);
    const shards = JSON.parse(/^list=(.*)$/m.exec(readFileSync(output, "utf8"))![1]) as number[];
    expect(shards).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    // and each workflow makes its shards plus a fixed number of jobs: a matrix is the shard list, every other job is one
    const jobsOf = (wf: Workflow, event: (job: Job) => boolean) =>
      Object.values(wf.jobs)
        .filter(event)
        .reduce((n, job) => n + (job.strategy ? shards.length : 1), 0);
    const onPullRequest = (job: Job) => !/== 'closed'/.test(job.if ?? "") && !(job.needs?.includes("approved-plans") ?? false);
    const onMerge = (job: Job) => !/!= 'closed'/.test(job.if ?? "");
    expect([jobsOf(workflows.tenants, onPullRequest), jobsOf(workflows.tenants, onMerge), jobsOf(workflows.drift, () => true)]).toEqual([8 + 2, 8 + 2, 8 + 2]);
    const gitlabCount = (rule: RegExp | undefined) =>
      Object.values(gitlabJobs)
        .filter((job) => (rule ? (job.rules ?? []).some((r: { if: string }) => rule.test(r.if)) : (job.extends ?? []).includes(".merge-request") || job.extends === ".merge-request"))
        .reduce((n, job) => n + (job.parallel ?? 1), 0);
    expect([gitlabCount(undefined), gitlabCount(/CI_DEFAULT_BRANCH/), gitlabCount(/schedule/)]).toEqual([8 + 3, 8, 8 + 1]);

    // and a plan shard's tenants step lists its share of the 1,000 changed tenants: 125 for the first shard and for the last, none in both
    // (that the 8 shards' lists make up the whole fleet is the plan --changed test's, on 200 tenants)
    const lists: string[][] = [];
    for (const shard of [1, 8]) {
      const r = await bash(step(workflows.tenants, "plan", "tenants").run!, dir, { ...env, SHARD: String(shard), GITHUB_OUTPUT: output });
      expect({ shard, code: r.code }).toEqual({ shard, code: 0 });
      lists.push(readFileSync(join(dir, "shard-tenants.txt"), "utf8").trim().split("\n"));
      expect(readFileSync(output, "utf8")).toMatch(/^count=125$/m);
    }
    expect(lists.map((l) => l.length)).toEqual([125, 125]);
    expect(new Set(lists.flat()).size).toBe(250);
  }, 900_000);
});

describe("examples/vault-tenant-env.mjs", () => {
  let vault: FakeVault;
  const creds = { admin_client_id: "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f", admin_client_secret: "s3cr3t-S3CR3T-0123456789abcdef", saml_key_password: "it's a 'quoted' pass" };
  beforeAll(async () => {
    vault = await startFakeVault({
      // globex-eu rolls its SAML key over: its secret also holds the next key's password.
      tenants: { acme: creds, "globex-eu": { ...creds, admin_client_secret: "another-secret-0123456789ABCDEF", saml_next_key_password: "the-next-key-password" } },
      certsBundle: Buffer.from("bundle bytes").toString("base64"),
    });
  });
  afterAll(async () => vault?.stop());
  /** The helper as a separate process; asynchronously, so that the Vault (in this process) keeps answering. */
  const run = (args: string[], env: Record<string, string>, input = ""): Promise<{ status: number; stdout: string; stderr: string; bytes: Buffer }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [VAULT_HELPER, ...args], { env: { ...userEnv(), VAULT_ADDR: vault.url, ...env }, stdio: ["pipe", "pipe", "pipe"] });
      const out: Buffer[] = [];
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => out.push(c));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.stdin.end(input);
      child.on("error", reject);
      child.on("close", (code) => resolve({ status: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr, bytes: Buffer.concat(out) }));
    });

  test("github: the tenants' TF_VAR_ variables appended to $GITHUB_ENV, each secret masked, the client id not", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "github-env-")), "env");
    writeFileSync(file, "");
    const r = await run(["github"], { VAULT_TOKEN: vault.token, GITHUB_ENV: file }, "acme\nglobex-eu\n");
    expect(r.status).toBe(0);
    expect(parseGithubEnv(readFileSync(file, "utf8"))).toEqual({
      TF_VAR_acme_admin_client_id: creds.admin_client_id,
      TF_VAR_acme_admin_client_secret: creds.admin_client_secret,
      TF_VAR_acme_saml_key_password: creds.saml_key_password,
      TF_VAR_globex_eu_admin_client_id: creds.admin_client_id,
      TF_VAR_globex_eu_admin_client_secret: "another-secret-0123456789ABCDEF",
      TF_VAR_globex_eu_saml_key_password: creds.saml_key_password,
      TF_VAR_globex_eu_saml_next_key_password: "the-next-key-password",
    });
    expect(r.stdout).toContain(`::add-mask::${creds.admin_client_secret}\n`);
    expect(r.stdout).toContain("::add-mask::the-next-key-password\n");
    expect(r.stdout).toContain(`::add-mask::${creds.saml_key_password}\n`);
    expect(r.stdout).not.toContain(`::add-mask::${creds.admin_client_id}`);
    expect(vault.reads).toEqual(["/v1/secret/data/hybrid/tenants/acme", "/v1/secret/data/hybrid/tenants/globex-eu"]);
  });

  test("shell: export lines a shell sources back to the same values; token: a login with the CI's OIDC token; certs: the bundle's bytes", async () => {
    const exports = await run(["shell"], { VAULT_TOKEN: vault.token }, "acme\n");
    expect(exports.status).toBe(0);
    const sourced = spawnSync("bash", ["-c", `${exports.stdout}\nprintf '%s' "$TF_VAR_acme_saml_key_password"`], { encoding: "utf8" });
    expect(sourced.stdout).toBe(creds.saml_key_password);
    const token = await run(["token"], { VAULT_ID_TOKEN: vault.idToken, VAULT_ROLE: "hybrid-tenants" });
    expect({ code: token.status, stdout: token.stdout }).toEqual({ code: 0, stdout: `${vault.token}\n` });
    const certs = await run(["certs"], { VAULT_TOKEN: vault.token });
    expect(certs.bytes.toString()).toBe("bundle bytes");
  });

  test("a tenant Vault does not hold, or a refused token, is one line and exit 1, quoting no answer", async () => {
    const missing = await run(["shell"], { VAULT_TOKEN: vault.token }, "initech\n");
    expect({ code: missing.status, stderr: missing.stderr }).toEqual({ code: 1, stderr: "vault-tenant-env: GET secret/data/hybrid/tenants/initech: Vault answered 404\n" });
    const refused = await run(["shell"], { VAULT_TOKEN: "wrong" }, "acme\n");
    expect({ code: refused.status, stderr: refused.stderr }).toEqual({ code: 1, stderr: "vault-tenant-env: GET secret/data/hybrid/tenants/acme: Vault answered 403\n" });
  });
});

describeWithGenesyscloud(__filename)("the pipelines' own commands, against the double as a sandbox, credentials from Vault", () => {
  let fake: GenesysCloudDouble;
  let vault: FakeVault;
  let source: { dir: string; git: (...args: string[]) => string };
  let secrets: string[];
  let runner: Record<string, string>;

  /** `out` with every secret masked: what a failed step prints in an assertion message. */
  const masked = (out: string) => Redactor.of({ known: secrets }).mask(out);
  const ok = (r: { code: number; out: string }) => ({ code: r.code, out: r.code === 0 ? "" : masked(r.out) });

  /** A job's checkout of the pull request (or merge) commit, as a runner has it after `npm ci` and the toolchain. */
  function checkout(): string {
    const dir = join(mkdtempSync(join(tmpdir(), "checkout-")), "repo");
    execFileSync("git", ["clone", "-q", "--branch", "pr", `file://${source.dir}`, dir]);
    symlinkSync(join(ROOT, "examples"), join(dir, "examples"));
    symlinkSync(REPO_PROJECT.toolchainDir, join(dir, ".toolchain"));
    return dir;
  }

  beforeAll(async () => {
    // given a user's repository of two tenants, and a pull request changing acme's token duration
    source = userRepository(tenantsYaml(TENANTS));
    source.git("checkout", "-q", "-b", "pr");
    writeFileSync(join(source.dir, "tenants.yaml"), tenantsYaml(TENANTS.map((t) => (t.name === "acme" ? { ...t, extra: ["pacingClient: { accessTokenValiditySeconds: 7200 }"] } : t))));
    source.git("commit", "-q", "-am", "acme's token duration");
    // and the sandbox's orgs, with the tenants' credentials and the certificate bundle in Vault (not in the runner's environment)
    fake = await GenesysCloudDouble.start();
    const shell = doubleSandboxShell(fake, source.dir, TENANTS.map((t) => ({ ...t, keyPassword: TEST_KEY_PASSWORD })));
    const credential = (tenant: string, key: keyof CredentialVariableNames) => shell[`TF_VAR_${tenantVariableNames(tenant)[key]}`];
    const bundle = execFileSync("tar", ["-cz", "certs"], { cwd: source.dir }).toString("base64");
    vault = await startFakeVault({
      tenants: Object.fromEntries(TENANTS.map((t) => [t.name, { admin_client_id: credential(t.name, "adminClientId"), admin_client_secret: credential(t.name, "adminClientSecret"), saml_key_password: TEST_KEY_PASSWORD }])),
      certsBundle: bundle,
    });
    secrets = [TEST_KEY_PASSWORD, ...TENANTS.map((t) => credential(t.name, "adminClientSecret")), vault.token];
    // A runner's shell: the toolchain's Terraform configuration, the sandbox's variables but no credential, Vault's address, the installed CLI as $HYBRID.
    const sandbox = Object.fromEntries(Object.entries(shell).filter(([k]) => !/_(admin_client_id|admin_client_secret|saml_key_password)$/.test(k)));
    runner = { ...(projectTerraform(REPO_PROJECT, userEnv()).env as Record<string, string>), ...sandbox, HYBRID: `${process.execPath} ${HYBRID_BIN}`, VAULT_ADDR: vault.url, CI: "true" };
  }, 300_000);

  afterAll(async () => {
    await fake?.stop();
    await vault?.stop();
  });

  test("GitHub: two plan shards (certificates and credentials from Vault), the summary, the gate, then the merge's apply shard", async () => {
    const wf = workflows.tenants;
    const dir = checkout();
    const env = { ...runner, SHARDS: "2", VAULT_TOKEN: vault.token };
    const certs = wf.jobs.plan.steps.find((s) => s.name === "Restore the tenants' certificate sets")!.run!;
    // when each plan shard's steps run in its own checkout
    const shardDirs: string[] = [];
    for (const shard of ["1", "2"]) {
      const shardDir = shard === "1" ? dir : checkout();
      shardDirs.push(shardDir);
      const githubEnv = join(shardDir, "github-env.txt");
      const output = join(shardDir, "github-output.txt");
      writeFileSync(githubEnv, "");
      writeFileSync(output, "");
      const shardEnv = { ...env, SHARD: shard, GITHUB_ENV: githubEnv, GITHUB_OUTPUT: output };
      expect(ok(await bash(certs, shardDir, shardEnv))).toEqual({ code: 0, out: "" });
      expect(ok(await bash(step(wf, "plan", "tenants").run!, shardDir, shardEnv))).toEqual({ code: 0, out: "" });
      expect(ok(await bash(step(wf, "plan", "credentials").run!, shardDir, shardEnv))).toEqual({ code: 0, out: "" });
      const withCredentials = { ...shardEnv, ...parseGithubEnv(readFileSync(githubEnv, "utf8")) };
      const plan = await bash(step(wf, "plan", "plan").run!, shardDir, withCredentials);
      expect(ok(plan)).toEqual({ code: 0, out: "" });
      expect(readFileSync(output, "utf8")).toMatch(/^code=0$/m);
    }
    // then shard 1 planned acme, the one changed tenant (whose credentials alone were read), and shard 2 nothing
    expect(readFileSync(join(shardDirs[0], "shard-tenants.txt"), "utf8")).toBe("acme\n");
    expect(readFileSync(join(shardDirs[1], "shard-tenants.txt"), "utf8")).toBe("");
    expect(vault.reads.filter((r) => r.includes("/tenants/"))).toEqual(["/v1/secret/data/hybrid/tenants/acme"]);
    expect(readdirSync(join(shardDirs[0], "plans")).sort()).toEqual(["acme.plan.json", "acme.terraform.lock.hcl", "acme.tfplan", "shard-1.txt", "stacks"]);
    expect(readdirSync(join(shardDirs[1], "plans"))).toEqual(["shard-2.txt"]);

    // when the summary job merges the shards' artifacts (download-artifact, merge-multiple) and summarizes
    const summaryDir = checkout();
    execFileSync("sh", ["-c", `mkdir -p plans && cp -R ${shardDirs.map((d) => `"${d}/plans/."`).join(" ")} plans/`], { cwd: summaryDir });
    const output = join(summaryDir, "github-output.txt");
    writeFileSync(output, "");
    const summary = await bash(step(wf, "summary", "summary").run!, summaryDir, { ...env, GITHUB_OUTPUT: output, PLAN_RESULT: "success" });
    expect(ok(summary)).toEqual({ code: 0, out: "" });
    // then summary.md has acme, every resource still to create, and the step output says 0
    expect(readFileSync(join(summaryDir, "summary.md"), "utf8")).toMatch(/^\| acme \| [1-9]\d* \| 0 \| 0 \| 0 \|/m);
    expect(readFileSync(output, "utf8")).toMatch(/^code=0$/m);
    // and the gate passes code 0, fails code 3 without the label, passes it with the label
    const gate = async (CODE: string, ALLOWED: string) => (await bash(step(wf, "summary", "gate").run!, summaryDir, { ...env, CODE, ALLOWED })).code;
    expect([await gate("0", "false"), await gate("3", "false"), await gate("3", "true")]).toEqual([0, 1, 0]);

    // when, after the merge, apply shard 1 gets plan shard 1's artifact and runs its steps
    const applyDir = checkout();
    execFileSync("cp", ["-R", join(shardDirs[0], "plans"), join(applyDir, "plans")]);
    const githubEnv = join(applyDir, "github-env.txt");
    writeFileSync(githubEnv, "");
    const applyEnv = { ...env, SHARD: "1", GITHUB_ENV: githubEnv, GITHUB_OUTPUT: join(applyDir, "github-output.txt") };
    expect(ok(await bash(step(wf, "apply", "tenants").run!, applyDir, applyEnv))).toEqual({ code: 0, out: "" });
    const applyCerts = wf.jobs.apply.steps.find((s) => s.name?.startsWith("Restore the tenants' certificate sets"))!.run!;
    expect(ok(await bash(applyCerts, applyDir, applyEnv))).toEqual({ code: 0, out: "" });
    const credentialsStep = wf.jobs.apply.steps.find((s) => s.name === "Their credentials, from Vault")!.run!;
    expect(ok(await bash(credentialsStep, applyDir, applyEnv))).toEqual({ code: 0, out: "" });
    const applied = await bash(step(wf, "apply", "apply").run!, applyDir, { ...applyEnv, ...parseGithubEnv(readFileSync(githubEnv, "utf8")) });
    // then acme's saved plan is applied: its org has the pacing client with the pull request's token duration
    expect(ok(applied)).toEqual({ code: 0, out: "" });
    const pacing = fake.oauthClients(TENANTS[0].orgId).find((c) => c.name === "PureEngage Client Credentials");
    expect(pacing?.accessTokenValiditySeconds).toBe(7200);
  }, 900_000);

  test("GitHub, the nightly drift: two shards' reports joined into one issue body", async () => {
    const wf = workflows.drift;
    const dir = checkout();
    const reports = join(dir, "artifacts");
    for (const shard of ["1", "2"]) {
      const githubEnv = join(dir, `github-env-${shard}.txt`);
      writeFileSync(githubEnv, "");
      const shardEnv = { ...runner, SHARDS: "2", SHARD: shard, VAULT_TOKEN: vault.token, GITHUB_ENV: githubEnv, GITHUB_OUTPUT: join(dir, "github-output.txt") };
      expect(ok(await bash(wf.jobs.drift.steps.find((s) => s.name === "Restore the tenants' certificate sets")!.run!, dir, shardEnv))).toEqual({ code: 0, out: "" });
      expect(ok(await bash(step(wf, "drift", "tenants").run!, dir, shardEnv))).toEqual({ code: 0, out: "" });
      const drift = await bash(step(wf, "drift", "drift").run!, dir, { ...shardEnv, ...parseGithubEnv(readFileSync(githubEnv, "utf8")) });
      // acme was deployed by the test above, at the pull request's token duration; globex-eu never was
      expect(ok(drift)).toEqual({ code: 0, out: "" });
      mkdirSync(reports, { recursive: true });
      execFileSync("sh", ["-c", `cp drift/* "${reports}/"`], { cwd: dir });
    }
    expect(readdirSync(reports).sort()).toEqual(["shard-1.code", "shard-1.json", "shard-1.md", "shard-2.code", "shard-2.json", "shard-2.md"]);
    expect(JSON.parse(readFileSync(join(reports, "shard-1.json"), "utf8")).tenants.map((t: { tenant: string; status: string }) => [t.tenant, t.status])).toEqual([["acme", "clean"]]);
    expect(JSON.parse(readFileSync(join(reports, "shard-2.json"), "utf8")).tenants.map((t: { tenant: string; status: string }) => [t.tenant, t.status])).toEqual([["globex-eu", "drifted"]]);
    // when the report job joins them
    const reportDir = mkdtempSync(join(tmpdir(), "report-"));
    execFileSync("cp", ["-R", reports, join(reportDir, "drift")]);
    const output = join(reportDir, "github-output.txt");
    const body = await bash(step(wf, "report", "body").run!, reportDir, { ...userEnv(), GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: join(reportDir, "summary.md"), RUN_URL: "https://example.invalid/run", DRIFT_RESULT: "success" });
    expect(ok(body)).toEqual({ code: 0, out: "" });
    // then the issue body has both shards' tables, and the worst exit code is drift's
    const text = readFileSync(join(reportDir, "drift-report.md"), "utf8");
    expect(text).toMatch(/exit code 3 \(0 clean, 3 drift found, 1 a tenant could not be checked\)/);
    expect(text).toMatch(/^### Drift, shard 1\/2: 1 tenant, 0 drifted, 0 not checked, 1 clean$/m);
    expect(text).toMatch(/^\| globex-eu \| `genesyscloud_oauth_client\.pacing-client` \| `\(the whole resource\)` \| exists \| absent \| plan \|$/m);
    expect(readFileSync(output, "utf8")).toMatch(/^worst=3$/m);
  }, 900_000);

  test("GitLab: two plan shards, the summary and the gate", async () => {
    const dir = checkout();
    const baseSha = source.git("rev-parse", "main").trim();
    const lines = (job: string): string => (gitlabJobs[job].script as string[]).join("\n");
    const variables = Object.fromEntries(Object.entries(gitlab.variables as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const env = { ...variables, ...runner, VAULT_TOKEN: vault.token, CI_MERGE_REQUEST_DIFF_BASE_SHA: baseSha };
    expect(ok(await bash("node examples/vault-tenant-env.mjs certs | tar -xz", dir, env))).toEqual({ code: 0, out: "" });
    for (const i of ["1", "2"]) {
      const plan = await bash(lines("plan"), dir, { ...env, CI_NODE_INDEX: i, CI_NODE_TOTAL: "2" });
      expect({ i, ...ok(plan) }).toEqual({ i, code: 0, out: "" });
    }
    expect(existsSync(join(dir, "plans", "acme.tfplan"))).toBe(true);
    expect(existsSync(join(dir, "plans", "globex-eu.tfplan"))).toBe(false);
    expect(existsSync(join(dir, "tenant-env.sh"))).toBe(false);
    const summary = await bash(lines("summary").replace("npm ci --no-audit --no-fund", "true"), dir, env);
    expect(ok(summary)).toEqual({ code: 0, out: "" });
    expect(readFileSync(join(dir, "summary.code"), "utf8").trim()).toBe("0");
    // (acme's plan: whatever the GitHub test above left deployed; globex-eu is unchanged, so not planned)
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toMatch(/^\| acme \| \d+ \| \d+ \| 0 \| 0 \|/m);
    expect(readFileSync(join(dir, "summary.md"), "utf8")).not.toMatch(/globex-eu/);
    // the gate, on a dangerous summary, with and without the label
    writeFileSync(join(dir, "summary.code"), "3\n");
    const gate = (labels: string) => bash(lines("gate"), dir, { ...env, CI_MERGE_REQUEST_LABELS: labels });
    expect([(await gate("docs")).code, (await gate("docs,allow-dangerous-plan")).code]).toEqual([1, 0]);
  }, 900_000);
});
