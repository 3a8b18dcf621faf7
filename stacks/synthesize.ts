import * as fs from "node:fs";
import * as path from "node:path";
import type { StackManifest } from "cdktf";
import type { TenantsFile } from "../core/config/tenants-file";
import type { DeploymentTarget } from "../core/contract/deployment-target";
import { checkTenants, prepareStateOf, tenantForTarget, type CheckedTenant, type TenantFailure } from "./hybrid-app";
import { stackPropsOf, synthesisThreads, synthesizeTenantStacks } from "./parallel-synthesis";
import { SynthesisCache } from "./synthesis-cache";

export interface SynthesizeOptions {
  /** cdktf's output folder. @default cdktf's own (CDKTF_OUTDIR, else cdktf.out) */
  readonly outdir?: string;
  /** The environment that may set HYBRID_SYNTH_THREADS (and cdktf's context). @default none: as many threads as the tenants and cores make worth it */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The JavaScript file worker threads run (it calls serveSynthesisWorker off the main
   * thread). @default none: the main thread makes every stack
   */
  readonly workerEntry?: string;
  /** The clock certificates are checked by. @default now */
  readonly now?: Date;
  /**
   * Where stacks synthesized before are kept (stacks/synthesis-cache): a tenant whose stack
   * would be the same is written from there instead of being synthesized again. @default none: every stack is synthesized
   */
  readonly cacheDir?: string;
  /**
   * Leave out a tenant whose certificate or adoption file is bad (listed in `failed`) and
   * synthesize the others, instead of writing nothing. @default false
   */
  readonly skipFailedTenants?: boolean;
}

export interface SynthesisSummary {
  /** The tenants synthesized, by name. */
  readonly tenants: readonly string[];
  /** Tenants-file warnings and certificates expiring soon, to show the user. */
  readonly warnings: readonly string[];
  /** Stacks each thread made, the main thread's first (stacks taken from the cache are not counted). */
  readonly stacksPerThread: readonly number[];
  /** Stacks written from the cache, unchanged since they were synthesized. */
  readonly fromCache: number;
  /** Tenants left out (only with `skipFailedTenants`), each with its problem. */
  readonly failed: readonly TenantFailure[];
}

/**
 * The one synthesis of a tenants file: main.ts (`cdktf synth`), `hybrid plan`, `hybrid drift`,
 * the demo and the end-to-end tests all make their stacks here. Every tenant is checked first
 * (certificates, adoption files), so bad input writes nothing (or, with `skipFailedTenants`,
 * leaves out only the tenants it concerns); then one stack per tenant deploying to `target`,
 * shared between threads, with one manifest. With a cache, only the tenants whose stack
 * changed are synthesized; the output is the same byte for byte.
 */
export async function synthesize(file: TenantsFile, target: DeploymentTarget, opts: SynthesizeOptions = {}): Promise<SynthesisSummary> {
  const checked = checkTenants(file, opts.now, { skipFailed: opts.skipFailedTenants });
  // cdktf's App takes the same default.
  const outdir = opts.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const cache = opts.cacheDir === undefined || (opts.env ?? {}).SYNTH_HCL_OUTPUT === "true" ? undefined : new SynthesisCache(opts.cacheDir, { env: opts.env });
  const toSynthesize: CheckedTenant[] = [];
  const cached: Record<string, StackManifest> = {};
  const keys = new Map<string, string>();
  for (const t of checked.tenants) {
    const hit = cache && readCached(cache, t, target, outdir, keys);
    if (hit) cached[t.tenant.name] = hit;
    else toSynthesize.push(t);
  }
  const threads = opts.workerEntry === undefined ? 1 : synthesisThreads(toSynthesize.length, opts.env ?? {});
  const { stacksPerThread, stacks } = await synthesizeTenantStacks(
    { ...checked, tenants: toSynthesize },
    { outdir, target, threads, workerEntry: opts.workerEntry, alsoListed: cached },
  );
  if (cache) {
    for (const t of toSynthesize) {
      const manifest = stacks[t.tenant.name];
      cache.write(keys.get(t.tenant.name)!, { stack: fs.readFileSync(path.join(outdir, manifest.synthesizedStackPath), "utf8"), manifest });
    }
    cache.prune(opts.now);
  }
  return {
    tenants: checked.tenants.map((t) => t.tenant.name),
    warnings: checked.warnings,
    stacksPerThread,
    fromCache: Object.keys(cached).length,
    failed: checked.failed,
  };
}

/** Writes a tenant's stack from the cache when it is there, as its synthesis would (its state file made owner-only too). */
function readCached(cache: SynthesisCache, t: CheckedTenant, target: DeploymentTarget, outdir: string, keys: Map<string, string>): StackManifest | undefined {
  const key = cache.keyOf(stackPropsOf(t), target, outdir);
  keys.set(t.tenant.name, key);
  const entry = cache.read(key);
  if (!entry) return undefined;
  prepareStateOf(tenantForTarget(t.tenant, target));
  const file = path.join(outdir, entry.manifest.synthesizedStackPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, entry.stack);
  return entry.manifest;
}
