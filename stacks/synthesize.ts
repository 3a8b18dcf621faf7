import type { TenantsFile } from "../core/config/tenants-file";
import type { DeploymentTarget } from "../core/contract/deployment-target";
import { checkTenants } from "./hybrid-app";
import { synthesisThreads, synthesizeTenantStacks } from "./parallel-synthesis";

export interface SynthesizeOptions {
  /** cdktf's output folder. @default cdktf's own (CDKTF_OUTDIR, else cdktf.out) */
  readonly outdir?: string;
  /** The environment that may set HYBRID_SYNTH_THREADS. @default none: as many threads as the tenants and cores make worth it */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The JavaScript file worker threads run (it calls serveSynthesisWorker off the main
   * thread). @default none: the main thread makes every stack
   */
  readonly workerEntry?: string;
  /** The clock certificates are checked by. @default now */
  readonly now?: Date;
}

export interface SynthesisSummary {
  /** The tenants synthesized, by name. */
  readonly tenants: readonly string[];
  /** Tenants-file warnings and certificates expiring soon, to show the user. */
  readonly warnings: readonly string[];
  /** Stacks each thread made, the main thread's first. */
  readonly stacksPerThread: readonly number[];
}

/**
 * The one synthesis of a tenants file: main.ts (`cdktf synth`), `hybrid plan`, the demo and
 * the end-to-end tests all make their stacks here. Every tenant is checked first
 * (certificates, adoption files), so bad input writes nothing; then one stack per tenant
 * deploying to `target`, shared between threads, with one manifest.
 */
export async function synthesize(file: TenantsFile, target: DeploymentTarget, opts: SynthesizeOptions = {}): Promise<SynthesisSummary> {
  const checked = checkTenants(file, opts.now);
  const threads = opts.workerEntry === undefined ? 1 : synthesisThreads(checked.tenants.length, opts.env ?? {});
  const { stacksPerThread } = await synthesizeTenantStacks(checked, { outdir: opts.outdir, target, threads, workerEntry: opts.workerEntry });
  return { tenants: checked.tenants.map((t) => t.tenant.name), warnings: checked.warnings, stacksPerThread };
}
