import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/** A fresh directory under the OS temp dir; set KEEP_E2E_DIRS=1 to keep it for a look after the run. */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export function removeTempDir(dir: string): void {
  if (process.env.KEEP_E2E_DIRS === "1") {
    process.stderr.write(`kept ${dir}\n`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
}
