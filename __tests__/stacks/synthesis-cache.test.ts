/**
 * The synthesis cache: a tenant whose stack would be the same is written from the cache
 * instead of being synthesized again, and the output folder is the same, byte for byte,
 * manifest.json included, as a full synthesis without a cache. And the per-tenant failures:
 * with skipFailedTenants, a tenant with an expired certificate or an unreadable adoption file
 * is left out and named, and the others are synthesized.
 */
import { spawnSync } from "child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { createCertSet, defaultSubject } from "../../core/certs";
import type { DeploymentTarget } from "../../core/contract/deployment-target";
import { checkTenants } from "../../stacks/hybrid-app";
import { stackPropsOf } from "../../stacks/parallel-synthesis";
import { SynthesisCache } from "../../stacks/synthesis-cache";
import { synthesize } from "../../stacks/synthesize";
import { writeManyTenants } from "../../testing/many-tenants";

const ROOT = join(__dirname, "..", "..");
const GENESYS_CLOUD: DeploymentTarget = { kind: "genesys-cloud" };

/** Every file under `dir`, by relative path, with its content. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[relative(dir, path)] = readFileSync(path, "utf8");
    }
  }
  return files;
}

/** Synthesizes `tenantsFile` into `outdir`, emptied first; with a cache when `cacheDir` is given. */
async function synthInto(tenantsFile: string, outdir: string, cacheDir?: string) {
  rmSync(outdir, { recursive: true, force: true });
  return synthesize(loadTenantsFile(tenantsFile), GENESYS_CLOUD, { outdir, cacheDir });
}

