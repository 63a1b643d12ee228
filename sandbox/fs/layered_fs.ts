/**
 * A container's filesystem: a writable tree over an image's merged layers, plus mounts. It is the
 * sandbox's {@link FileSystem}. Per-process views (for /proc/self and /dev/stdin) share all state
 * and differ only in the process they describe. Paths under a host-backed (foreign) mount are
 * resolved here, component by component, and the operation is then handed to that tree.
 *
 * @module
 */
import type { DirEntry, FileHandle, FileSystem, OpenOptions, Stat } from "../types.ts";
import { fail } from "./errors.ts";
import { Pipe } from "./fifo.ts";
import {
  addEntry,
  foreignChild,
  mutableDir,
  mutableNode,
  release,
  touchDir,
  writableTree,
} from "./frame_ops.ts";
import { readToEnd, truncateNode, writeAt } from "./handle.ts";
import {
  type DirNode,
  entriesOf,
  type FileNode,
  kindOf,
  newDir,
  newFifo,
  newFile,
  newSymlink,
  type Node,
  type ProcessView,
  statOf,
} from "./node.ts";
import { openFrame } from "./open_frame.ts";
import {
  type Frame,
  isDirFrame,
  type Mount,
  mountPointsIn,
  resolve,
  type Resolved,
} from "./resolve.ts";
import type { MemoryTree } from "./tree.ts";

/** State every process view of one container filesystem shares. */
export interface SharedState {
  tree: MemoryTree;
  mounts: Map<string, Mount>;
}

type ForeignCreate = (fs: FileSystem, path: string) => Promise<void>;

export class LayeredFileSystem implements FileSystem {
  constructor(readonly shared: SharedState, readonly view: ProcessView = {}) {}

  /** The same filesystem seen by another process (its /proc/self and stdio). */
  forProcess(view: ProcessView): LayeredFileSystem {
    return new LayeredFileSystem(this.shared, view);
  }

  get tree(): MemoryTree {
    return this.shared.tree;
  }

  /** Resolves a container path to frames (see `resolve.ts`); other sandbox modules build on it. */
  resolve(path: string, follow: boolean, allowMissing = false): Promise<Resolved> {
    const tree = this.tree;
    const root: Frame = {
      path: "/",
      name: "",
      device: "/",
      readOnly: false,
      tree,
      names: [],
      node: tree.root,
    };
    return resolve({ root, mounts: this.shared.mounts, view: this.view }, path, {
      follow,
      allowMissing,
    });
  }

