/**
 * How applets report failures: busybox prefixes every message with the applet name and spells
 * errno values the way glibc's `strerror` does, so scripts that match on stderr keep working.
 *
 * @module
 */
import { FsError, type FsErrorCode, type ProcessContext } from "../../types.ts";

const STRERROR: Record<FsErrorCode, string> = {
  ENOENT: "No such file or directory",
  EEXIST: "File exists",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  ENOTEMPTY: "Directory not empty",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  ELOOP: "Too many levels of symbolic links",
  EINVAL: "Invalid argument",
  EXDEV: "Invalid cross-device link",
  EROFS: "Read-only file system",
  ENOSPC: "No space left on device",
  EBADF: "Bad file descriptor",
  ENAMETOOLONG: "File name too long",
};

/** The libc wording of an error: FsErrors by code, anything else by its message. */
export function strerror(error: unknown): string {
  if (error instanceof FsError) return STRERROR[error.code] ?? error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** True when `error` is an {@link FsError} with the given code. */
export function isFsError(error: unknown, code?: FsErrorCode): error is FsError {
  return error instanceof FsError && (code === undefined || error.code === code);
}

/** The name the applet was called by, without a directory ("/bin/ls" → "ls"). */
export function appletName(ctx: ProcessContext): string {
  const name = ctx.argv[0] ?? "busybox";
  return name.slice(name.lastIndexOf("/") + 1);
}

/** Writes "applet: message\n" to stderr, busybox's bb_error_msg. */
export async function warn(ctx: ProcessContext, message: string): Promise<void> {
  await ctx.stderr.write(`${appletName(ctx)}: ${message}\n`);
}

/** Writes "applet: message: strerror\n", busybox's bb_perror_msg. */
export async function warnErrno(ctx: ProcessContext, message: string, error: unknown) {
  rethrowAbort(ctx, error);
  await warn(ctx, `${message}: ${strerror(error)}`);
}

/**
 * A failure that ends the applet with a status, thrown from deep inside a helper and turned into
 * the exit status by {@link runApplet}.
 */
export class AppletExit extends Error {
  constructor(readonly status: number, message?: string) {
    super(message ?? `exit ${status}`);
    this.name = "AppletExit";
  }
}

/** Rethrows when the process was signalled, so cancellation is never reported as a file error. */
export function rethrowAbort(ctx: ProcessContext, error: unknown): void {
  if (ctx.signal.aborted) throw ctx.signal.reason;
  if (error instanceof DOMException && error.name === "AbortError") throw error;
}

/**
 * Wraps an applet body so {@link AppletExit} becomes an exit status with its message on stderr
 * (busybox's bb_error_msg_and_die). Other errors propagate: the process layer owns them.
 */
export function runApplet(
  body: (ctx: ProcessContext) => Promise<number>,
): (ctx: ProcessContext) => Promise<number> {
  return async (ctx) => {
    try {
      return await body(ctx);
    } catch (error) {
      if (error instanceof AppletHelp) {
        await ctx.stderr.write(`Usage: ${error.usage}\n`);
        return 0;
      }
      if (error instanceof AppletExit) {
        if (error.message && error.message !== `exit ${error.status}`) {
          await warn(ctx, error.message);
        }
        return error.status;
      }
      throw error;
    }
  };
}

/** `--help` was asked for: busybox prints the usage on stderr and exits 0. */
export class AppletHelp extends Error {
  constructor(readonly usage: string) {
    super("help");
    this.name = "AppletHelp";
  }
}

/** Throws an {@link AppletExit} with status 1 and a message, like bb_error_msg_and_die. */
export function die(message: string, status = 1): never {
  throw new AppletExit(status, message);
}
