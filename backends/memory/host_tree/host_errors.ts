/**
 * Host errors as the sandbox's errno-style FsError, so a program in the container sees
 * "No such file or directory" and not a Deno error class name.
 *
 * @module
 */
import { FsError, type FsErrorCode } from "../../../sandbox/mod.ts";

const known: FsErrorCode[] = [
  "ENOENT",
  "EEXIST",
  "ENOTDIR",
  "EISDIR",
  "ENOTEMPTY",
  "EACCES",
  "EPERM",
  "ELOOP",
  "EINVAL",
  "EXDEV",
  "EROFS",
  "ENOSPC",
  "EBADF",
  "ENAMETOOLONG",
];

const byClass: [new (...args: never[]) => Error, FsErrorCode][] = [
  [Deno.errors.NotFound, "ENOENT"],
  [Deno.errors.AlreadyExists, "EEXIST"],
  [Deno.errors.PermissionDenied, "EACCES"],
  [Deno.errors.NotADirectory, "ENOTDIR"],
  [Deno.errors.IsADirectory, "EISDIR"],
  [Deno.errors.FilesystemLoop, "ELOOP"],
];

/** The FsError for a failed host operation on container path `path`. */
export function hostFsError(error: unknown, path: string): FsError {
  if (error instanceof FsError) return error;
  const code = (error as { code?: string }).code;
  if (code && (known as string[]).includes(code)) {
    return new FsError(code as FsErrorCode, path, (error as Error).message);
  }
  for (const [cls, errno] of byClass) {
    if (error instanceof cls) return new FsError(errno, path, (error as Error).message);
  }
  // No errno fits; EINVAL carries the host's own words so the cause is not lost.
  return new FsError("EINVAL", path, `host filesystem: ${(error as Error).message}`);
}
