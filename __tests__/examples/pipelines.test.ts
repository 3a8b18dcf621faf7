/**
 * The example pipelines: the GitHub workflow passes actionlint (a real linter, built
 * from its Go module), the GitLab file has the jobs, stages and needs it promises, and
 * the shell lines of their synth, plan, summary and gate jobs, run as they are written,
 * plan two tenants against the Genesys Cloud double and summarize them.
 *
 * Only the entry points differ from CI: `$HYBRID` runs cli/hybrid.ts under ts-node
 * (CI runs the build, bin/hybrid.js), and the project's cdktf.json is the test app that
 * points every org at the double (testing/e2e/app-at-fake.ts).
 */
import { Redactor } from "../../core/redaction";
import { execFileSync, spawn, spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { GenesysCloudDouble, OrgCredentials } from "../../genesys-cloud-double";
import { writeCdktfProject } from "../../testing/e2e/cdktf-project";
import { tenantTerraformEnv } from "../../testing/e2e/tenant-stacks-at-fake";
import { projectTerraform } from "../../core/terraform/terraform";
import { HYBRID_BIN } from "../../testing/installed-cli";
import { REPO_PROJECT } from "../../testing/repo";
import { userEnv } from "../../testing/user-env";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { tenantsYaml, TestTenant } from "../plan/helpers";

const ROOT = join(__dirname, "..", "..");
const WORKFLOW = join(ROOT, "examples", "github-actions", "hybrid-tenants.yml");
const GITLAB = join(ROOT, "examples", "gitlab-ci", ".gitlab-ci.yml");
const TENANTS: TestTenant[] = [
  { name: "acme", orgId: "2e7a4c1f-9d3b-4e8a-b6c2-3f5d7e9a1b33" },
  { name: "globex-eu", orgId: "3f8b5d2a-0e4c-4f9b-a7d3-4a6e8f0b2c44" },
];

interface Step {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}
const workflow = parse(readFileSync(WORKFLOW, "utf8")) as { env: Record<string, string>; jobs: Record<string, { steps: Step[]; needs?: string | string[] }> };
const step = (job: string, id: string): Step => {
  const s = workflow.jobs[job].steps.find((x) => x.id === id);
  if (!s?.run) throw new Error(`${job}.${id} has no run`);
  return s;
};

/** Runs `script` as GitHub's default shell does (bash -e); asynchronously, so the double (in this process) keeps answering. */
function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-e", "-c", script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (out += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGTERM"), 600_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out });
    });
  });
}

describe("the example GitHub workflow", () => {
  test("passes actionlint", () => {
    // given actionlint built from its Go module (examples/install-actionlint.sh)
    const actionlint = execFileSync("sh", [join(ROOT, "examples", "install-actionlint.sh")], { encoding: "utf8" }).trim();
    // when the workflow is linted
    const r = spawnSync(actionlint, ["-no-color", WORKFLOW], { encoding: "utf8" });
    // then it has nothing to say
    expect({ code: r.status, out: r.stdout + r.stderr }).toEqual({ code: 0, out: "" });
  }, 900_000);

  test("actionlint does catch a broken copy (so the check above can fail)", () => {
    const actionlint = join(ROOT, ".toolchain", "bin", "actionlint");
    const dir = mkdtempSync(join(tmpdir(), "actionlint-"));
    const broken = join(dir, "broken.yml");
    writeFileSync(broken, readFileSync(WORKFLOW, "utf8").replace("needs: synth\n", "needs: synht\n"));
    const r = spawnSync(actionlint, ["-no-color", broken], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/synht/);
  });

  test("its jobs: plans from one synthesis, 4 at a time; the summary after every plan; apply only on merge", () => {
    const jobs = workflow.jobs as Record<string, any>;
    expect(jobs.plan.needs).toBe("synth");
    expect(jobs.plan.strategy["max-parallel"]).toBe(4);
    expect(jobs.summary.needs).toBe("plan");
    expect(jobs["approved-plans"].if).toMatch(/closed.*merged/);
    expect(jobs.apply.needs).toBe("approved-plans");
    expect(step("apply", "apply").run).toMatch(/terraform -chdir="\$stack" apply .*"\$PWD\/plans\/\$TENANT\.tfplan"/);
  });
});

