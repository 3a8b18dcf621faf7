import * as fs from "node:fs";
import * as path from "node:path";
import { synthesizeBase, type BaseSynthesis } from "./base-synthesis";
import type { GitBase } from "./git-base";
import { planTimeFiles } from "./plan-time-files";

/** What a pull request changes, stack by stack: the tenants to plan, and those removed. */
export interface TenantChanges {
  /** Tenants whose stack, or a file it reads at plan time, differs from the base's. */
  readonly changed: readonly string[];
  /** Tenants the base has no stack for (new in the tenants file, or failed in the base). */
  readonly added: readonly string[];
  /** Tenants of the base's tenants file that the working tree's no longer has. */
  readonly removed: readonly string[];
  readonly unchanged: number;
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
    return { changed: [...opts.headTenants], added: [], removed, unchanged: 0, baseFailure: base.failure, baseNotes: base.notes };
  }
  const inBase = new Set(base.stacks);
  const changed: string[] = [];
  const added: string[] = [];
  let unchanged = 0;
  for (const tenant of opts.headTenants) {
    if (!inBase.has(tenant)) added.push(tenant);
    else if (stackDiffers(path.join(opts.headOutdir, "stacks", tenant), path.join(base.outdir, "stacks", tenant))) changed.push(tenant);
    else unchanged++;
  }
  return { changed, added, removed, unchanged, baseNotes: base.notes };
}

/** Whether the stack's JSON, or a file it reads at plan time, differs between the two stack folders. */
export function stackDiffers(headStack: string, baseStack: string): boolean {
  const text = (dir: string) => fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8");
  const headJson = text(headStack);
  if (headJson !== text(baseStack)) return true;
  return planTimeFiles(headJson).some((file) => !sameContent(path.resolve(headStack, file), path.resolve(baseStack, file)));
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
