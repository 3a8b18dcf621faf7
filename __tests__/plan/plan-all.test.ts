/**
 * `hybrid plan --all` and planAll against the Genesys Cloud double with the real
 * Terraform and providers: several tenants planned in parallel from one synthesis,
 * with a cold shared plugin cache.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { join } from "path";
import { randomUUID } from "crypto";
import { planAll, type PlanEvent } from "../../services/plan/plan-all";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { projectTerraform } from "../../core/terraform/terraform";
import { loadToolchain } from "../../core/toolchain/toolchain-manifest";
import { GenesysCloudDouble } from "../../genesys-cloud-double";
import { synthesize } from "../../stacks/synthesize";
import { REPO_PROJECT } from "../../testing/repo";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture } from "../../testing/tenant-fixture";
import { hybrid, synthAtFake, tenantEnv, tenantsYaml, TestTenant } from "./helpers";

const TENANTS: TestTenant[] = ["t-one", "t-two", "t-three", "t-four", "t-five"].map((name) => ({ name, orgId: randomUUID() }));

/** A CLI configuration like the toolchain's, with its own (empty) plugin cache. */
function coldCacheConfig(dir: string): { file: string; cache: string } {
  const cache = join(dir, "plugin-cache");
  mkdirSync(cache);
  const own = readFileSync(loadToolchain(REPO_PROJECT).cliConfigFile, "utf8").replace(/^plugin_cache_dir\s*=.*$/m, `plugin_cache_dir = ${JSON.stringify(cache)}`);
  expect(own).toContain(cache);
  const file = join(dir, "terraformrc");
  writeFileSync(file, own);
  return { file, cache };
}

/** Every file under `dir` with its inode and modification time. */
function filesWithStamps(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const st = statSync(join(dir, entry));
    if (st.isFile()) out[entry] = `${st.ino}:${st.mtimeMs}`;
  }
  return out;
}

