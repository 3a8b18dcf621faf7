/**
 * `hybrid certs status --all` over a fleet: N tenants, each with its own certificate file (one in
 * ten in a key rollover at publish, with a next certificate too), run as users run it (the compiled
 * CLI, `node bin/hybrid.js`, a process of its own), wall time and peak RSS from /usr/bin/time, the
 * median of R runs. The goal: under 2 s for 1,000 tenants (README, "Measured").
 *
 *   npm run build && npx ts-node --transpile-only benchmarks/certs-status.ts [tenants=1000] [runs=5]
 */
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { generateRsaKeyPair } from "../core/certs/key-pair";
import { createSelfSignedCertificate } from "../core/certs/self-signed-certificate";
import { REGION_NAMES } from "../core/genesys/regions";
import { HYBRID_BIN } from "../testing/installed-cli";
import { tenantsYaml } from "../testing/tenants-yaml";
import { makeUserProject } from "../testing/user-project";

/** A project of `n` tenants; certificates share one key (RSA generation is not what is measured) and expire 1 to 2,000 days from now. */
function fleet(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), `certs-status-${n}-`));
  makeUserProject(dir);
  const keys = generateRsaKeyPair(2048);
  const write = (file: string, days: number) => {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), createSelfSignedCertificate({ keys, subject: { commonName: file, organization: "bench" }, days, now: new Date() }));
  };
  const tenants = Array.from({ length: n }, (_, i) => {
    const name = `t${i}`;
    write(`certs/${name}/cert.pem`, 1 + ((i * 7919) % 2000));
    const rollover = i % 10 === 0 ? { certificate: `certs/${name}/next/cert.pem`, stage: "publish" } : undefined;
    if (rollover) write(rollover.certificate, 3652);
    return { name, orgId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`, region: REGION_NAMES[i % REGION_NAMES.length], rollover };
  });
  writeFileSync(join(dir, "tenants.yaml"), tenantsYaml(tenants));
  return dir;
}

function run(dir: string): { seconds: number; peakMb: number; rows: number } {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, HYBRID_BIN, "certs", "status", "--all"], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  // 3: some certificates have under 7 days left, as in a real fleet.
  if (r.status !== 0 && r.status !== 3) throw new Error(`hybrid certs status failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const [seconds, kb] = r.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  const rows = r.stdout.split("\n").filter((l) => /^t\d+ /.test(l)).length;
  return { seconds, peakMb: Math.round(kb / 1024), rows };
}

function main(): void {
  const n = Number(process.argv[2] ?? "1000");
  const runs = Number(process.argv[3] ?? "5");
  const dir = fleet(n);
  try {
    const all = Array.from({ length: runs }, () => run(dir)).sort((a, b) => a.seconds - b.seconds);
    const median = all[Math.floor(all.length / 2)];
    if (median.rows !== n) throw new Error(`expected ${n} rows, got ${median.rows}`);
    console.log(
      `hybrid certs status --all, ${n} tenants (${n / 10} in a rollover): ${median.seconds.toFixed(2)} s median of ${runs} ` +
        `(${all[0].seconds.toFixed(2)}–${all[all.length - 1].seconds.toFixed(2)} s), peak RSS ${Math.max(...all.map((a) => a.peakMb))} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
