import { chmodSync, closeSync, constants, mkdirSync, openSync, statSync } from "fs";
import { dirname } from "path";

/**
 * Makes a local state file readable by its owner only before Terraform first writes
 * it: the state holds the OAuth clients' secrets. Terraform creates a missing state
 * file with mode 0666 less the umask, and keeps the mode of one that exists, so an
 * empty file (which Terraform reads as "no state yet") is made first with 0600, in a
 * folder made with 0700. A folder that already exists keeps its mode (it may be
 * shared); an existing state file is narrowed to 0600.
 */
export function prepareLocalStateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}
