import { availableParallelism } from "node:os";
import * as path from "node:path";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { App, type StackManifest } from "cdktf";
import { ExitCode, UserError } from "../core/user-error";
import type { DeploymentTarget } from "../core/contract/deployment-target";
import { addTenantStacks, type CheckedTenant, type CheckedTenants } from "./hybrid-app";
import type { TenantStackProps } from "./tenant-stack";

/**
 * The worker entry for callers that are not main.ts (`hybrid plan`, the demo): the compiled
 * synthesis-worker.js beside this file. Undefined under ts-node or jest, where the main
 * thread makes every stack.
 */
export const SYNTHESIS_WORKER_ENTRY: string | undefined = __filename.endsWith(".js") ? path.join(__dirname, "synthesis-worker.js") : undefined;

/** Synthesize on this many threads (1: the main thread alone), instead of as many as the tenants and cores make worth it. */
export const SYNTH_THREADS_ENV = "HYBRID_SYNTH_THREADS";

/**
 * Tenants each thread must have before one more pays off: a worker starts by loading
 * cdktf and the bindings, about 0.3 s on a 2-core machine, the time of some 60 tenants.
 */
const TENANTS_PER_THREAD = 250;

/** Tenants a thread takes from the shared counter at a time: small enough that threads finish together. */
const CHUNK = 20;

/** What a worker thread is given: the tenants, cloneable, and the counter they are taken by. */
interface WorkerInput {
  readonly outdir: string;
  readonly target: DeploymentTarget;
  readonly tenants: readonly TenantStackProps[];
  /** Index of the next tenant nobody has taken (Int32Array over a SharedArrayBuffer). */
  readonly next: Int32Array;
  /** This thread's number, the main thread's 0: its first chunk is the one of that number. */
  readonly thread: number;
}

interface WorkerOutput {
  readonly stacks: Record<string, StackManifest>;
}

export interface SynthesisResult {
  /** Stacks each thread synthesized, the main thread's first. */
  readonly stacksPerThread: readonly number[];
  /** manifest.json's stacks, by name: those synthesized and those listed as well. */
  readonly stacks: Readonly<Record<string, StackManifest>>;
}

/**
 * What a checked tenant's stack is made from: only what the stack needs, so that it can be
 * cloned to the workers (an X509Certificate cannot), and all of it, since the synthesis cache
 * is keyed by it (stacks/synthesis-cache).
 */
export function stackPropsOf({ tenant, certificate, nextCertificate, adoption }: CheckedTenant): TenantStackProps {
  return {
    tenant,
    certificate: { pem: certificate.pem, bytes: certificate.bytes },
    ...(nextCertificate ? { nextCertificate: { pem: nextCertificate.pem, bytes: nextCertificate.bytes } } : {}),
    adoption,
  };
}

/**
 * Threads worth using for `tenants` tenants: {@link SYNTH_THREADS_ENV} when set, else one
 * per {@link TENANTS_PER_THREAD} tenants, at most one per core.
 *
 * @throws UserError when the variable is not a whole number from 1 up.
 */
export function synthesisThreads(tenants: number, env: NodeJS.ProcessEnv = process.env, cores: number = availableParallelism()): number {
  const asked = env[SYNTH_THREADS_ENV];
  if (asked !== undefined && asked !== "") {
    if (!/^[1-9][0-9]*$/.test(asked)) {
      throw new UserError(`${SYNTH_THREADS_ENV} is "${asked}", not a whole number of threads from 1 up; set it to 1 to synthesize on the main thread alone, or unset it to let the tenants and cores decide`, ExitCode.Usage);
    }
    return Number(asked);
  }
  return Math.max(1, Math.min(cores, Math.floor(tenants / TENANTS_PER_THREAD)));
}

/**
 * Synthesizes one stack per checked tenant into `outdir` (cdktf's default unless given) on
 * `threads` threads, with one manifest.json listing them all, as a single cdktf App would.
 *
 * Each thread builds its own App over the same outdir and takes tenants from one shared
 * counter, a chunk at a time, so the threads finish together however fast each starts.
 * Which thread synthesizes a tenant changes nothing in its output: tenant stacks never
 * reference one another (see TenantStack.prepareStack). Worker threads run `workerEntry`,
 * which must be JavaScript that calls {@link serveSynthesisWorker} off the main thread;
 * without one, the main thread synthesizes every tenant.
 */