describeWithGenesyscloud(__filename)("planning every tenant", () => {
  let fake: GenesysCloudDouble;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await GenesysCloudDouble.start();
    env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", CI: "true" };
    for (const t of TENANTS) Object.assign(env, tenantEnv(t.name, fake.addOrg({ id: t.orgId, shortName: t.name.replace(/-/g, "") })));
  });

  afterAll(async () => {
    await fake?.stop();
  });

  test("one synthesis, then inits and plans in parallel with a cold plugin cache: the cache is written by the first init only", async () => {
    // given five tenants synthesized in-process as main.ts does, and an empty plugin cache
    const { dir } = tenantFixture({ yaml: tenantsYaml(TENANTS) });
    const synth = await synthesize(loadTenantsFile(join(dir, "tenants.yaml")), { kind: "double", url: fake.url }, { outdir: join(dir, "cdktf.out") });
    expect(synth.tenants).toEqual(TENANTS.map((t) => t.name).sort());
    const { file, cache } = coldCacheConfig(dir);
    const events: PlanEvent[] = [];
    let cacheAfterFirstInit: Record<string, string> | undefined;

    // when every tenant is planned, four at a time
    const results = await planAll({
      stacksDir: join(dir, "cdktf.out", "stacks"),
      tenants: synth.tenants,
      outDir: join(dir, "plans"),
      parallel: 4,
      terraform: projectTerraform(REPO_PROJECT, { ...env, TF_CLI_CONFIG_FILE: file }),
      onEvent: (e) => {
        events.push(e);
        if (e.type === "phase-end" && e.phase === "init" && cacheAfterFirstInit === undefined) cacheAfterFirstInit = filesWithStamps(cache);
      },
    });

    // then every tenant has a saved plan with changes (nothing is deployed yet)
    expect(results.map((r) => [r.tenant, r.result, r.error ?? ""])).toEqual(synth.tenants.map((t) => [t, "changes", ""]));
    for (const t of synth.tenants) {
      expect(existsSync(join(dir, "plans", `${t}.tfplan`))).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, "plans", `${t}.plan.json`), "utf8")).format_version).toMatch(/^1\./);
      expect(statSync(join(dir, "plans", `${t}.plan.json`)).mode & 0o077).toBe(0);
    }
    // and the first init ran alone: it ended before any other init began
    const inits = events.filter((e): e is Extract<PlanEvent, { type: "phase" }> => e.type === "phase" && e.phase === "init");
    const firstEnd = events.find((e) => e.type === "phase-end" && e.phase === "init")!;
    expect(inits).toHaveLength(TENANTS.length);
    expect(inits.slice(1).every((e) => e.at >= (firstEnd as { at: number }).at)).toBe(true);
    // and the others did overlap (the parallelism is real)
    const planStarts = events.filter((e) => e.type === "phase" && e.phase === "plan").length;
    expect(planStarts).toBe(TENANTS.length);
    const maxConcurrent = (() => {
      let now = 0;
      let max = 0;
      for (const e of events) {
        if (e.type === "phase" && (e.phase === "init" || e.phase === "plan")) max = Math.max(max, ++now);
        if (e.type === "phase-end" && (e.phase === "init" || e.phase === "plan")) now--;
      }
      return max;
    })();
    expect(maxConcurrent).toBeGreaterThan(1);
    expect(maxConcurrent).toBeLessThanOrEqual(4);
    // and the cache got the providers from that first init and was never written again (no "text file busy" race)
    expect(Object.keys(cacheAfterFirstInit!).length).toBeGreaterThanOrEqual(2);
    expect(filesWithStamps(cache)).toEqual(cacheAfterFirstInit);
  }, 900_000);

  test("hybrid plan --all --no-synth: progress lines, a final table, and exit 1 naming the tenant whose plan failed", async () => {
    // given two tenants synthesized, one of them without its admin secret in the environment
    const two = TENANTS.slice(0, 2);
    const { dir } = tenantFixture({ yaml: tenantsYaml(two) });
    await synthAtFake(dir, tenantsYaml(two), fake);
    const partial = { ...env };
    delete partial.TF_VAR_t_two_admin_client_secret;

    // when planned through the CLI
    const r = await hybrid(["plan", "--all", "--no-synth", "--parallel", "2", "--out", "out"], dir, partial);

    // then t-one is planned and saved, t-two failed, named with Terraform's reason, and the run exits 1
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^t-one: init$/m);
    expect(r.stdout).toMatch(/^\[\d\/2\] t-one: \d+ changes \(\d+\.\d s\)$/m);
    expect(r.stdout).toMatch(/^tenant\s+result\s+changes\s+seconds$/m);
    expect(r.stdout).toMatch(/^t-one\s+changes\s+\d+\s+\d+\.\d$/m);
    expect(r.stdout).toMatch(/^t-two\s+FAILED\s+-\s+\d+\.\d$/m);
    expect(r.stderr).toMatch(/t-two: terraform plan exited 1: .*t_two_admin_client_secret/s);
    expect(r.stderr).toMatch(/hybrid: 1 tenant could not be planned: t-two \(the reasons above\); the others were planned/);
    expect(existsSync(join(dir, "out", "t-one.plan.json"))).toBe(true);
    expect(existsSync(join(dir, "out", "t-two.tfplan"))).toBe(false);
  }, 600_000);

  test("hybrid plan in a shell that sourced a sandbox's sandbox.env synthesizes and plans for that sandbox, as cdktf synth does", async () => {
    // given one tenant and a sandbox's variables (the double stands in for the sandbox)
    const one = TENANTS.slice(0, 1);
    const { dir } = tenantFixture({ yaml: tenantsYaml(one) });
    const sandboxEnv = { ...env, HYBRID_SANDBOX_URL: fake.url, HYBRID_SANDBOX_STATE_DIR: join(dir, "sandbox-state"), TF_VAR_hybrid_sandbox: fake.url };

    // when planned through the CLI, synthesis included
    const r = await hybrid(["plan", "--all", "--out", "out"], dir, sandboxEnv);

    // then the stack was made for the sandbox, its guard passed, and the plan was saved
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const stack = JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", "t-one", "cdk.tf.json"), "utf8"));
    expect(stack.variable.hybrid_sandbox.validation[0].condition).toBe(`\${var.hybrid_sandbox == "${fake.url}"}`);
    expect(existsSync(join(dir, "out", "t-one.plan.json"))).toBe(true);
  }, 600_000);

  test("bad arguments are refused before anything runs", async () => {
    const { dir } = tenantFixture({ yaml: tenantsYaml(TENANTS.slice(0, 1)) });
    await synthAtFake(dir, tenantsYaml(TENANTS.slice(0, 1)), fake);
    const cases = await Promise.all([
      hybrid(["plan"], dir, env),
      hybrid(["plan", "--all", "--tenant", "t-one", "--no-synth"], dir, env),
      hybrid(["plan", "--tenant", "nobody", "--no-synth"], dir, env),
      hybrid(["plan", "--all", "--parallel", "0", "--no-synth"], dir, env),
      hybrid(["plan", "--all", "--shard", "3/2", "--no-synth"], dir, env),
    ]);
    expect(cases.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(cases[0].stderr).toMatch(/name the tenant to plan with --tenant <name>, or plan every tenant with --all/);
    expect(cases[1].stderr).toMatch(/option '--tenant <name>' cannot be used with option '--all'/);
    expect(cases[2].stderr).toMatch(/tenant nobody is not in cdktf\.out \(its tenants: t-one\)/);
    expect(cases[3].stderr).toMatch(/--parallel 0: give a whole number from 1 to 64/);
    expect(cases[4].stderr).toMatch(/--shard 3\/2: give <i>\/<n> with 1 <= i <= n/);
    expect(existsSync(join(dir, "plans"))).toBe(false);
  }, 120_000);
});
