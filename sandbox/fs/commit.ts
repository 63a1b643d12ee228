/**
 * Turning a container's writable tree into a new immutable image layer (`docker commit`, a build
 * step): what it changed becomes the layer's diff, deletions become whiteouts and directories it
 * removed and made again become opaque. Unchanged image nodes are shared, not copied; the
 * container's own nodes are copied so later writes in the container cannot change the layer.
 *
 * @module
 */
import type { ContainerFileSystem } from "./container_fs.ts";
import { Layer } from "./layer.ts";
import type { DirNode, Node } from "./node.ts";
import type { MemoryTree } from "./tree.ts";

class Committer {
  readonly #copies = new Map<Node, Node>();
  constructor(readonly tree: MemoryTree, readonly layer: Layer) {}

  /** A node for the layer: image nodes as they are, the container's own copied once. */
  node(node: Node): Node {
    if (!this.tree.owns(node)) return node;
    const known = this.#copies.get(node);
    if (known) return known;
    let copy: Node;
    if (node.kind === "dir") {
      const dir: DirNode = {
        ...node,
        owner: this.layer,
        entries: new Map(),
        copiedFrom: undefined,
      };
      copy = dir;
      for (const [name, child] of node.entries) dir.entries.set(name, this.node(child));
    } else if (node.kind === "file") {
      copy = { ...node, owner: this.layer, data: node.data.slice(0, node.size) };
      this.layer.used += node.size;
    } else {
      copy = { ...node, owner: this.layer };
    }
    this.#copies.set(node, copy);
    return copy;
  }

  /** Fills `out` (a diff directory) with how container dir `dir` differs from image dir `image`. */
  diff(dir: DirNode, image: DirNode | undefined, out: DirNode): void {
    const copiedUp = image !== undefined && dir.copiedFrom === image;
    if (image && !copiedUp) out.opaque = true;
    const names = new Set(dir.entries.keys());
    if (copiedUp) { for (const name of image.entries.keys()) names.add(name); }
    for (const name of names) {
      const child = dir.entries.get(name);
      const below = copiedUp ? image.entries.get(name) : undefined;
      if (child === below) continue;
      if (!child) {
        (out.whiteouts ??= new Set()).add(name);
        continue;
      }
      if (child.kind !== "dir" || !this.tree.owns(child)) {
        // A directory moved in from elsewhere in the image must hide what was below it here.
        const node = this.node(child);
        out.entries.set(
          name,
          node.kind === "dir" && below?.kind === "dir"
            ? { ...node, owner: this.layer, entries: new Map(node.entries), opaque: true }
            : node,
        );
        continue;
      }
      const copy: DirNode = {
        ...child,
        owner: this.layer,
        entries: new Map(),
        copiedFrom: undefined,
      };
      out.entries.set(name, copy);
      this.diff(child, below?.kind === "dir" ? below : undefined, copy);
    }
  }
}

/**
 * A new layer over the container's image holding everything the container changed. Containers
 * created from it see the committed state; the committing container goes on unaffected.
 */
export function commitLayer(fs: ContainerFileSystem): Layer {
  const layer = new Layer(fs.image);
  const tree = fs.tree;
  if (!tree.owns(tree.root)) return layer;
  const root = tree.root;
  Object.assign(layer.diff, {
    mode: root.mode,
    uid: root.uid,
    gid: root.gid,
    mtimeMs: root.mtimeMs,
  });
  new Committer(tree, layer).diff(root, fs.image?.root, layer.diff);
  // The root itself is never opaque: only what is below it can be replaced.
  layer.diff.opaque = undefined;
  return layer;
}
