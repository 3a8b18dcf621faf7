/**
 * Synthesis at scale: N tenants sharing one certificate, synthesized by the app command
 * of cdktf.json exactly as `cdktf synth` runs it (bundle with esbuild, then run: the whole
 * process from the command line), on the threads it picks and on one thread. Wall time
 * and peak RSS from /usr/bin/time, the median of R runs. Shows whether the cost grows
 * linearly with the tenants, and what the worker threads add.
 *
 *   npx ts-node --transpile-only benchmarks/synth-scale.ts [tenants=1000,10000] [runs=3]
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { writeManyTenants } from "../testing/many-tenants";

const ROOT = join(__dirname, "..");

function run(n: number, env: Record<string, string>): { seconds: number; peakMb: number; stacks: number; threads: string } {
  const dir = mkdtempSync(join(tmpdir(), `synth-${n}-`));
  const tenantsFile = writeManyTenants(dir, n);
  const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", "sh", "-c", app], {
    cwd: ROOT,
    env: { ...process.env, ...env, HYBRID_CONFIG: tenantsFile, CDKTF_OUTDIR: join(dir, "cdktf.out") },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`synthesis of ${n} tenants failed:\n${result.stderr.slice(-2000)}`);
  const threads = /on (\d+) threads/.exec(result.stderr)?.[1] ?? "1";
  const [seconds, kb] = result.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  const stacks = readdirSync(join(dir, "cdktf.out", "stacks")).length;
  const listed = Object.keys((JSON.parse(readFileSync(join(dir, "cdktf.out", "manifest.json"), "utf8")) as { stacks: object }).stacks).length;
  if (stacks !== n || listed !== n) throw new Error(`synthesis of ${n} tenants wrote ${stacks} stack folders and listed ${listed} stacks in manifest.json`);
  rmSync(dir, { recursive: true, force: true });
  return { seconds, peakMb: Math.round(kb / 1024), stacks, threads };
}

function main(): void {
  const sizes = (process.argv[2] ?? "1000,10000").split(",").map(Number);
  const runs = Number(process.argv[3] ?? "3");
  for (const n of sizes) {
    for (const [label, env] of [["threads as picked", {}], ["one thread", { HYBRID_SYNTH_THREADS: "1" }]] as const) {
      const all = Array.from({ length: runs }, () => run(n, env)).sort((a, b) => a.seconds - b.seconds);
      const r = all[Math.floor(all.length / 2)];
      const spread = `${all[0].seconds.toFixed(1)}–${all[all.length - 1].seconds.toFixed(1)} s`;
      console.log(
        `${n} tenants, ${label} (${r.threads} thread${r.threads === "1" ? "" : "s"}): ${r.seconds.toFixed(1)} s median of ${runs} (${spread}), peak RSS ${Math.max(...all.map((a) => a.peakMb))} MB, ` +
          `${r.stacks} stacks (${((r.seconds / n) * 1000).toFixed(2)} ms per tenant)`,
      );
    }
  }
}

main();
