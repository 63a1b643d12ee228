/**
 * Changing what a resolved frame names: checks for read-only mounts, copy-up into the owning
 * tree, directory entry bookkeeping (link counts, times), and giving bytes back on unlink.
 *
 * @module
 */
import { fail } from "./errors.ts";
import type { DirNode, Node } from "./node.ts";
import { type Frame, isDirFrame } from "./resolve.ts";
import type { MemoryTree } from "./tree.ts";

/** The tree a change to `frame` goes to; EROFS on read-only mounts. */
export function writableTree(frame: Frame, path: string): MemoryTree {
  if (frame.readOnly) fail("EROFS", path);
  if (!frame.tree) fail("EINVAL", path, "not an in-memory tree");
  return frame.tree;
}

/** The directory node of `frame`, copied up so entries may be added or removed. */
export function mutableDir(frame: Frame, path: string): DirNode {
  const tree = writableTree(frame, path);
  if (!isDirFrame(frame)) fail("ENOTDIR", path);
  const dir = tree.mutableDir(frame.names, path);
  if (dir.list) fail("EACCES", path);
  return dir;
}

/** The node of `frame`, copied up so its content or metadata may change. */
export function mutableNode(frame: Frame, path: string): Node {
  return writableTree(frame, path).mutableNode(frame.names, path);
}

export function touchDir(dir: DirNode): void {
  dir.mtimeMs = dir.ctimeMs = Date.now();
}

export function addEntry(parent: Frame, name: string, node: Node, path: string): void {
  const dir = mutableDir(parent, path);
  if (dir.entries.has(name)) fail("EEXIST", path);
  dir.entries.set(name, node);
  if (node.kind === "dir") dir.nlink++;
  touchDir(dir);
}

/**
 * Drops one link to `node` (and, for a directory, to everything under it); the last link to a
 * file gives its bytes back to the tree that owns it.
 */
export function release(node: Node, tree: MemoryTree): void {
  // Image nodes are shared and immutable; dropping a name from the container changes nothing in
  // them, and an image directory holds only image nodes.
  if (node.owner !== tree) return;
  if (node.kind === "dir") {
    for (const child of node.entries.values()) release(child, tree);
    return;
  }
  node.nlink--;
  node.ctimeMs = Date.now();
  if (node.nlink <= 0 && node.kind === "file") tree.used -= node.size;
}

/** The path inside a foreign (host-backed) tree of `name` in directory frame `parent`. */
export function foreignChild(parent: Frame, name: string): string {
  return `${parent.foreignPath!.replace(/\/$/, "")}/${name}`;
}
