/**
 * Plans N tenants against the Genesys Cloud double two ways, in the same run, from
 * fresh synthesized stacks each (neither inherits the other's .terraform):
 *   1. `cdktf synth`, then `hybrid plan --all --no-synth --parallel P` (one init alone, then P at a time);
 *   2. `cdktf synth`, then `cdktf diff <tenant> --skip-synth --skip-provider-lock`, P processes at a time
 *      (cdktf diff takes one stack per run).
 * Prints the wall times and their ratio. No credential is printed.
 *
 *   npx ts-node --transpile-only benchmarks/plan-all.ts [tenants=10] [parallel=4]
 */
import { randomUUID } from "crypto";
import { symlinkSync } from "fs";
import { join } from "path";
import { runBounded } from "../core/bounded-pool";
import { GenesysCloudDouble } from "../genesys-cloud-double";
import { runCdktf, writeCdktfProject } from "../testing/e2e/cdktf-project";
import { removeTempDir } from "../testing/e2e/temp-dir";
import { tenantTerraformEnv } from "../testing/e2e/tenant-stacks-at-fake";
import { tenantsYaml } from "../testing/tenants-yaml";
import { tenantFixture, TEST_KEY_PASSWORD } from "../testing/tenant-fixture";
import { runInstalled } from "../testing/installed-cli";

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 10);
  const parallel = Number(process.argv[3] ?? 4);
  const fake = await GenesysCloudDouble.start();
  const names = Array.from({ length: n }, (_, i) => `tenant-${String(i + 1).padStart(3, "0")}`);
  const env: Record<string, string> = { HYBRID_TEST_GENESYS_URL: fake.url };
  const tenants = names.map((name) => ({ name, orgId: randomUUID() }));
  for (const { name, orgId } of tenants) Object.assign(env, tenantTerraformEnv(name, fake.addOrg({ id: orgId, shortName: name.replace(/-/g, "") }), TEST_KEY_PASSWORD));
  const yaml = tenantsYaml(tenants, ["preventDestroy: false"]);
  const secrets = Object.values(env);
  const project = () => {
    const { dir } = tenantFixture({ yaml });
    writeCdktfProject(dir);
    symlinkSync(join(__dirname, "..", "node_modules"), join(dir, "node_modules"));
    return dir;
  };
  const synth = async (dir: string) => {
    const r = await runCdktf(dir, ["synth"], env, secrets);
    if (r.code !== 0) throw new Error(`cdktf synth failed:\n${r.output.slice(-3000)}`);
    return r.durationMs;
  };
  const rows: string[] = [];
  const hybridDir = project();
  const cdktfDir = project();
  try {
    // 1. hybrid plan --all
    const synthA = await synth(hybridDir);
    const started = Date.now();
    // The installed CLI, as a user runs it; its output already masked.
    const planned = await runInstalled(["plan", "--all", "--no-synth", "--parallel", String(parallel), "--out", "plans"], { cwd: hybridDir, env: { ...env, CI: "true" }, redact: secrets });
    const planA = Date.now() - started;
    const out = planned.stdout + planned.stderr;
    const failedA = (out.match(/^\S+\s+FAILED\s/gm) ?? []).length;
    if (planned.code !== 0) process.stderr.write(out.slice(-3000) + "\n");

    // 2. cdktf diff, one process per tenant, `parallel` at a time
    const synthB = await synth(cdktfDir);
    const startedB = Date.now();
    const diffs = await runBounded(names, parallel, (name) => runCdktf(cdktfDir, ["diff", name, "--skip-synth", "--skip-provider-lock"], env, secrets));
    const planB = Date.now() - startedB;
    const failedB = diffs.filter((d) => d.code !== 0);
    if (failedB.length > 0) process.stderr.write(`first cdktf diff failure:\n${failedB[0].output.slice(-2000)}\n`);

    const s = (ms: number) => (ms / 1000).toFixed(1);
    rows.push(
      `tenants ${n}, parallel ${parallel}`,
      `hybrid plan --all:  synth ${s(synthA)} s + plan ${s(planA)} s = ${s(synthA + planA)} s  (${n - failedA} planned, ${failedA} failed)`,
      `cdktf diff x ${n}:    synth ${s(synthB)} s + diff ${s(planB)} s = ${s(synthB + planB)} s  (${n - failedB.length} planned, ${failedB.length} failed)`,
      `ratio, planning only (cdktf diff / hybrid plan): ${(planB / planA).toFixed(2)}`,
      `ratio, synth + planning: ${((synthB + planB) / (synthA + planA)).toFixed(2)}`,
    );
  } finally {
    await fake.stop();
    removeTempDir(hybridDir);
    removeTempDir(cdktfDir);
  }
  process.stdout.write(rows.join("\n") + "\n");
}

void main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
});
