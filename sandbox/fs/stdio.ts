/**
 * Per-process views of a container filesystem. `/dev/stdin`, `/dev/stdout`, `/dev/stderr` and
 * `/dev/fd/N` are links into `/proc/self/fd`, and what they open depends on the process looking:
 * the shell gives each process its view with {@link withStdio}.
 *
 * @module
 */
import type { Input, Output } from "../types.ts";
import type { LayeredFileSystem } from "./layered_fs.ts";

export interface ProcessStdio {
  /** What /proc/self names; without it /proc/self holds only `fd`. */
  pid?: number;
  stdin?: Input;
  stdout?: Output;
  stderr?: Output;
}

/**
 * The same filesystem (same trees, same mounts) as seen by one process: opening /dev/stdin
 * reads `stdin`, /dev/stdout and /dev/stderr write to its outputs, /proc/self is `pid`.
 *
 * @example
 * ```ts
 * const view = withStdio(fs, { pid: 7, stdin, stdout, stderr });
 * await view.writeFile("/dev/stdout", new TextEncoder().encode("hi\n"));
 * ```
 */
export function withStdio<T extends LayeredFileSystem>(fs: T, stdio: ProcessStdio): T {
  const { pid, ...streams } = stdio;
  return fs.forProcess({ pid, stdio: streams }) as T;
}
