/**
 * The messages on a host-tree port: a container Worker (no permissions) asks the backend Worker
 * to do filesystem operations inside one host directory (a bind source or a volume's `_data`).
 * Requests carry an id; each gets exactly one reply, a value or an errno-style error.
 *
 * @module
 */
import type { FsErrorCode } from "../../../sandbox/mod.ts";

/** Operations on paths (the FileSystem interface) and on open handles (`handle.*`). */
export type HostTreeOp =
  | "stat"
  | "readdir"
  | "readFile"
  | "writeFile"
  | "open"
  | "mkdir"
  | "remove"
  | "rename"
  | "symlink"
  | "link"
  | "readlink"
  | "realpath"
  | "chmod"
  | "chown"
  | "utimes"
  | "mkfifo"
  | "handle.read"
  | "handle.write"
  | "handle.seek"
  | "handle.truncate"
  | "handle.stat"
  | "handle.close";

export interface HostTreeRequest {
  id: number;
  op: HostTreeOp;
  args: unknown[];
}

export type HostTreeReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: FsErrorCode; path: string; message: string } };
