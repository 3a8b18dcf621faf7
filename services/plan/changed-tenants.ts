import * as fs from "node:fs";
import * as path from "node:path";
import { tenantStackDir } from "../../core/contract/tenant-outputs";
import { synthesizeBase, type BaseSynthesis } from "./base-synthesis";
import type { GitBase } from "./git-base";
import { FILE_CALL, planTimeFiles } from "./plan-time-files";

/** What a pull request changes, stack by stack: the tenants to plan, and those removed. */
export interface TenantChanges {
  /** Tenants whose stack, or a file it reads at plan time, differs from the base's. */
  readonly changed: readonly string[];
  /** Tenants the base has no stack for (new in the tenants file, or failed in the base). */
  readonly added: readonly string[];
  /** Tenants of the base's tenants file that the working tree's no longer has. */
  readonly removed: readonly string[];
  readonly unchanged: number;
  /** Tenants of the base's tenants file that the base could not synthesize either (a problem older than the change). */
  readonly failedAtBase: readonly string[];
  /** Why the base could not be synthesized (every tenant then counts as changed). */
  readonly baseFailure?: string;
  /** How the base got its dependencies. */
  readonly baseNotes: readonly string[];
}

export interface TenantChangesOptions {
  readonly base: GitBase;
  readonly projectDir: string;
  readonly tenantsFile: string;
  /** The working tree's synthesis folder, synthesized already. */
  readonly headOutdir: string;
  /** The tenants synthesized there. */
  readonly headTenants: readonly string[];
  /** Every tenant of the working tree's tenants file (those that failed to synthesize too). */
  readonly headTenantsInFile: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cacheDir: string;
  readonly note?: (line: string) => void;
}

/**
 * Synthesizes the base (stacks/… in a worktree of its commit, with its own code) and compares
 * each of the working tree's stacks with the base's: its synthesized JSON, byte for byte, and
 * each file it reads at plan time (the encrypted key). Nothing is guessed from which files a
 * commit touched: a change of code or of `defaults` that changes every stack changes every stack.
 */
export async function tenantChanges(opts: TenantChangesOptions): Promise<TenantChanges> {
  const base = await synthesizeBase({ base: opts.base, projectDir: opts.projectDir, tenantsFile: opts.tenantsFile, env: opts.env, cacheDir: opts.cacheDir, note: opts.note });
  try {
    return compare(opts, base);
  } finally {
    base.remove();
  }
}

function compare(opts: TenantChangesOptions, base: BaseSynthesis): TenantChanges {
  const head = new Set(opts.headTenantsInFile);
  const removed = base.tenantsInFile.filter((t) => !head.has(t));
  if (base.stacks === undefined) {
    return { changed: [...opts.headTenants], added: [], removed, unchanged: 0, failedAtBase: [], baseFailure: base.failure, baseNotes: base.notes };
  }
  const inBase = new Set(base.stacks);
  const failedAtBase = base.tenantsInFile.filter((t) => !inBase.has(t));
  const changed: string[] = [];
  const added: string[] = [];
  let unchanged = 0;
  for (const tenant of opts.headTenants) {
    if (!inBase.has(tenant)) added.push(tenant);
    else if (stackDiffers(tenantStackDir(opts.headOutdir, tenant), tenantStackDir(base.outdir, tenant), { from: base.worktree, to: opts.base.root })) changed.push(tenant);
    else unchanged++;
  }
  return { changed, added, removed, unchanged, failedAtBase, baseNotes: base.notes };
}

/**
 * Whether the stack's JSON, or a file it reads at plan time, differs between the two stack
 * folders. A stack names its state file and its plan-time files relative to its folder, so the
 * two are compared with those paths made absolute, the base's worktree standing for the
 * repository (`worktree`): the same file is the same path wherever each side was synthesized.
 */
function stackDiffers(headStackDir: string, baseStackDir: string, worktree: { readonly from: string; readonly to: string }): boolean {
  // Real paths on both sides, as git names the repository's and the worktree's top folders.
  const [headStack, baseStack] = [fs.realpathSync(headStackDir), fs.realpathSync(baseStackDir)];
  const text = (dir: string) => fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8");
  const headJson = text(headStack);
  const baseJson = text(baseStack);
  if (comparable(headJson, headStack) !== comparable(baseJson, baseStack, worktree)) return true;
  return planTimeFiles(headJson).some((file) => !sameContent(path.resolve(headStack, file), path.resolve(baseStack, file)));
}

/** A stack's JSON with its state file and plan-time files as absolute paths, those in `worktree.from` as in `worktree.to`. */
function comparable(json: string, stackDir: string, worktree?: { readonly from: string; readonly to: string }): string {
  const absolute = (file: string) => {
    const resolved = path.resolve(stackDir, file);
    const inside = worktree && path.relative(worktree.from, resolved);
    return inside !== undefined && !inside.startsWith("..") && !path.isAbsolute(inside) ? path.join(worktree!.to, inside) : resolved;
  };
  const doc = JSON.parse(json) as { terraform?: { backend?: { local?: { path?: string } } } };
  const local = doc.terraform?.backend?.local;
  if (typeof local?.path === "string") local.path = absolute(local.path);
  const visit = (value: unknown): unknown => {
    if (typeof value === "string") return value.replace(FILE_CALL, (_, quoted: string) => `file(${JSON.stringify(absolute(JSON.parse(`"${quoted}"`) as string))})`);
    if (Array.isArray(value)) return value.map(visit);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]));
    return value;
  };
  return JSON.stringify(visit(doc));
}

function sameContent(a: string, b: string): boolean {
  const read = (f: string) => {
    try {
      return fs.readFileSync(f);
    } catch {
      return undefined;
    }
  };
  const [x, y] = [read(a), read(b)];
  return x === undefined || y === undefined ? x === y : x.equals(y);
}