describe("the example GitLab pipeline", () => {
  const doc = parse(readFileSync(GITLAB, "utf8")) as Record<string, any>;
  const jobs = Object.fromEntries(Object.entries(doc).filter(([k, v]) => !k.startsWith(".") && typeof v === "object" && v !== null && "script" in v));

  test("every job is in a declared stage and needs only jobs of earlier stages", () => {
    expect(doc.stages).toEqual(["synth", "plan", "summary", "review", "apply"]);
    expect(Object.keys(jobs).sort()).toEqual(["apply", "comment", "gate", "plan", "summary", "synth"]);
    for (const [name, job] of Object.entries(jobs)) {
      expect([name, doc.stages.includes(job.stage)]).toEqual([name, true]);
      for (const need of job.needs ?? []) {
        expect([name, need, doc.stages.indexOf(jobs[need]?.stage) < doc.stages.indexOf(job.stage)]).toEqual([name, need, true]);
      }
    }
    expect(jobs.plan.parallel).toBe(4);
    expect(jobs.plan.artifacts.paths).toEqual(["plans/"]);
    expect(jobs.apply.rules[0].if).toMatch(/CI_DEFAULT_BRANCH/);
    expect(jobs.synth.extends).toBe(".merge-request");
  });
});

describeWithGenesyscloud(__filename)("the pipelines' own commands, two tenants against the double", () => {
  let fake: GenesysCloudDouble;
  const creds: Record<string, OrgCredentials> = {};
  let baseEnv: Record<string, string>;

  /** `out` with every admin secret and the key password masked: what a failed step prints in an assertion message. */
  const masked = (out: string) => Redactor.of({ known: [TEST_KEY_PASSWORD, ...Object.values(creds).map((c) => c.adminClientSecret)] }).mask(out);

  /** A project checkout as CI has it: tenants file, certificates, node_modules, cdktf.json. */
  function checkout(): string {
    const { dir } = tenantFixture({ yaml: tenantsYaml(TENANTS) });
    writeCdktfProject(dir);
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    return dir;
  }

  beforeAll(async () => {
    fake = await GenesysCloudDouble.start();
    for (const t of TENANTS) creds[t.name] = fake.addOrg({ id: t.orgId, shortName: t.name.replace(/-/g, "") });
    // A runner's shell: the toolchain's Terraform configuration, and the installed CLI as $HYBRID.
    baseEnv = {
      ...(projectTerraform(REPO_PROJECT, userEnv()).env as Record<string, string>),
      HYBRID: `${process.execPath} ${HYBRID_BIN}`,
      HYBRID_TEST_GENESYS_URL: fake.url,
      CI: "true",
    };
  });

  afterAll(async () => {
    await fake?.stop();
  });

  test("GitHub: synth, the tenant matrix, one plan per tenant, the summary and the gate", async () => {
    const dir = checkout();
    const output = join(dir, "github-output");
    writeFileSync(output, "");
    const env = { ...baseEnv, ...workflow.env, HYBRID: baseEnv.HYBRID, GITHUB_OUTPUT: output };

    // when the synth job's steps run
    const synth = await bash(step("synth", "synth").run!, dir, env);
    expect({ code: synth.code, out: synth.code === 0 ? "" : masked(synth.out) }).toEqual({ code: 0, out: "" });
    expect((await bash(step("synth", "tenants").run!, dir, env)).code).toBe(0);
    const matrix = JSON.parse(/^matrix=(.*)$/m.exec(readFileSync(output, "utf8"))![1]);
    // then the matrix lists both tenants, with the secret-name prefix
    expect(matrix).toEqual([
      { tenant: "acme", prefix: "ACME" },
      { tenant: "globex-eu", prefix: "GLOBEX_EU" },
    ]);

    // when the plan step runs once per matrix entry, with the step's env as the workflow maps the secrets
    expect(Object.keys(step("plan", "plan").env!).sort()).toEqual(["ADMIN_CLIENT_ID", "ADMIN_CLIENT_SECRET", "PG_CONN_STR", "SAML_KEY_PASSWORD", "TENANT"]);
    for (const { tenant } of matrix) {
      const stepEnv = { TENANT: tenant, ADMIN_CLIENT_ID: creds[tenant].adminClientId, ADMIN_CLIENT_SECRET: creds[tenant].adminClientSecret, SAML_KEY_PASSWORD: TEST_KEY_PASSWORD, PG_CONN_STR: "" };
      const plan = await bash(step("plan", "plan").run!, dir, { ...env, ...stepEnv });
      expect({ tenant, code: plan.code, out: plan.code === 0 ? "" : masked(plan.out) }).toEqual({ tenant, code: 0, out: "" });
      // then its saved plan and JSON are where the artifact step takes them
      expect([existsSync(join(dir, "plans", `${tenant}.tfplan`)), existsSync(join(dir, "plans", `${tenant}.plan.json`))]).toEqual([true, true]);
    }

    // when the summary step runs on the plans
    const summary = await bash(step("summary", "summary").run!, dir, env);
    expect(summary.code).toBe(0);
    // then summary.md has both tenants (every resource still to create) and the step output says 0
    const md = readFileSync(join(dir, "summary.md"), "utf8");
    expect(md).toMatch(/^\| acme \| [1-9]\d* \| 0 \| 0 \| 0 \|/m);
    expect(md).toMatch(/^\| globex-eu \| [1-9]\d* \| 0 \| 0 \| 0 \|/m);
    expect(readFileSync(output, "utf8")).toMatch(/^code=0$/m);

    // and the gate passes code 0, fails code 3 without the label, passes it with the label
    const gate = async (CODE: string, ALLOWED: string) => (await bash(step("summary", "gate").run!, dir, { ...env, CODE, ALLOWED })).code;
    expect([await gate("0", "false"), await gate("3", "false"), await gate("3", "true")]).toEqual([0, 1, 0]);
  }, 900_000);

  test("GitLab: synth, two plan shards, the summary and the gate", async () => {
    const dir = checkout();
    const doc = parse(readFileSync(GITLAB, "utf8")) as Record<string, any>;
    const env = { ...baseEnv, ...doc.variables, HYBRID: baseEnv.HYBRID };
    for (const t of TENANTS) Object.assign(env, tenantTerraformEnv(t.name, creds[t.name], TEST_KEY_PASSWORD));
    const setup = new Set<string>([...doc[".setup"], ...doc[".terraform"]]);
    /** A job's script lines without the shared setup (npm ci, certificates, toolchain: done here already). */
    const lines = (job: string): string => (doc[job].script as (string | string[])[]).flat().filter((l) => !setup.has(l)).join("\n");
    const run = async (job: string, extra: Record<string, string> = {}) => bash(lines(job), dir, { ...env, ...extra });

    const synth = await run("synth");
    expect({ code: synth.code, out: synth.code === 0 ? "" : masked(synth.out) }).toEqual({ code: 0, out: "" });
    // two shards of the plan job, as GitLab's parallel: numbers them
    for (const i of ["1", "2"]) {
      const plan = await run("plan", { CI_NODE_INDEX: i, CI_NODE_TOTAL: "2" });
      expect({ i, code: plan.code, out: plan.code === 0 ? "" : masked(plan.out) }).toEqual({ i, code: 0, out: "" });
    }
    expect(TENANTS.map((t) => existsSync(join(dir, "plans", `${t.name}.tfplan`)))).toEqual([true, true]);
    const summary = await run("summary");
    expect(summary.code).toBe(0);
    expect(readFileSync(join(dir, "summary.code"), "utf8").trim()).toBe("0");
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toMatch(/^\| globex-eu \| [1-9]\d* \| 0 \| 0 \| 0 \|/m);
    // the gate, on a dangerous summary, with and without the label
    writeFileSync(join(dir, "summary.code"), "3\n");
    expect([(await run("gate", { CI_MERGE_REQUEST_LABELS: "docs" })).code, (await run("gate", { CI_MERGE_REQUEST_LABELS: "docs,allow-dangerous-plan" })).code]).toEqual([1, 0]);
  }, 900_000);
});
