/**
 * Inodes of the in-memory filesystem. A node is owned by exactly one tree or layer; a tree may
 * only change nodes it owns and copies up (clones) any other node first, which is what lets many
 * container filesystems share one immutable image layer without copying it.
 *
 * @module
 */
import type { FileKind, Input, Output, Stat } from "../types.ts";
import type { Pipe } from "./fifo.ts";

/** What owns a node: a writable tree, or an immutable layer (never written). */
export interface Owner {
  readonly writable: boolean;
  /** Bytes of file data this owner holds; trees with a limit refuse growth past it. */
  used: number;
  readonly limitBytes?: number;
}

interface NodeBase {
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  atimeMs: number;
  ctimeMs: number;
  nlink: number;
  owner: Owner;
}

export interface FileNode extends NodeBase {
  kind: "file";
  /** Backing bytes; only the first `size` are content, the rest is growth room. */
  data: Uint8Array;
  size: number;
}

/** What a synthetic (/proc) node needs to know about the process looking at it. */
export interface ProcessView {
  pid?: number;
  stdio?: { stdin?: Input; stdout?: Output; stderr?: Output };
}

export interface DirNode extends NodeBase {
  kind: "dir";
  entries: Map<string, Node>;
  /** The image directory this one was copied up from; a fresh directory has none. */
  copiedFrom?: DirNode;
  /** Layer diff trees only: names this layer deletes from the layers below (OCI `.wh.<name>`). */
  whiteouts?: Set<string>;
  /** Layer diff trees only: hides everything below this directory (OCI `.wh..wh..opq`). */
  opaque?: boolean;
  /** Layer diff trees only: made for an entry inside it, never described by the archive itself. */
  implicit?: boolean;
  /** Synthetic directories (/proc) list their entries on demand. */
  list?: (view: ProcessView) => Map<string, Node>;
}

export interface SymlinkNode extends NodeBase {
  kind: "symlink";
  target: string;
}

export interface DeviceNode extends NodeBase {
  kind: "chardev";
  /** Linux encoding: major << 8 | minor for small numbers (1,3 → 0x103). */
  rdev: number;
}

export interface FifoNode extends NodeBase {
  kind: "fifo";
  pipe: Pipe;
  /** Set on /proc/<pid>/fd/N: the node opens the process's stdio instead of the pipe. */
  stdio?: 0 | 1 | 2;
}

/** A read-only file whose content is computed when read (/proc). */
export interface GeneratedNode extends NodeBase {
  kind: "generated";
  generate: (view: ProcessView) => Uint8Array;
}

export type Node = FileNode | DirNode | SymlinkNode | DeviceNode | FifoNode | GeneratedNode;

let nextIno = 1;

/** A fresh inode number; numbers are unique for the life of the process. */
export function allocateIno(): number {
  return nextIno++;
}

export interface NodeMeta {
  mode?: number;
  uid?: number;
  gid?: number;
  mtimeMs?: number;
  atimeMs?: number;
  ctimeMs?: number;
}

function base(owner: Owner, meta: NodeMeta, defaultMode: number): NodeBase {
  const now = Date.now();
  const mtimeMs = meta.mtimeMs ?? now;
  return {
    ino: allocateIno(),
    mode: (meta.mode ?? defaultMode) & 0o7777,
    uid: meta.uid ?? 0,
    gid: meta.gid ?? 0,
    mtimeMs,
    atimeMs: meta.atimeMs ?? mtimeMs,
    ctimeMs: meta.ctimeMs ?? now,
    nlink: 1,
    owner,
  };
}

export function newFile(owner: Owner, data: Uint8Array, meta: NodeMeta = {}): FileNode {
  return { ...base(owner, meta, 0o644), kind: "file", data, size: data.length };
}

export function newDir(owner: Owner, meta: NodeMeta = {}): DirNode {
  return { ...base(owner, meta, 0o755), kind: "dir", entries: new Map(), nlink: 2 };
}

export function newSymlink(owner: Owner, target: string, meta: NodeMeta = {}): SymlinkNode {
  return { ...base(owner, meta, 0o777), kind: "symlink", target };
}

export function newFifo(owner: Owner, pipe: Pipe, meta: NodeMeta = {}): FifoNode {
  return { ...base(owner, meta, 0o644), kind: "fifo", pipe };
}

export function newDevice(owner: Owner, major: number, minor: number, meta: NodeMeta = {}) {
  const node: DeviceNode = {
    ...base(owner, meta, 0o666),
    kind: "chardev",
    rdev: makeDev(major, minor),
  };
  return node;
}

/** Linux's `makedev` for the small numbers device files use. */
export function makeDev(major: number, minor: number): number {
  return ((major & 0xfff) << 8) | (minor & 0xff) | ((minor & ~0xff) << 12);
}

export function majorOf(rdev: number): number {
  return (rdev >> 8) & 0xfff;
}

export function minorOf(rdev: number): number {
  return (rdev & 0xff) | ((rdev >> 12) & ~0xff);
}

/**
 * Copies a node into `owner` keeping its inode number, as overlayfs keeps st_ino on copy-up.
 * Directory entries are shared (they are copied up one by one when written).
 */
export function copyUp(node: Node, owner: Owner): Node {
  switch (node.kind) {
    case "file":
      return { ...node, owner, data: node.data.slice(0, node.size), nlink: 1 };
    case "dir":
      return {
        ...node,
        owner,
        entries: new Map(node.entries),
        copiedFrom: node.owner.writable ? node.copiedFrom : node,
        whiteouts: undefined,
        opaque: undefined,
        implicit: undefined,
      };
    default:
      return { ...node, owner, nlink: 1 };
  }
}

/** The size `stat` reports: content bytes, target length for symlinks, 4096 for directories. */
export function sizeOf(node: Node): number {
  switch (node.kind) {
    case "file":
      return node.size;
    case "symlink":
      return new TextEncoder().encode(node.target).length;
    case "dir":
      return 4096;
    default:
      return 0;
  }
}

export function kindOf(node: Node): FileKind {
  return node.kind === "generated" ? "file" : node.kind;
}

export function statOf(node: Node): Stat {
  const stat: Stat = {
    kind: kindOf(node),
    mode: node.mode,
    uid: node.uid,
    gid: node.gid,
    size: sizeOf(node),
    mtimeMs: node.mtimeMs,
    atimeMs: node.atimeMs,
    ctimeMs: node.ctimeMs,
    ino: node.ino,
    nlink: node.nlink,
  };
  if (node.kind === "chardev") stat.rdev = node.rdev;
  return stat;
}

/** A directory's entries, computing them for synthetic directories. */
export function entriesOf(dir: DirNode, view: ProcessView): Map<string, Node> {
  return dir.list ? dir.list(view) : dir.entries;
}
