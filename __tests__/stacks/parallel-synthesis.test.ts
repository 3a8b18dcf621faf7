import { spawnSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { App } from "cdktf";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { addTenantStacks, checkTenants } from "../../stacks/hybrid-app";
import { SYNTH_THREADS_ENV, synthesisThreads, synthesizeTenantStacks } from "../../stacks/parallel-synthesis";
import { writeManyTenants } from "../../testing/many-tenants";

const ROOT = join(__dirname, "..", "..");

/** A tenants file of `n` tenants sharing one certificate, in a folder of its own. */
function manyTenants(n: number, extra: Record<string, string> = {}): string {
  return writeManyTenants(mkdtempSync(join(tmpdir(), "many-tenants-")), n, extra);
}

/** Every file under `dir`, by relative path, with its content. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return files;
}

/** Runs cdktf.json's app command as `cdktf synth` does: a shell in the project, the outdir from CDKTF_OUTDIR. */
function runAppCommand(tenantsFile: string, outdir: string, threads: string) {
  const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
  return spawnSync("sh", ["-c", app], {
    cwd: ROOT,
    // A cache of its own, empty: every stack is synthesized, on the threads asked for.
    env: { ...process.env, HYBRID_CONFIG: tenantsFile, CDKTF_OUTDIR: outdir, [SYNTH_THREADS_ENV]: threads, HYBRID_SYNTH_CACHE: mkdtempSync(join(tmpdir(), "synth-cache-")) },
    encoding: "utf8",
  });
}

describe("synthesisThreads", () => {
  test("one thread per 250 tenants, at most one per core", () => {
    // given no HYBRID_SYNTH_THREADS, when threads are picked for a number of tenants and cores, then
    expect(synthesisThreads(2, {}, 8)).toBe(1);
    expect(synthesisThreads(499, {}, 8)).toBe(1);
    expect(synthesisThreads(500, {}, 8)).toBe(2);
    expect(synthesisThreads(1000, {}, 2)).toBe(2);
    expect(synthesisThreads(10000, {}, 8)).toBe(8);
  });

  test("HYBRID_SYNTH_THREADS decides when set", () => {
    expect(synthesisThreads(2, { HYBRID_SYNTH_THREADS: "3" }, 2)).toBe(3);
    expect(synthesisThreads(10000, { HYBRID_SYNTH_THREADS: "1" }, 8)).toBe(1);
  });

  test.each(["0", "two", "1.5", "-2"])("refuses HYBRID_SYNTH_THREADS=%s, saying what to set", (value) => {
    expect(() => synthesisThreads(10, { HYBRID_SYNTH_THREADS: value }, 2)).toThrow(
      new RegExp(`HYBRID_SYNTH_THREADS is "${value.replace(".", "\\.")}", not a whole number of threads from 1 up; set it to 1 .*or unset it`),
    );
  });
});

describe("synthesizeTenantStacks", () => {
  test("on the main thread alone, writes what one cdktf App writes", async () => {
    // given five tenants, checked
    const checked = checkTenants(loadTenantsFile(manyTenants(5)));
    const dir = mkdtempSync(join(tmpdir(), "synth-"));
    // when synthesized by synthesizeTenantStacks (no worker entry: tests run TypeScript) and by one App
    const result = await synthesizeTenantStacks(checked, { outdir: join(dir, "ours"), target: { kind: "genesys-cloud" }, threads: 2 });
    const app = new App({ outdir: join(dir, "app") });
    addTenantStacks(app, checked);
    app.synth();
    // then the main thread made every stack, and the files are the same
    expect(result.stacksPerThread).toEqual([5]);
    expect(tree(join(dir, "ours"))).toEqual(tree(join(dir, "app")));
  });

  test("cdktf.json's app shares 400 tenants between two threads, writing what one thread writes", () => {
    // given 400 tenants
    const tenantsFile = manyTenants(400);
    const dir = mkdtempSync(join(tmpdir(), "synth-threads-"));
    // when cdktf.json's app command synthesizes them on two threads, and on one
    const two = runAppCommand(tenantsFile, join(dir, "two"), "2");
    const one = runAppCommand(tenantsFile, join(dir, "one"), "1");
    // then both threads made stacks, 400 in all, the worker at least its own first chunk of 20
    expect([two.status, one.status]).toEqual([0, 0]);
    const shares = /note: synthesized 400 tenants on 2 threads \((\d+) \+ (\d+) stacks\)/.exec(two.stderr);
    expect(shares).not.toBeNull();
    const [main, worker] = [Number(shares![1]), Number(shares![2])];
    expect(main + worker).toBe(400);
    expect(worker).toBeGreaterThanOrEqual(20);
    expect(one.stderr).not.toMatch(/threads/);
    // and the files, manifest.json included, are the same byte for byte
    const [twoFiles, oneFiles] = [tree(join(dir, "two")), tree(join(dir, "one"))];
    expect(Object.keys(JSON.parse(twoFiles["manifest.json"]).stacks)).toHaveLength(400);
    expect(Object.keys(twoFiles)).toEqual(Object.keys(oneFiles));
    expect(twoFiles).toEqual(oneFiles);
  });

  test("a tenant failing on either thread fails the app with that tenant's error", () => {
    // given 400 tenants whose first (the main thread's) or last (either thread's) state path cannot be made
    for (const tenant of ["t0", "t399"]) {
      const tenantsFile = manyTenants(400, { [tenant]: `backend: { type: local, path: /dev/null/${tenant}.tfstate }` });
      // when cdktf.json's app command synthesizes them on two threads
      const run = runAppCommand(tenantsFile, join(mkdtempSync(join(tmpdir(), "synth-fail-")), "out"), "2");
      // then it fails with the error of that tenant's state folder, not with a lost thread
      expect({ tenant, status: run.status }).toEqual({ tenant, status: 1 });
      expect(run.stderr).toMatch(new RegExp(`mkdir '/dev/null'`));
      expect(run.stderr).not.toMatch(/worker thread stopped/);
    }
  });
});