describe("the synthesis cache", () => {
  test("cold, warm and after one tenant's change: the same files as a full synthesis, only the changed tenant synthesized again", async () => {
    // given 40 tenants, and their full synthesis without a cache
    const dir = mkdtempSync(join(tmpdir(), "synth-cache-"));
    const tenantsFile = writeManyTenants(dir, 40);
    const outdir = join(dir, "cdktf.out");
    const cacheDir = join(dir, "cache");
    await synthInto(tenantsFile, outdir);
    const full = tree(outdir);
    expect(Object.keys(JSON.parse(full["manifest.json"]).stacks)).toHaveLength(40);

    // when synthesized with a cold cache, then every stack is synthesized and the files are the same
    const cold = await synthInto(tenantsFile, outdir, cacheDir);
    expect([cold.fromCache, cold.stacksPerThread]).toEqual([0, [40]]);
    expect(tree(outdir)).toEqual(full);

    // when synthesized again with the cache warm, then nothing is synthesized and the files are the same
    const warm = await synthInto(tenantsFile, outdir, cacheDir);
    expect([warm.fromCache, warm.stacksPerThread]).toEqual([40, [0]]);
    expect(tree(outdir)).toEqual(full);

    // when one tenant's issuer changes
    writeFileSync(tenantsFile, readFileSync(tenantsFile, "utf8").replace("https://engage.t7.example/pureengage", "https://engage.t7.example/renamed"));
    const changed = await synthInto(tenantsFile, outdir, cacheDir);
    const afterChange = tree(outdir);
    await synthInto(tenantsFile, outdir);
    // then only that tenant was synthesized, and the files are those of a full synthesis of the changed file
    expect([changed.fromCache, changed.stacksPerThread]).toEqual([39, [1]]);
    expect(afterChange).toEqual(tree(outdir));
    expect(afterChange["stacks/t7/cdk.tf.json"]).toContain("https://engage.t7.example/renamed");
  });

  test("a changed certificate file is a changed stack", async () => {
    // given 3 tenants synthesized with a cache
    const dir = mkdtempSync(join(tmpdir(), "synth-cache-cert-"));
    const tenantsFile = writeManyTenants(dir, 3);
    const outdir = join(dir, "cdktf.out");
    await synthInto(tenantsFile, outdir, join(dir, "cache"));
    // when the shared certificate set is made again and synthesized with the cache
    createCertSet(join(dir, "certs"), { subject: defaultSubject("shared"), days: 365, keyBits: 2048, format: "traditional", password: "test-only", now: new Date(), force: true });
    const again = await synthInto(tenantsFile, outdir, join(dir, "cache"));
    // then nothing came from the cache
    expect(again.fromCache).toBe(0);
  });

  test("the key covers everything a stack is made from, the code included", () => {
    // given one checked tenant
    const dir = mkdtempSync(join(tmpdir(), "synth-cache-key-"));
    const tenant = stackPropsOf(checkTenants(loadTenantsFile(writeManyTenants(dir, 1))).tenants[0]);
    const cache = new SynthesisCache(join(dir, "cache"), { code: "code-1" });
    const key = cache.keyOf(tenant, GENESYS_CLOUD, "cdktf.out");
    // when any input changes, then the key changes
    const others = [
      new SynthesisCache(join(dir, "cache"), { code: "code-2" }).keyOf(tenant, GENESYS_CLOUD, "cdktf.out"),
      new SynthesisCache(join(dir, "cache"), { code: "code-1", env: { CDKTF_CONTEXT_JSON: '{"a":1}' } }).keyOf(tenant, GENESYS_CLOUD, "cdktf.out"),
      cache.keyOf({ ...tenant, tenant: { ...tenant.tenant, pacingClient: { ...tenant.tenant.pacingClient, accessTokenValiditySeconds: 3600 } } }, GENESYS_CLOUD, "cdktf.out"),
      cache.keyOf({ ...tenant, certificate: { ...tenant.certificate, bytes: Buffer.from("other") } }, GENESYS_CLOUD, "cdktf.out"),
      cache.keyOf({ ...tenant, adoption: { tenant: "t0", organizationId: tenant.tenant.organization.id, identityProvider: { id: "pureengage" } } }, GENESYS_CLOUD, "cdktf.out"),
      cache.keyOf(tenant, { kind: "sandbox", url: "http://127.0.0.1:1", stateDir: "/s" }, "cdktf.out"),
      cache.keyOf(tenant, GENESYS_CLOUD, join("deeper", "cdktf.out")),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
    // and the same inputs give the same key
    expect(cache.keyOf(tenant, GENESYS_CLOUD, "cdktf.out")).toBe(key);
  });

  test("the same project in another folder (a pull request's base, in a worktree) hits the cache, and writes what a full synthesis there writes", async () => {
    // given 5 tenants synthesized with a cache
    const root = mkdtempSync(join(tmpdir(), "synth-cache-moved-"));
    const cacheDir = join(root, "cache");
    const first = join(root, "a");
    mkdirSync(first);
    await synthInto(writeManyTenants(first, 5), join(first, "cdktf.out"), cacheDir);
    // when the same project, copied to a folder at another depth, is synthesized with that cache
    const moved = join(root, "b", "c");
    mkdirSync(moved, { recursive: true });
    cpSync(first, moved, { recursive: true });
    const again = await synthInto(join(moved, "tenants.yaml"), join(moved, "cdktf.out"), cacheDir);
    const fromCache = tree(join(moved, "cdktf.out"));
    await synthInto(join(moved, "tenants.yaml"), join(moved, "cdktf.out"));
    // then every stack came from the cache, and the files are those of a full synthesis there
    expect(again.fromCache).toBe(5);
    expect(fromCache).toEqual(tree(join(moved, "cdktf.out")));
  });

  test("cdktf.json's app (the esbuild bundle) writes unchanged stacks from the cache: the same files as without", () => {
    // given 30 tenants and a cache folder of their own
    const dir = mkdtempSync(join(tmpdir(), "synth-cache-app-"));
    const tenantsFile = writeManyTenants(dir, 30);
    const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
    const run = (outdir: string) =>
      spawnSync("sh", ["-c", app], { cwd: ROOT, env: { ...process.env, HYBRID_CONFIG: tenantsFile, CDKTF_OUTDIR: outdir, HYBRID_SYNTH_CACHE: join(dir, "cache") }, encoding: "utf8" });
    // when the app runs twice into the same folder
    const first = run(join(dir, "out"));
    const files = tree(join(dir, "out"));
    rmSync(join(dir, "out"), { recursive: true });
    const second = run(join(dir, "out"));
    // then the second run took every stack from the cache, and wrote the same files
    expect([first.status, second.status]).toEqual([0, 0]);
    expect(first.stderr).not.toMatch(/synthesis cache/);
    expect(second.stderr).toMatch(/note: 30 of 30 stacks unchanged, written from the synthesis cache/);
    expect(tree(join(dir, "out"))).toEqual(files);
  });
});

describe("one tenant's problem fails that tenant only (skipFailedTenants)", () => {
  test("an expired certificate and an unreadable adoption file leave out their tenants; the others are synthesized", async () => {
    // given 4 tenants: t1 with its own expired certificate, t2 with an adoption file nobody may read
    const dir = mkdtempSync(join(tmpdir(), "synth-skip-"));
    const tenantsFile = writeManyTenants(dir, 4);
    writeFileSync(tenantsFile, readFileSync(tenantsFile, "utf8").replace("issuer: https://engage.t1.example/pureengage", "issuer: https://engage.t1.example/pureengage, certificate: certs/t1/cert.pem"));
    createCertSet(join(dir, "certs", "t1"), { subject: defaultSubject("t1"), days: 30, keyBits: 2048, format: "traditional", password: "test-only", now: new Date(Date.now() - 40 * 86_400_000), force: false });
    mkdirSync(join(dir, "adopted"));
    writeFileSync(join(dir, "adopted", "t2.yaml"), "tenant: t2\n");
    chmodSync(join(dir, "adopted", "t2.yaml"), 0o000);
    // (root reads it anyway, and finds it invalid: a bad adoption file too)
    const unreadable = process.getuid?.() !== 0;
    const file = loadTenantsFile(tenantsFile);
    const outdir = join(dir, "cdktf.out");

    // when synthesized without skipping, then nothing is written
    await expect(synthesize(file, GENESYS_CLOUD, { outdir })).rejects.toThrow(/tenant t2: |tenants\.t1\.saml\.certificate: .*expired/);
    expect(() => readdirSync(outdir)).toThrow();

    // when synthesized skipping failed tenants
    const summary = await synthesize(file, GENESYS_CLOUD, { outdir, skipFailedTenants: true });

    // then each bad tenant is named with its problem and fix, and only the others have stacks
    expect(summary.failed.map((f) => f.tenant)).toEqual(["t1", "t2"]);
    expect(summary.failed[0].message).toMatch(/^tenants\.t1\.saml\.certificate: .*certificate expired on .*hybrid certs rotate/);
    expect(summary.failed[1].message).toMatch(unreadable ? /^tenant t2: cannot read adoption file .*t2\.yaml: permission denied; make it readable/ : /^tenant t2: adoption file .*t2\.yaml has \d problem/);
    expect(summary.tenants).toEqual(["t0", "t3"]);
    expect(Object.keys(JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")).stacks).sort()).toEqual(["t0", "t3"]);
  });
});
