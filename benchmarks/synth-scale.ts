/**
 * Synthesis at scale: N tenants sharing one certificate, synthesized by the app command
 * of cdktf.json exactly as `cdktf synth` runs it (bundle with esbuild, then run: the whole
 * process from the command line): with the synthesis cache cold (an empty cache of its own:
 * every stack synthesized, and stored) on the threads it picks and on one thread, and warm
 * (every stack stored by an earlier run: written from the cache). Wall time and peak RSS from
 * /usr/bin/time, the median of R runs. Shows whether the cost grows linearly with the tenants,
 * what the worker threads add, and what the cache saves.
 *
 *   npx ts-node --transpile-only benchmarks/synth-scale.ts [tenants=1000,10000] [runs=3]
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { writeManyTenants } from "../testing/many-tenants";

const ROOT = join(__dirname, "..");

/** One synthesis of `n` tenants: in a new project with an empty cache of its own, or in `warm`'s project with its cache. */
function run(n: number, env: Record<string, string>, warm?: { readonly dir: string; readonly cache: string }): { seconds: number; peakMb: number; stacks: number; threads: string } {
  const dir = warm?.dir ?? mkdtempSync(join(tmpdir(), `synth-${n}-`));
  const cacheDir = warm?.cache ?? mkdtempSync(join(tmpdir(), "synth-cache-"));
  const tenantsFile = warm ? join(dir, "tenants.yaml") : writeManyTenants(dir, n);
  rmSync(join(dir, "cdktf.out"), { recursive: true, force: true });
  const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", "sh", "-c", app], {
    cwd: ROOT,
    env: { ...process.env, ...env, HYBRID_CONFIG: tenantsFile, CDKTF_OUTDIR: join(dir, "cdktf.out"), HYBRID_SYNTH_CACHE: cacheDir },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`synthesis of ${n} tenants failed:\n${result.stderr.slice(-2000)}`);
  const threads = /on (\d+) threads/.exec(result.stderr)?.[1] ?? (/from the synthesis cache/.test(result.stderr) ? "0" : "1");
  const [seconds, kb] = result.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  const stacks = readdirSync(join(dir, "cdktf.out", "stacks")).length;
  const listed = Object.keys((JSON.parse(readFileSync(join(dir, "cdktf.out", "manifest.json"), "utf8")) as { stacks: object }).stacks).length;
  if (stacks !== n || listed !== n) throw new Error(`synthesis of ${n} tenants wrote ${stacks} stack folders and listed ${listed} stacks in manifest.json`);
  if (!warm) rmSync(dir, { recursive: true, force: true });
  if (!warm) rmSync(cacheDir, { recursive: true, force: true });
  return { seconds, peakMb: Math.round(kb / 1024), stacks, threads };
}

function main(): void {
  const sizes = (process.argv[2] ?? "1000,10000").split(",").map(Number);
  const runs = Number(process.argv[3] ?? "3");
  for (const n of sizes) {
    const warm = { dir: mkdtempSync(join(tmpdir(), `synth-${n}-warm-`)), cache: mkdtempSync(join(tmpdir(), "synth-cache-warm-")) };
    writeManyTenants(warm.dir, n);
    run(n, {}, warm); // fills the cache
    const modes: [string, Record<string, string>, typeof warm | undefined][] = [
      ["cache cold, threads as picked", {}, undefined],
      ["cache cold, one thread", { HYBRID_SYNTH_THREADS: "1" }, undefined],
      ["cache warm", {}, warm],
    ];
    for (const [label, env, cache] of modes) {
      const all = Array.from({ length: runs }, () => run(n, env, cache)).sort((a, b) => a.seconds - b.seconds);
      const r = all[Math.floor(all.length / 2)];
      const spread = `${all[0].seconds.toFixed(1)}–${all[all.length - 1].seconds.toFixed(1)} s`;
      const threads = r.threads === "0" ? "nothing synthesized" : `${r.threads} thread${r.threads === "1" ? "" : "s"}`;
      console.log(
        `${n} tenants, ${label} (${threads}): ${r.seconds.toFixed(1)} s median of ${runs} (${spread}), peak RSS ${Math.max(...all.map((a) => a.peakMb))} MB, ` +
          `${r.stacks} stacks (${((r.seconds / n) * 1000).toFixed(2)} ms per tenant)`,
      );
    }
    rmSync(warm.dir, { recursive: true, force: true });
    rmSync(warm.cache, { recursive: true, force: true });
  }
}

main();
