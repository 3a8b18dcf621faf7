import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { describeFsError } from "../../core/fs-errors";
import { ExitCode, UserError } from "../../core/user-error";

export interface FileToWrite {
  readonly name: string;
  readonly content: string;
  /** Exact mode of the file (0600 for secrets, 0644 otherwise). */
  readonly mode: number;
}

export interface WriteOptions {
  /** Make the folder exactly this mode (0700 when a file holds secrets). A folder is never loosened otherwise. */
  readonly folderMode?: number;
  /** Files of these names that `files` does not include are removed (an earlier export's). */
  readonly removeNames?: readonly string[];
  /** The folder as messages should name it. */
  readonly displayDir?: string;
}

export interface WriteReport {
  /** Written because the content or the mode differed, or the file was new. */
  readonly changed: string[];
  readonly unchanged: string[];
  readonly removed: string[];
}

/**
 * Puts `files` into `dir`, replacing a file only when its content or mode differs.
 * Each changed file is written to a temporary file in the same folder (created with
 * its final mode, so a secret is never readable by others even for a moment), fsynced,
 * and only once every one of them is written are they renamed into place and the
 * folder fsynced. A crash or a full disk therefore leaves each file old or new, never
 * half-written, and a failure while writing (the likely one: no space) changes nothing.
 *
 * @throws UserError naming the folder and the cause; temporary files are removed.
 */
export function writeIfChanged(dir: string, files: readonly FileToWrite[], opts: WriteOptions = {}): WriteReport {
  const shown = opts.displayDir ?? dir;
  prepareFolder(dir, shown, opts.folderMode);

  const changed: FileToWrite[] = [];
  const unchanged: string[] = [];
  for (const f of files) {
    if (sameFile(path.join(dir, f.name), f)) unchanged.push(f.name);
    else changed.push(f);
  }

  const temps: { file: FileToWrite; temp: string }[] = [];
  try {
    for (const file of changed) {
      const temp = path.join(dir, `.${file.name}.${randomBytes(6).toString("hex")}.tmp`);
      temps.push({ file, temp });
      writeDurably(temp, file);
    }
  } catch (err) {
    for (const { temp } of temps) fs.rmSync(temp, { force: true });
    throw new UserError(`cannot write ${shown}: ${describeFsError(err)}; nothing in it was changed`, ExitCode.Failed);
  }
  const renamed: string[] = [];
  try {
    for (const { file, temp } of temps) {
      fs.renameSync(temp, path.join(dir, file.name));
      renamed.push(file.name);
    }
  } catch (err) {
    for (const { temp } of temps) fs.rmSync(temp, { force: true });
    const done = renamed.length > 0 ? ` (already replaced: ${renamed.join(", ")})` : "; nothing in it was changed";
    throw new UserError(`cannot replace files in ${shown}: ${describeFsError(err)}${done}`, ExitCode.Failed);
  }

  const wanted = new Set(files.map((f) => f.name));
  const removed: string[] = [];
  for (const name of opts.removeNames ?? []) {
    if (wanted.has(name)) continue;
    const file = path.join(dir, name);
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    fs.rmSync(file);
    removed.push(name);
  }
  if (changed.length > 0 || removed.length > 0) fsyncFolder(dir);
  return { changed: changed.map((f) => f.name), unchanged, removed };
}

function prepareFolder(dir: string, shown: string, mode: number | undefined): void {
  try {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.mkdirSync(dir, { mode: mode ?? 0o755 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new UserError(`cannot create ${shown}: ${describeFsError(err)}`, ExitCode.Failed);
  }
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) throw new UserError(`${shown} exists and is not a folder; remove it or choose another --out`, ExitCode.Usage);
  // mkdir's mode passes through the umask, and an existing folder keeps its own.
  if (mode !== undefined && (stat.mode & 0o777) !== mode) fs.chmodSync(dir, mode);
}

function sameFile(file: string, wanted: FileToWrite): boolean {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile() || (stat.mode & 0o777) !== wanted.mode) return false;
  return fs.readFileSync(file).equals(Buffer.from(wanted.content, "utf8"));
}

function writeDurably(file: string, f: FileToWrite): void {
  const fd = fs.openSync(file, "wx", f.mode);
  try {
    // The umask may only have removed bits; make the mode exactly what was asked.
    fs.fchmodSync(fd, f.mode);
    fs.writeFileSync(fd, f.content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the renames themselves durable. */
function fsyncFolder(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