export async function synthesizeTenantStacks(
  checked: Pick<CheckedTenants, "tenants">,
  opts: {
    readonly outdir?: string;
    readonly target: DeploymentTarget;
    readonly threads: number;
    readonly workerEntry?: string;
    /** Stacks already in the outdir (written from the synthesis cache), listed in manifest.json with the others. */
    readonly alsoListed?: Readonly<Record<string, StackManifest>>;
  },
): Promise<SynthesisResult> {
  const tenants: TenantStackProps[] = checked.tenants.map(stackPropsOf);
  const workerCount = opts.workerEntry === undefined ? 0 : opts.threads - 1;
  // The first chunk of each thread is its own, the shared counter starts after them.
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  next[0] = (workerCount + 1) * CHUNK;
  // cdktf's App checks for the outdir and its stacks folder, then makes them: the main
  // thread's App is made before any worker's, so that threads cannot race on it.
  const app = new App(opts.outdir === undefined ? {} : { outdir: opts.outdir });
  const input: WorkerInput = { outdir: app.outdir, target: opts.target, tenants, next, thread: 0 };
  const workers = Array.from({ length: workerCount }, (_, w) => startWorker(opts.workerEntry!, { ...input, thread: w + 1 }));
  let outputs: WorkerOutput[];
  try {
    synthesizeShare(app, input);
    outputs = await Promise.all(workers.map((w) => w.done));
  } catch (err) {
    // The first failure is the one to report: the other threads are stopped, and their ends ignored.
    await Promise.allSettled(workers.map(async (w) => (await w.worker.terminate(), await w.done)));
    throw err;
  }
  // Every thread's App wrote a manifest.json of its own stacks; this one lists them all.
  const own = Object.keys(app.manifest.stacks).length;
  for (const output of outputs) Object.assign(app.manifest.stacks, output.stacks);
  Object.assign(app.manifest.stacks, opts.alsoListed ?? {});
  app.manifest.writeToFile();
  return { stacksPerThread: [own, ...outputs.map((o) => Object.keys(o.stacks).length)], stacks: app.manifest.stacks };
}

/** The worker thread's side of {@link synthesizeTenantStacks}: call it from the worker entry when not on the main thread. */
export function serveSynthesisWorker(): void {
  const input = workerData as WorkerInput;
  // A Buffer arrives as a plain Uint8Array.
  const tenants = input.tenants.map((t) => ({
    ...t,
    certificate: { pem: t.certificate.pem, bytes: Buffer.from(t.certificate.bytes) },
    ...(t.nextCertificate ? { nextCertificate: { pem: t.nextCertificate.pem, bytes: Buffer.from(t.nextCertificate.bytes) } } : {}),
  }));
  const app = new App({ outdir: input.outdir });
  synthesizeShare(app, { ...input, tenants });
  parentPort!.postMessage({ stacks: app.manifest.stacks } satisfies WorkerOutput);
}

/**
 * Takes the thread's own chunk, then chunks from the shared counter until none is left, into
 * `app`, and synthesizes it. The own chunk is there because the main thread waits for every
 * worker it started anyway: a worker that starts after the main thread has taken everything
 * would cost its start and do nothing.
 */
function synthesizeShare(app: App, { tenants, next, target, thread }: WorkerInput): void {
  for (let i = thread * CHUNK; i < tenants.length; i = Atomics.add(next, 0, CHUNK)) {
    addTenantStacks(app, { tenants: tenants.slice(i, i + CHUNK) }, target);
  }
  app.synth();
}

function startWorker(entry: string, input: WorkerInput): { worker: Worker; done: Promise<WorkerOutput> } {
  const worker = new Worker(entry, { workerData: input });
  const done = new Promise<WorkerOutput>((resolve, reject) => {
    let output: WorkerOutput | undefined;
    worker.on("message", (message: WorkerOutput) => (output = message));
    worker.on("error", reject);
    worker.on("exit", (code) => (output ? resolve(output) : reject(new Error(`a synthesis worker thread stopped (exit code ${code}) before reporting its stacks`))));
  });
  return { worker, done };
}
