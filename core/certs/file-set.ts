import * as fs from "node:fs";
import * as path from "node:path";
import { ExitCode } from "../user-error";
import { CertError } from "./errors";
import { describeFsError } from "../fs-errors";

export interface FileToWrite {
  name: string;
  content: string;
  mode: number;
}

export interface WriteFileSetOptions {
  /** Replace files of the same names that already exist in `dir`. */
  overwrite: boolean;
  /**
   * Move the replaced files here instead of deleting them (rotation keeps them for
   * rollback). Must be a new directory; it is created.
   */
  keepReplacedIn?: string;
}

/**
 * Writes `files` into `dir` all or nothing: they are written and fsynced in a staging
 * directory on the same file system first, then renamed into place. If anything fails,
 * what was renamed is undone, replaced files are moved back, and the staging directory is
 * removed, so a failed run never leaves a mix of old and new files.
 */
export function writeFileSet(dir: string, files: FileToWrite[], opts: WriteFileSetOptions): void {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  try {
    fs.mkdirSync(parent, { recursive: true });
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === "EEXIST" ? "exists and is not a directory" : describeFsError(err);
    throw new CertError(`cannot create ${parent} to hold ${path.basename(target)}/: ${reason}`, parent);
  }

  let targetExists = false;
  try {
    if (!fs.statSync(target).isDirectory()) {
      throw new CertError(`output path ${dir} exists and is not a directory; choose another --out`, dir);
    }
    targetExists = true;
  } catch (err) {
    if (err instanceof CertError) throw err;
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new CertError(`cannot use output directory ${dir}: ${describeFsError(err)}`, dir);
    }
  }

  const existing = targetExists ? files.filter((f) => exists(path.join(target, f.name))) : [];
  if (existing.length > 0 && !opts.overwrite) {
    const names = existing.map((f) => path.join(dir, f.name)).join(", ");
    throw new CertError(`refusing to overwrite existing ${names}`, path.join(dir, existing[0].name));
  }

  if (!targetExists) {
    // The whole directory appears in one rename; mkdtemp makes it 0700, which suits keys.
    const staging = makeStagingDir(parent, `.${path.basename(target)}.tmp-`, path.dirname(dir));
    try {
      writeAll(staging, files, dir);
      fs.renameSync(staging, target);
    } catch (err) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw asCertError(err, `cannot write ${dir}`, dir);
    }
    return;
  }

  const staging = makeStagingDir(target, ".tmp-", dir);
  const backup = existing.length > 0 ? (opts.keepReplacedIn ?? path.join(staging, ".replaced")) : undefined;
  let createdBackupRoot: string | undefined;
  const moved: string[] = [];
  const installed: string[] = [];
  let keepStaging = false;
  try {
    writeAll(staging, files, dir);
    if (backup) {
      createdBackupRoot = fs.mkdirSync(backup, { recursive: true, mode: 0o700 });
      for (const f of existing) {
        fs.renameSync(path.join(target, f.name), path.join(backup, f.name));
        moved.push(f.name);
      }
    }
    for (const f of files) {
      fs.renameSync(path.join(staging, f.name), path.join(target, f.name));
      installed.push(f.name);
    }
  } catch (err) {
    const failure = asCertError(err, `cannot write ${dir}`, dir);
    try {
      for (const name of installed) fs.rmSync(path.join(target, name), { force: true });
      for (const name of moved) fs.renameSync(path.join(backup!, name), path.join(target, name));
      if (opts.keepReplacedIn && createdBackupRoot) {
        fs.rmSync(createdBackupRoot, { recursive: true, force: true });
      }
    } catch (rollbackErr) {
      // The replaced files may now exist only in the backup: keep it, and say where.
      keepStaging = true;
      throw new CertError(
        `${failure.message}; moving the previous files back also failed (${describeFsError(rollbackErr)}): they are in ${backup}`,
        dir,
        ExitCode.Failed,
      );
    }
    throw failure;
  } finally {
    if (!keepStaging) fs.rmSync(staging, { recursive: true, force: true });
  }
}

function writeAll(dir: string, files: FileToWrite[], displayDir: string): void {
  for (const f of files) {
    const file = path.join(dir, f.name);
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, "wx", f.mode);
      // An inherited umask may only remove bits; make the mode exactly what was asked.
      fs.fchmodSync(fd, f.mode);
      fs.writeFileSync(fd, f.content);
      fs.fsyncSync(fd);
    } catch (err) {
      throw new CertError(
        `cannot write ${path.join(displayDir, f.name)}: ${describeFsError(err)}`,
        path.join(displayDir, f.name),
        ExitCode.Failed,
      );
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}

function makeStagingDir(inDir: string, prefix: string, displayDir: string): string {
  try {
    return fs.mkdtempSync(path.join(inDir, prefix));
  } catch (err) {
    throw new CertError(`cannot write into ${displayDir}: ${describeFsError(err)}`, displayDir, ExitCode.Failed);
  }
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function asCertError(err: unknown, what: string, file: string): CertError {
  // A file system failure while writing: what the command did failed, not its input.
  return err instanceof CertError ? err : new CertError(`${what}: ${describeFsError(err)}`, file, ExitCode.Failed);
}