  async #existing(path: string, follow: boolean): Promise<Frame> {
    return (await this.resolve(path, follow)).target!;
  }

  /** Creates the last component of `path`, failing with EEXIST if it is there. */
  async #create(path: string, make: (tree: MemoryTree) => Node, foreign: ForeignCreate) {
    const resolved = await this.resolve(path, false, true);
    if (resolved.target) fail("EEXIST", path);
    const parent = resolved.parent!;
    if (parent.foreign) return await foreign(parent.foreign, foreignChild(parent, resolved.name));
    addEntry(parent, resolved.name, make(writableTree(parent, path)), path);
  }

  async stat(path: string, options: { follow?: boolean } = {}): Promise<Stat> {
    const frame = await this.#existing(path, options.follow ?? true);
    if (frame.foreign) return await frame.foreign.stat(frame.foreignPath!, { follow: false });
    return statOf(frame.node!);
  }

  async readdir(path: string): Promise<DirEntry[]> {
    const frame = await this.#existing(path, true);
    if (!isDirFrame(frame)) fail("ENOTDIR", path);
    const entries = new Map<string, DirEntry>();
    if (frame.foreign) {
      for (const entry of await frame.foreign.readdir(frame.foreignPath!)) {
        entries.set(entry.name, entry);
      }
    } else {
      for (const [name, node] of entriesOf(frame.node as DirNode, this.view)) {
        entries.set(name, { name, kind: kindOf(node) });
      }
    }
    // Mount points show even where the tree below has no entry for them.
    for (const entry of mountPointsIn(this.shared.mounts, frame.path)) {
      entries.set(entry.name, entry);
    }
    return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async readFile(path: string): Promise<Uint8Array> {
    const frame = await this.#existing(path, true);
    if (frame.foreign) return await frame.foreign.readFile(frame.foreignPath!);
    const node = frame.node!;
    if (node.kind === "file") return node.data.slice(0, node.size);
    if (node.kind === "generated") return node.generate(this.view);
    if (node.kind === "dir") fail("EISDIR", path);
    // Devices and pipes: read until end of file (/dev/zero never ends, as with cat).
    return await readToEnd(openFrame(frame, path, { read: true }, this.view));
  }

  async writeFile(
    path: string,
    data: Uint8Array,
    options: { mode?: number; append?: boolean; uid?: number; gid?: number } = {},
  ): Promise<void> {
    const resolved = await this.resolve(path, true, true);
    const frame = resolved.target;
    if (frame?.foreign) return await frame.foreign.writeFile(frame.foreignPath!, data, options);
    const parent = resolved.parent!;
    if (!frame && parent.foreign) {
      return await parent.foreign.writeFile(foreignChild(parent, resolved.name), data, options);
    }
    if (!frame) {
      const tree = writableTree(parent, path);
      tree.charge(data.length, path);
      const meta = { mode: options.mode, uid: options.uid, gid: options.gid };
      try {
        addEntry(parent, resolved.name, newFile(tree, data.slice(), meta), path);
      } catch (e) {
        tree.charge(-data.length, path);
        throw e;
      }
      return;
    }
    const kind = frame.node!.kind;
    if (kind === "dir") fail("EISDIR", path);
    if (kind !== "file") {
      const handle = openFrame(frame, path, { write: true, append: options.append }, this.view);
      try {
        await handle.write(data);
      } finally {
        await handle.close();
      }
      return;
    }
    const node = mutableNode(frame, path) as FileNode;
    if (!options.append) truncateNode(node, 0, path);
    writeAt(node, node.size, data, path);
  }

  async open(path: string, options: OpenOptions): Promise<FileHandle> {
    const resolved = await this.resolve(path, true, options.create ?? false);
    let frame = resolved.target;
    if (frame && options.create && options.exclusive) fail("EEXIST", path);
    if (!frame) {
      const parent = resolved.parent!;
      if (parent.foreign) {
        return await parent.foreign.open(foreignChild(parent, resolved.name), options);
      }
      const tree = writableTree(parent, path);
      addEntry(
        parent,
        resolved.name,
        newFile(tree, new Uint8Array(), { mode: options.mode }),
        path,
      );
      frame = (await this.resolve(resolved.path, false)).target!;
    }
    if (frame.foreign) return await frame.foreign.open(frame.foreignPath!, options);
    return openFrame(frame, path, options, this.view);
  }

  async mkdir(path: string, options: { recursive?: boolean; mode?: number } = {}): Promise<void> {
    if (!options.recursive) {
      const mode = options.mode ?? 0o755;
      return await this.#create(
        path,
        (tree) => newDir(tree, { mode }),
        (fs, p) => fs.mkdir(p, { mode }),
      );
    }
    let prefix = "";
    for (const part of path.split("/").filter(Boolean)) {
      prefix += `/${part}`;
      const resolved = await this.resolve(prefix, true, true);
      if (!resolved.target) await this.mkdir(prefix, { mode: options.mode });
      else if (!isDirFrame(resolved.target)) fail("ENOTDIR", prefix);
    }
  }

  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    const resolved = await this.resolve(path, false);
    const frame = resolved.target!;
    if (!resolved.parent || this.shared.mounts.has(resolved.path)) {
      fail("EPERM", path, "Device or resource busy");
    }
    if (frame.foreign) return await frame.foreign.remove(frame.foreignPath!, options);
    const node = frame.node!;
    if (node.kind === "dir" && !options.recursive && entriesOf(node, this.view).size > 0) {
      fail("ENOTEMPTY", path);
    }
    const dir = mutableDir(resolved.parent, path);
    dir.entries.delete(resolved.name);
    if (node.kind === "dir") dir.nlink--;
    touchDir(dir);
    release(node, frame.tree!);
  }

  async rename(from: string, to: string): Promise<void> {
    const source = await this.resolve(from, false);
    const destination = await this.resolve(to, false, true);
    const moving = source.target!;
    if (!source.parent || this.shared.mounts.has(source.path)) {
      fail("EPERM", from, "Device or resource busy");
    }
    const into = destination.parent!;
    // Like Linux, a rename never crosses a mount, even between two mounts of the same tree.
    if (moving.device !== into.device) fail("EXDEV", to);
    if (moving.foreign) {
      return await moving.foreign.rename(moving.foreignPath!, foreignChild(into, destination.name));
    }
    if (destination.path === source.path) return;
    if (destination.path.startsWith(`${source.path}/`)) fail("EINVAL", to);
    const node = moving.node!;
    const replaced = destination.target?.node;
    if (replaced === node) return;
    if (replaced?.kind === "dir") {
      if (node.kind !== "dir") fail("EISDIR", to);
      if (entriesOf(replaced, this.view).size > 0) fail("ENOTEMPTY", to);
    } else if (replaced && node.kind === "dir") fail("ENOTDIR", to);
    const fromDir = mutableDir(source.parent, from);
    const toDir = mutableDir(into, to);
    fromDir.entries.delete(source.name);
    if (replaced) release(replaced, into.tree!);
    toDir.entries.set(destination.name, node);
    if (node.kind === "dir") {
      fromDir.nlink--;
      if (!replaced) toDir.nlink++;
    }
    if (node.owner === into.tree) node.ctimeMs = Date.now();
    touchDir(fromDir);
    touchDir(toDir);
  }

  async symlink(target: string, path: string): Promise<void> {
    await this.#create(path, (tree) => newSymlink(tree, target), (fs, p) => fs.symlink(target, p));
  }

  async link(existing: string, path: string): Promise<void> {
    const source = await this.#existing(existing, false);
    if (isDirFrame(source)) fail("EPERM", existing);
    const resolved = await this.resolve(path, false, true);
    if (resolved.target) fail("EEXIST", path);
    if (source.device !== resolved.parent!.device) fail("EXDEV", path);
    if (source.foreign) {
      return await source.foreign.link(
        source.foreignPath!,
        foreignChild(resolved.parent!, resolved.name),
      );
    }
    // Like overlayfs, linking copies the source up first so both names share one writable inode.
    const node = mutableNode(source, existing);
    addEntry(resolved.parent!, resolved.name, node, path);
    node.nlink++;
    node.ctimeMs = Date.now();
  }

  async readlink(path: string): Promise<string> {
    const frame = await this.#existing(path, false);
    if (frame.foreign) return await frame.foreign.readlink(frame.foreignPath!);
    const node = frame.node!;
    if (node.kind !== "symlink") fail("EINVAL", path);
    return node.target;
  }

  async realpath(path: string): Promise<string> {
    return (await this.resolve(path, true)).path;
  }

  async chmod(path: string, mode: number): Promise<void> {
    const frame = await this.#existing(path, true);
    if (frame.foreign) return await frame.foreign.chmod(frame.foreignPath!, mode);
    const node = mutableNode(frame, path);
    node.mode = mode & 0o7777;
    node.ctimeMs = Date.now();
  }

  async chown(path: string, uid: number, gid: number, options: { follow?: boolean } = {}) {
    const frame = await this.#existing(path, options.follow ?? true);
    if (frame.foreign) return await frame.foreign.chown(frame.foreignPath!, uid, gid, options);
    const node = mutableNode(frame, path);
    // -1 leaves the id unchanged, as chown(2) does.
    if (uid >= 0) node.uid = uid;
    if (gid >= 0) node.gid = gid;
    node.ctimeMs = Date.now();
  }

  async utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void> {
    const frame = await this.#existing(path, true);
    if (frame.foreign) return await frame.foreign.utimes(frame.foreignPath!, atimeMs, mtimeMs);
    const node = mutableNode(frame, path);
    node.atimeMs = atimeMs;
    node.mtimeMs = mtimeMs;
    node.ctimeMs = Date.now();
  }

  async mkfifo(path: string, mode = 0o644): Promise<void> {
    await this.#create(
      path,
      (tree) => newFifo(tree, new Pipe(), { mode }),
      (fs, p) => fs.mkfifo(p, mode),
    );
  }
}
