/**
 * A Node file-system error as a short reason, without the path Node already repeats: the one
 * wording every message about a file uses (certificates, the tenants file, exports).
 */
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
