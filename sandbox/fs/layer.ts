/**
 * Image layers: immutable trees of nodes, each over its parent, as an OCI image stacks them. A
 * layer is built once (from a tar or by committing a container) and then shared by every
 * container and child layer that uses it; its merged view is computed once and memoised.
 *
 * @module
 */
import { FsError } from "../types.ts";
import { normalizePath } from "../path.ts";
import { Pipe } from "./fifo.ts";
import {
  type DirNode,
  newDevice,
  newDir,
  newFifo,
  newFile,
  newSymlink,
  type Node,
  type NodeMeta,
  type Owner,
} from "./node.ts";

export class Layer implements Owner {
  readonly writable = false;
  /** Bytes of regular-file data in this layer's own diff (hard links counted once). */
  used = 0;
  readonly diff: DirNode;
  #merged?: DirNode;

  /** Use {@link LayerBuilder}; a layer is only handed out once it is complete. */
  constructor(readonly parent?: Layer) {
    this.diff = newDir(this, { mode: 0o755 });
  }

  /** The merged tree of this layer over all its parents: what a container starts from. */
  get root(): DirNode {
    this.#merged ??= this.parent ? mergeDir(this.parent.root, this.diff, this) : this.diff;
    return this.#merged;
  }

  /** Layers from the bottom (base) up to this one. */
  chain(): Layer[] {
    return this.parent ? [...this.parent.chain(), this] : [this];
  }

  /** Bytes of file data in this layer and all below it (Docker's image/`SizeRootFs` part). */
  get chainSize(): number {
    return this.used + (this.parent?.chainSize ?? 0);
  }
}

/** Overlays one layer's diff directory on the merged directory below it. */
function mergeDir(lower: DirNode, upper: DirNode, owner: Layer): DirNode {
  if (upper.opaque) return upper;
  // A directory the archive never described keeps the metadata it has below.
  const meta = upper.implicit ? lower : upper;
  const merged: DirNode = {
    ...upper,
    mode: meta.mode,
    uid: meta.uid,
    gid: meta.gid,
    mtimeMs: meta.mtimeMs,
    atimeMs: meta.atimeMs,
    ctimeMs: meta.ctimeMs,
    ino: meta.ino,
    owner,
    entries: new Map(lower.entries),
  };
  for (const name of upper.whiteouts ?? []) merged.entries.delete(name);
  for (const [name, child] of upper.entries) {
    const below = merged.entries.get(name);
    merged.entries.set(
      name,
      child.kind === "dir" && below?.kind === "dir" ? mergeDir(below, child, owner) : child,
    );
  }
  // A directory's link count is 2 plus one per subdirectory ("..") in the merged view.
  merged.nlink = 2;
  for (const child of merged.entries.values()) if (child.kind === "dir") merged.nlink++;
  return merged;
}

/** Prefix of OCI whiteout names. */
export const WHITEOUT_PREFIX = ".wh.";
/** Marks the directory holding it as opaque. */
export const OPAQUE_WHITEOUT = ".wh..wh..opq";

/**
 * Builds a layer entry by entry (as a tar import does). Paths are layer-relative and checked:
 * none may climb out with `..`. Nothing is visible to anyone until {@link LayerBuilder.finish}.
 */
export class LayerBuilder {
  readonly #layer: Layer;
  #done = false;

  constructor(parent?: Layer) {
    this.#layer = new Layer(parent);
  }

  /** Splits a layer path into names, refusing anything that would leave the layer. */
  static names(path: string): string[] {
    const parts = path.split("/").filter((part) => part !== "" && part !== ".");
    if (parts.includes("..")) {
      throw new FsError("EPERM", path, `refusing path outside the layer root: ${path}`);
    }
    return parts;
  }

  #dir(names: string[], path: string): DirNode {
    let dir = this.#layer.diff;
    for (const name of names) {
      let child = dir.entries.get(name);
      if (!child) {
        child = { ...newDir(this.#layer), implicit: true };
        dir.entries.set(name, child);
        dir.nlink++;
      }
      if (child.kind !== "dir") {
        throw new FsError("ENOTDIR", path, `${path}: parent is not a directory`);
      }
      dir = child;
    }
    return dir;
  }

  #put(path: string, make: () => Node): Node {
    if (this.#done) throw new Error("layer is already finished");
    const names = LayerBuilder.names(path);
    if (names.length === 0) {
      throw new FsError("EINVAL", path, `cannot replace the layer root with ${path}`);
    }
    const name = names.pop()!;
    const dir = this.#dir(names, path);
    if (name.startsWith(WHITEOUT_PREFIX)) {
      if (name === OPAQUE_WHITEOUT) dir.opaque = true;
      else (dir.whiteouts ??= new Set()).add(name.slice(WHITEOUT_PREFIX.length));
      return dir;
    }
    const existing = dir.entries.get(name);
    const node = make();
    if (existing?.kind === "dir" && node.kind === "dir") {
      // A later header for a directory only updates its metadata (tar lists parents first).
      Object.assign(existing, { mode: node.mode, uid: node.uid, gid: node.gid });
      Object.assign(existing, {
        mtimeMs: node.mtimeMs,
        atimeMs: node.atimeMs,
        implicit: undefined,
      });
      return existing;
    }
    if (existing?.kind === "file" && existing.nlink <= 1) this.#layer.used -= existing.size;
    if (existing?.kind === "dir") dir.nlink--;
    if (node.kind === "dir") dir.nlink++;
    dir.entries.set(name, node);
    return node;
  }

  dir(path: string, meta: NodeMeta = {}): void {
    this.#put(path, () => newDir(this.#layer, meta));
  }

  file(path: string, data: Uint8Array, meta: NodeMeta = {}): void {
    this.#put(path, () => {
      this.#layer.used += data.length;
      return newFile(this.#layer, data, meta);
    });
  }

  symlink(path: string, target: string, meta: NodeMeta = {}): void {
    this.#put(path, () => newSymlink(this.#layer, target, meta));
  }

  device(path: string, major: number, minor: number, meta: NodeMeta = {}): void {
    this.#put(path, () => newDevice(this.#layer, major, minor, meta));
  }

  fifo(path: string, meta: NodeMeta = {}): void {
    this.#put(path, () => newFifo(this.#layer, new Pipe(), meta));
  }

  /** A hard link to `target`, an earlier entry of this layer or a file of the layers below. */
  link(path: string, target: string): void {
    const node = this.#lookup(LayerBuilder.names(target), this.#layer.diff) ??
      (this.#layer.parent
        ? this.#lookup(LayerBuilder.names(target), this.#layer.parent.root)
        : undefined);
    if (!node) {
      throw new FsError(
        "ENOENT",
        path,
        `hard link ${path} → ${target}: target not found in the layer`,
      );
    }
    if (node.kind === "dir") {
      throw new FsError("EPERM", path, `hard link ${path} → ${target}: target is a directory`);
    }
    this.#put(path, () => node);
    if (node.owner === this.#layer) node.nlink++;
  }

  #lookup(names: string[], root: DirNode): Node | undefined {
    let node: Node | undefined = root;
    for (const name of names) {
      node = node?.kind === "dir" ? node.entries.get(name) : undefined;
    }
    return node;
  }

  /** Completes the layer; the builder refuses further entries. */
  finish(): Layer {
    this.#done = true;
    return this.#layer;
  }
}

/** A layer's path as the diff stores it ("/a/b" → "a/b"). */
export function layerPath(path: string): string {
  return normalizePath(path).slice(1);
}
