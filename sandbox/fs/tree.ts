/**
 * A writable tree of nodes: a container's layer over its image, a volume, or a tmpfs. Nodes the
 * tree does not own (image layers) are copied up on the first change, one path at a time.
 *
 * @module
 */
import { FsError } from "../types.ts";
import { copyUp, type DirNode, newDir, type Node, type Owner } from "./node.ts";

export interface TreeOptions {
  /** Refuse writes that would make the tree hold more file bytes than this (tmpfs `size=`). */
  limitBytes?: number;
  /** The image's merged root; the tree starts as a copy-on-write view of it. */
  base?: DirNode;
  mode?: number;
}

export class MemoryTree implements Owner {
  readonly writable = true;
  used = 0;
  readonly limitBytes?: number;
  root: DirNode;
  /** The image root this tree was created over; `changes()` diffs against it. */
  readonly base?: DirNode;

  constructor(options: TreeOptions = {}) {
    this.limitBytes = options.limitBytes;
    this.base = options.base;
    this.root = options.base ?? newDir(this, { mode: options.mode ?? 0o755 });
  }

  owns(node: Node): boolean {
    return node.owner === this;
  }

  /** The directory at canonical `names` (no symlinks), copied up along the way so it can change. */
  mutableDir(names: readonly string[], path: string): DirNode {
    if (!this.owns(this.root)) this.root = copyUp(this.root, this) as DirNode;
    let dir = this.root;
    for (const name of names) {
      let child = dir.entries.get(name);
      // Another operation may have moved things since the path was resolved.
      if (!child) throw new FsError("ENOENT", path, `${path}: No such file or directory`);
      if (child.kind !== "dir") throw new FsError("ENOTDIR", path, `${path}: Not a directory`);
      if (child.list) throw new FsError("EACCES", path, "Permission denied");
      if (!this.owns(child)) {
        child = copyUp(child, this);
        dir.entries.set(name, child);
      }
      dir = child as DirNode;
    }
    return dir;
  }

  /** The node at `names`, copied up if needed, so its content or metadata may change. */
  mutableNode(names: readonly string[], path: string): Node {
    if (names.length === 0) return this.mutableDir(names, path);
    const parent = this.mutableDir(names.slice(0, -1), path);
    const name = names[names.length - 1];
    let node = parent.entries.get(name);
    if (!node) throw new FsError("ENOENT", path, "No such file or directory");
    if (!this.owns(node)) {
      node = copyUp(node, this);
      if (node.kind === "file") this.charge(node.size, path);
      parent.entries.set(name, node);
    }
    return node;
  }

  /** Accounts for `delta` more bytes of file data; ENOSPC past the limit. */
  charge(delta: number, path: string): void {
    if (delta > 0 && this.limitBytes !== undefined && this.used + delta > this.limitBytes) {
      throw new FsError("ENOSPC", path, "No space left on device");
    }
    this.used += delta;
  }
}
