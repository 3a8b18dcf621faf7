import * as fs from "node:fs";
import * as path from "node:path";
import { runBounded } from "../bounded-pool";
import { runTerraform, type Terraform, type TerraformResult } from "./terraform";

const LOCK_FILE = ".terraform.lock.hcl";

/**
 * `terraform init` of many stacks that share one plugin cache (the toolchain's CLI
 * configuration), `parallel` at a time: the one way `hybrid plan` and the demo do it.
 *
 * The shared plugin cache is not safe for concurrent installs: without a lock file, every
 * `init` copies the provider into the cache, and one `init` rewriting a binary that another
 * stack's Terraform is running fails with "text file busy". So the first stack's `init` runs
 * alone and fills the cache; its lock file (the providers' checksums) is then copied to every
 * stack that has none, and with a checksum recorded Terraform only links the cached provider,
 * never writes it: the other inits then run in parallel. If that first init fails, the others
 * run one at a time instead.
 *
 * `onStart` and `onEnd` are called as each stack's init starts and ends. Resolves to each
 * stack's result, in order.
 */
export async function initStacks(
  tf: Terraform,
  dirs: readonly string[],
  opts: { readonly parallel: number; readonly onStart?: (dir: string) => void; readonly onEnd?: (dir: string, result: TerraformResult) => void },
): Promise<TerraformResult[]> {
  const [first, ...rest] = dirs;
  if (first === undefined) return [];
  const init = async (dir: string) => {
    opts.onStart?.(dir);
    const result = await runTerraform(tf, dir, ["init"]);
    opts.onEnd?.(dir, result);
    return result;
  };
  const firstResult = await init(first);
  const lock = path.join(first, LOCK_FILE);
  const shared = firstResult.code === 0 && fs.existsSync(lock);
  if (shared) {
    for (const dir of rest) {
      const target = path.join(dir, LOCK_FILE);
      if (fs.existsSync(dir) && !fs.existsSync(target)) fs.copyFileSync(lock, target);
    }
  }
  const others = await runBounded(rest, shared ? opts.parallel : 1, init);
  return [firstResult, ...others];
}

/** The lock file of a stack, the one its providers were installed with. */
export function lockFileOf(stackDir: string): string {
  return path.join(stackDir, LOCK_FILE);
}
