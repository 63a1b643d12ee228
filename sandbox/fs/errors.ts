/**
 * Throwing {@link FsError}s with libc's wording, so messages read like the tools users know.
 *
 * @module
 */
import { FsError, type FsErrorCode } from "../types.ts";

const MESSAGES: Partial<Record<FsErrorCode, string>> = {
  EEXIST: "File exists",
  ENOENT: "No such file or directory",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EROFS: "Read-only file system",
  ENOTEMPTY: "Directory not empty",
  EXDEV: "Invalid cross-device link",
  EPERM: "Operation not permitted",
  EINVAL: "Invalid argument",
  EACCES: "Permission denied",
  ELOOP: "Too many levels of symbolic links",
  EBADF: "Bad file descriptor",
};

/** Throws `code` for `path`, worded as libc words it ("/x: No such file or directory"). */
export function fail(code: FsErrorCode, path: string, detail?: string): never {
  throw new FsError(code, path, `${path}: ${detail ?? MESSAGES[code] ?? code}`);
}
