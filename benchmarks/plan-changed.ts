/**
 * `hybrid plan --changed` against `hybrid plan --all`, in one run: a git repository of N tenants
 * (sharing one certificate set) and their sandbox (the Genesys Cloud double, in this process, as
 * a sourced sandbox.env has it), a commit changing one tenant's issuer, then the installed CLI:
 *
 * - `plan --changed` on all N tenants, with the synthesis cache cold (a first run, as in a CI
 *   job without a cache) and warm (the same run again, as on the next push);
 * - `plan --all` on M of them (M <= N), extrapolated linearly to N, since planning is per tenant.
 *
 * Prints the seconds and the ratios.
 *
 *   TMPDIR=/some/fast/disk npx ts-node --transpile-only benchmarks/plan-changed.ts [tenants=1000] [planned-by-all=200] [parallel=4]
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { GenesysCloudDouble } from "../genesys-cloud-double";
import { doubleSandboxShell } from "../testing/double-sandbox";
import { runInstalled } from "../testing/installed-cli";
import { writeManyTenants } from "../testing/many-tenants";
import { makeUserProject } from "../testing/user-project";
import { initRepository } from "../testing/git-repo";

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? "1000");
  const m = Math.min(n, Number(process.argv[3] ?? "200"));
  const parallel = process.argv[4] ?? "4";
  const dir = mkdtempSync(join(tmpdir(), "plan-changed-"));
  makeUserProject(dir);
  // writeManyTenants' certificate set is encrypted under "test-only".
  const tenantsFile = writeManyTenants(dir, n);
  writeFileSync(join(dir, ".gitignore"), ["certs/", "cdktf.out/", ".hybrid-cache/", ".sandbox/", "plans*/", "state/", ".toolchain", "all.yaml"].join("\n") + "\n");
  const git = initRepository(dir, `${n} tenants`);
  git("checkout", "-q", "-b", "change");
  const changed = `t${Math.floor(n / 2)}`;
  writeFileSync(tenantsFile, readFileSync(tenantsFile, "utf8").replace(`https://engage.${changed}.example/pureengage`, `https://engage.${changed}.example/renamed`));
  git("commit", "-q", "-am", `${changed}'s issuer`);

  const double = await GenesysCloudDouble.start();
  try {
    const names = Array.from({ length: n }, (_, i) => `t${i}`);
    const shell = doubleSandboxShell(double, dir, names.map((name, i) => ({ name, orgId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`, keyPassword: "test-only" })));
    const timed = async (label: string, args: string[], env: Record<string, string> = {}) => {
      const started = Date.now();
      const r = await runInstalled(args, { cwd: dir, env: { ...shell, ...env }, timeoutMs: 4 * 3600_000 });
      const seconds = (Date.now() - started) / 1000;
      if (r.code !== 0) throw new Error(`${label} exited ${r.code}:\n${r.stderr.slice(-3000)}`);
      console.log(`${label}: ${seconds.toFixed(1)} s`);
      return { seconds, stdout: r.stdout };
    };

    const cold = await timed(`plan --changed, ${n} tenants, synthesis cache cold`, ["plan", "--changed", "--parallel", parallel, "--out", "plans-changed"]);
    const planned = /^changed: (.*); new: (.*); removed/m.exec(cold.stdout);
    if (planned?.[1] !== changed || planned[2] !== "none") throw new Error(`plan --changed planned ${planned?.[0] ?? "?"}, not exactly ${changed}`);
    const warm = await timed(`plan --changed, ${n} tenants, synthesis cache warm`, ["plan", "--changed", "--parallel", parallel, "--out", "plans-changed"]);

    // plan --all of the first M tenants: their own tenants file (planning is per tenant; synthesis included)
    const all = readFileSync(tenantsFile, "utf8");
    const kept = all.split(/\n(?=  t\d+:\n)/);
    const head = kept[0];
    writeFileSync(join(dir, "all.yaml"), [head, ...kept.slice(1, m + 1)].join("\n") + "\n");
    const planAll = await timed(`plan --all, ${m} tenants`, ["plan", "--all", "--parallel", parallel, "--out", "plans-all"], { HYBRID_CONFIG: join(dir, "all.yaml") });
    const extrapolated = (planAll.seconds * n) / m;
    console.log(`plan --all, ${n} tenants, extrapolated linearly from ${m}: ${extrapolated.toFixed(0)} s`);
    console.log(`ratio, plan --all / plan --changed: ${(extrapolated / cold.seconds).toFixed(0)}x (cache cold), ${(extrapolated / warm.seconds).toFixed(0)}x (cache warm)`);
  } finally {
    await double.stop();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
