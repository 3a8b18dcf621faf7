import { ExitCode, UserError } from "../user-error";

/**
 * The one error type of core/certs. Its message is a complete, single-line sentence
 * (file, what is wrong, what to do) so callers can print it as is; `file` lets them
 * point at the offending file without parsing the message.
 */
export class CertError extends UserError {
  readonly file?: string;

  /** Most are bad input (a missing file, a wrong password): a usage error unless `exitCode` says otherwise. */
  constructor(message: string, file?: string, exitCode: ExitCode = ExitCode.Usage) {
    super(message, exitCode);
    this.file = file;
  }
}

/** Turns a Node fs error into a short reason, without the path Node already repeats. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "not found";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, expected a file";
    case "ENOTDIR":
      return "a parent path is not a directory";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on device";
    case "EEXIST":
      return "already exists";
    default: {
      // Node's "EIO: i/o error, rename 'a' -> 'b'": keep the reason, drop the paths.
      const message = err instanceof Error ? err.message : String(err);
      return message.split(",")[0] || code || "unknown error";
    }
  }
}
