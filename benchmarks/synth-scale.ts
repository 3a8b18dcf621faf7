/**
 * Synthesis at scale: N tenants sharing one certificate, `main.ts` run as `cdktf synth`
 * runs it (a fresh Node process running `ts-node --transpile-only main.ts` as cdktf.json has it: the whole process from the command line), wall time and
 * peak RSS from /usr/bin/time. Shows whether the cost grows linearly with the tenants.
 *
 *   npx ts-node --transpile-only benchmarks/synth-scale.ts [tenants=1000,10000]
 */
import { spawnSync } from "child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { createCertSet, defaultSubject } from "../lib/certs";
import { REGION_NAMES } from "../lib/regions";

const ROOT = join(__dirname, "..");

function orgId(i: number): string {
  const hex = i.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

function run(n: number, certDir: string): { seconds: number; peakMb: number; stacks: number } {
  const dir = mkdtempSync(join(tmpdir(), `synth-${n}-`));
  mkdirSync(join(dir, "certs"));
  for (const f of readdirSync(certDir)) copyFileSync(join(certDir, f), join(dir, "certs", f));
  const lines = ["defaults:", "  saml: { certificate: certs/cert.pem }", "tenants:"];
  for (let i = 0; i < n; i++) {
    const name = `t${i}`;
    lines.push(
      `  ${name}:`,
      `    region: ${REGION_NAMES[i % REGION_NAMES.length]}`,
      `    organization: { id: ${orgId(i)}, shortName: ${name} }`,
      `    saml: { issuer: https://engage.${name}.example/pureengage }`,
    );
  }
  writeFileSync(join(dir, "tenants.yaml"), lines.join("\n") + "\n");
  const tsNode = require.resolve("ts-node/dist/bin.js");
  const result = spawnSync(
    "/usr/bin/time",
    ["-f", "%e %M", process.execPath, tsNode, "--transpile-only", "--project", join(ROOT, "tsconfig.json"), join(ROOT, "main.ts")],
    { cwd: dir, env: { ...process.env, HYBRID_CONFIG: join(dir, "tenants.yaml"), CDKTF_OUTDIR: join(dir, "cdktf.out") }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`synthesis of ${n} tenants failed:\n${result.stderr.slice(-2000)}`);
  const [seconds, kb] = result.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  const stacks = readdirSync(join(dir, "cdktf.out", "stacks")).length;
  rmSync(dir, { recursive: true, force: true });
  return { seconds, peakMb: Math.round(kb / 1024), stacks };
}

function main(): void {
  const sizes = (process.argv[2] ?? "1000,10000").split(",").map(Number);
  const certDir = mkdtempSync(join(tmpdir(), "synth-cert-"));
  createCertSet(certDir, { subject: defaultSubject("bench"), days: 365, keyBits: 2048, format: "traditional", password: "benchmark-only", now: new Date(), force: true });
  for (const n of sizes) {
    const r = run(n, certDir);
    console.log(`${n} tenants: ${r.seconds.toFixed(1)} s, peak RSS ${r.peakMb} MB, ${r.stacks} stacks (${((r.seconds / n) * 1000).toFixed(2)} ms per tenant)`);
  }
  rmSync(certDir, { recursive: true, force: true });
}

main();
