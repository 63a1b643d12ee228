/**
 * The messages between the memory backend and one container actor. A container actor lives from
 * `docker create` to `docker rm` in a Worker with no permissions; it owns the container's
 * filesystem and process tree (the sandbox) and nothing else. Docker semantics (states, restart
 * counts, logs, events) stay in the backend.
 *
 * @module
 */
import type { OutputChunk } from "../../core/container_types.ts";
import type { ContainerMountSpec } from "./mounts/spec.ts";

/** A process to start: the main process (`docker start`) or an exec. */
export interface ProcessSpec {
  argv: string[];
  /** KEY=VALUE entries, later entries win. */
  env: string[];
  /** Absolute working directory; created if missing, as Docker does. */
  cwd: string;
  /** `User` as Docker takes it: name, uid, name:group or uid:gid; empty for root. */
  user: string;
  tty: boolean;
  /** Whether the process gets a stdin pipe (OpenStdin / exec AttachStdin). */
  openStdin: boolean;
}

/** What the container actor is started with. */
export interface ContainerActorArgs {
  id: string;
  hostname: string;
  /** Where the root filesystem comes from. */
  image:
    | { kind: "builtin" }
    /** A registry or built image: its layers' uncompressed tars, bottom first. */
    | { kind: "layers"; layers: { digest: string; tar: Uint8Array }[] };
  /** Host figures the sandbox reports (`nproc`, `free`): the daemon host's, never invented. */
  ncpu: number;
  memTotal: number;
  /** The /etc/hosts the backend wrote (its address, links, ExtraHosts); loopback-only if absent. */
  hosts?: string;
  /** /etc/resolv.conf naming the virtual network's DNS; the image's when absent (no network). */
  resolvConf?: string;
  /**
   * A port to the backend's shell parser (sandbox/shell/parser_link.ts): without it the Worker
   * loads its own, ~14 MiB more per container.
   */
  parser?: MessagePort;
}

/** The reply to `run`: the process's pid, its output, and a port that gets its exit status. */
export interface RunReply {
  pid: number;
  output: ReadableStream<OutputChunk>;
  /** Receives one message `{ status: number }` when the process has exited. */
  exit: MessagePort;
}

export interface ArchiveStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

export type ContainerMsg =
  | { type: "run"; role: "main" | "exec"; process: ProcessSpec }
  | { type: "stdin"; pid: number; stream: ReadableStream<Uint8Array>; closeAtEnd: boolean }
  | { type: "signal"; pid: number; signal: string }
  | { type: "signal-all"; signal: string }
  | { type: "processes" }
  | { type: "archive-stat"; path: string }
  | { type: "archive-get"; path: string }
  | {
    type: "archive-put";
    path: string;
    tar: ReadableStream<Uint8Array>;
    noOverwriteDirNonDir: boolean;
    /** `copyUIDGID` with a configured user: every entry is owned by this Docker `User`. */
    owner?: string;
  }
  | { type: "export" }
  | { type: "changes" }
  | { type: "size" }
  /** The JS heap of the container's Worker (its own isolate), for `docker stats`. */
  | { type: "memory" }
  /** The container's changes as one OCI layer tar (docker commit, a build step). */
  | { type: "commit-layer" }
  /** Volumes, binds and tmpfs mounts, before the first start (see ./mounts/). */
  | { type: "mount"; mounts: ContainerMountSpec[] }
  /** Joins the virtual network: the sandbox's sockets go through this port (see ./net/). */
  | { type: "net"; port: MessagePort };

// Replies (added by the container actor's author; additive): what each message answers with.

/** One process as `docker top` lists it; `processes` answers with these in pid order. */
export interface ContainerProcess {
  pid: number;
  ppid: number;
  uid: number;
  args: string[];
  /** Milliseconds since the epoch. */
  startedMs: number;
  /** R running, S sleeping, T stopped, Z exited. */
  state: "R" | "S" | "T" | "Z";
}

/** The answer to `archive-get`: the stat for `X-Docker-Container-Path-Stat` and the tar. */
export interface ArchiveGetReply {
  stat: ArchiveStat;
  tar: ReadableStream<Uint8Array>;
}

/** One entry of `GET /containers/{id}/changes`: Kind 0 modified, 1 added, 2 deleted. */
export interface ContainerChange {
  Path: string;
  Kind: 0 | 1 | 2;
}

/** `Deno.memoryUsage()` of the container's Worker, without the process-wide `rss`. */
export interface WorkerMemory {
  heapUsed: number;
  heapTotal: number;
  /** Memory outside the heap held by JS objects: array buffers, so the files' bytes too. */
  external: number;
}

export interface ContainerSizes {
  SizeRw: number;
  SizeRootFs: number;
}

/**
 * What each message answers with. `signal` throws InvalidParameter for an unknown signal and
 * Conflict when the process is not running; `stdin` throws Conflict when the process has no
 * stdin pipe; `run` throws Conflict when a main process is already running (or, for an exec,
 * none is); archive messages throw NotFound for a missing path.
 */
export interface ContainerReplies {
  run: RunReply;
  stdin: void;
  signal: void;
  /** How many processes the signal reached. */
  "signal-all": number;
  processes: ContainerProcess[];
  "archive-stat": ArchiveStat;
  "archive-get": ArchiveGetReply;
  "archive-put": void;
  export: ReadableStream<Uint8Array>;
  changes: ContainerChange[];
  size: ContainerSizes;
  memory: WorkerMemory;
  "commit-layer": ReadableStream<Uint8Array>;
  mount: void;
  net: void;
}
