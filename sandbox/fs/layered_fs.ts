/**
 * A container's filesystem: a writable tree over an image's merged layers, plus mounts. It is the
 * sandbox's {@link FileSystem}. Per-process views (for /proc/self and /dev/stdin) share all state
 * and differ only in the process they describe.
 *
 * @module
 */
import type { DirEntry, FileHandle, FileSystem, OpenOptions, Stat } from "../types.ts";
import { FsError } from "../types.ts";
import { DeviceHandle, StdioHandle } from "./devices.ts";
import { Pipe } from "./fifo.ts";
import { GeneratedHandle, MemoryFileHandle, PipeHandle, truncateNode, writeAt } from "./handle.ts";
import {
  type DirNode,
  entriesOf,
  kindOf,
  newDir,
  newFifo,
  newFile,
  newSymlink,
  type Node,
  type ProcessView,
  statOf,
} from "./node.ts";
import {
  type Frame,
  isDirFrame,
  type Mount,
  mountFrame,
  resolve,
  type Resolved,
} from "./resolve.ts";
import type { MemoryTree } from "./tree.ts";

/** State every process view of one container filesystem shares. */
export interface SharedState {
  tree: MemoryTree;
  mounts: Map<string, Mount>;
}

function fail(code: FsError["code"], path: string, message: string): never {
  throw new FsError(code, path, message);
}

const MESSAGES = {
  EEXIST: "File exists",
  ENOENT: "No such file or directory",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EROFS: "Read-only file system",
  ENOTEMPTY: "Directory not empty",
  EXDEV: "Invalid cross-device link",
  EPERM: "Operation not permitted",
  EINVAL: "Invalid argument",
} as const;

function error(code: keyof typeof MESSAGES, path: string): never {
  fail(code, path, `${path}: ${MESSAGES[code]}`);
}

export class LayeredFileSystem implements FileSystem {
  constructor(readonly shared: SharedState, readonly view: ProcessView = {}) {}

  /** The same filesystem seen by another process (its /proc/self and stdio). */
  forProcess(view: ProcessView): LayeredFileSystem {
    return new LayeredFileSystem(this.shared, view);
  }

  get tree(): MemoryTree {
    return this.shared.tree;
  }

  resolve(path: string, follow: boolean, allowMissing = false): Promise<Resolved> {
    const root: Frame = {
      path: "/",
      name: "",
      device: "/",
      readOnly: false,
      tree: this.tree,
      names: [],
      node: this.tree.root,
    };
    return resolve({ root, mounts: this.shared.mounts, view: this.view }, path, {
      follow,
      allowMissing,
    });
  }

  async #existing(path: string, follow: boolean): Promise<Frame> {
    return (await this.resolve(path, follow)).target!;
  }

  #writable(frame: Frame, path: string): MemoryTree {
    if (frame.readOnly) error("EROFS", path);
    if (!frame.tree) fail("EINVAL", path, `${path}: not an in-memory tree`);
    return frame.tree;
  }

  /** The directory node of `frame`, copied up so entries may be added or removed. */
  #mutableDir(frame: Frame, path: string): DirNode {
    const tree = this.#writable(frame, path);
    if (!isDirFrame(frame)) error("ENOTDIR", path);
    const dir = tree.mutableDir(frame.names, path);
    if (dir.list) fail("EACCES", path, `${path}: Permission denied`);
    return dir;
  }

  #mutableNode(frame: Frame, path: string): Node {
    return this.#writable(frame, path).mutableNode(frame.names, path);
  }

  #touchDir(dir: DirNode): void {
    dir.mtimeMs = dir.ctimeMs = Date.now();
  }

  #addEntry(parent: Frame, name: string, node: Node, path: string): void {
    const dir = this.#mutableDir(parent, path);
    if (dir.entries.has(name)) error("EEXIST", path);
    dir.entries.set(name, node);
    if (node.kind === "dir") dir.nlink++;
    this.#touchDir(dir);
  }

  async #create(path: string, make: (tree: MemoryTree) => Node): Promise<Node> {
    const resolved = await this.resolve(path, false, true);
    if (resolved.target) error("EEXIST", path);
    const tree = this.#writable(resolved.parent!, path);
    const node = make(tree);
    this.#addEntry(resolved.parent!, resolved.name, node, path);
    return node;
  }

  async stat(path: string, options: { follow?: boolean } = {}): Promise<Stat> {
    const frame = await this.#existing(path, options.follow ?? true);
    if (frame.foreign) return await frame.foreign.stat(frame.foreignPath!, { follow: false });
    return statOf(frame.node!);
  }

  async readdir(path: string): Promise<DirEntry[]> {
    const frame = await this.#existing(path, true);
    if (!isDirFrame(frame)) error("ENOTDIR", path);
    if (frame.foreign) return await frame.foreign.readdir(frame.foreignPath!);
    const entries = new Map<string, DirEntry>();
    for (const [name, node] of entriesOf(frame.node as DirNode, this.view)) {
      entries.set(name, { name, kind: kindOf(node) });
    }
    // Mount points show even where the image has no directory for them.
    const prefix = frame.path === "/" ? "/" : `${frame.path}/`;
    for (const [mountPath, mount] of this.shared.mounts) {
      const rest = mountPath.slice(prefix.length);
      if (!mountPath.startsWith(prefix) || rest === "" || rest.includes("/")) continue;
      const root = mountFrame(mount, mountPath, rest);
      entries.set(rest, { name: rest, kind: root.node ? kindOf(root.node) : "dir" });
    }
    return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async readFile(path: string): Promise<Uint8Array> {
    const frame = await this.#existing(path, true);
    if (frame.foreign) return await frame.foreign.readFile(frame.foreignPath!);
    const node = frame.node!;
    if (node.kind === "file") return node.data.slice(0, node.size);
    if (node.kind === "generated") return node.generate(this.view);
    if (node.kind === "dir") error("EISDIR", path);
    const handle = await this.open(path, { read: true });
    try {
      const chunks: Uint8Array[] = [];
      for (let chunk; (chunk = await handle.read(64 * 1024)) !== null;) chunks.push(chunk);
      return concat(chunks);
    } finally {
      await handle.close();
    }
  }

  async writeFile(
    path: string,
    data: Uint8Array,
    options: { mode?: number; append?: boolean; uid?: number; gid?: number } = {},
  ): Promise<void> {
    const resolved = await this.resolve(path, true, true);
    const frame = resolved.target;
    if (frame?.foreign) {
      return await frame.foreign.writeFile(frame.foreignPath!, data, options);
    }
    if (!frame && resolved.parent?.foreign) {
      const foreignPath = `${resolved.parent.foreignPath!.replace(/\/$/, "")}/${resolved.name}`;
      return await resolved.parent.foreign.writeFile(foreignPath, data, options);
    }
    if (!frame) {
      const parent = resolved.parent!;
      const tree = this.#writable(parent, path);
      tree.charge(data.length, path);
      const node = newFile(tree, data.slice(), {
        mode: options.mode,
        uid: options.uid,
        gid: options.gid,
      });
      try {
        this.#addEntry(parent, resolved.name, node, path);
      } catch (e) {
        tree.charge(-data.length, path);
        throw e;
      }
      return;
    }
    const kind = frame.node!.kind;
    if (kind === "dir") error("EISDIR", path);
    if (kind !== "file") {
      const handle = await this.open(path, { write: true, append: options.append });
      try {
        await handle.write(data);
      } finally {
        await handle.close();
      }
      return;
    }
    const node = this.#mutableNode(frame, path) as Extract<Node, { kind: "file" }>;
    if (options.append) writeAt(node, node.size, data, path);
    else {
      truncateNode(node, 0, path);
      writeAt(node, 0, data, path);
    }
  }

  async open(path: string, options: OpenOptions): Promise<FileHandle> {
    const resolved = await this.resolve(path, true, options.create ?? false);
    let frame = resolved.target;
    const writing = Boolean(options.write || options.append || options.truncate);
    if (frame && options.create && options.exclusive) error("EEXIST", path);
    if (!frame) {
      const parent = resolved.parent!;
      if (parent.foreign) {
        const foreignPath = `${parent.foreignPath!.replace(/\/$/, "")}/${resolved.name}`;
        return await parent.foreign.open(foreignPath, options);
      }
      const tree = this.#writable(parent, path);
      this.#addEntry(
        parent,
        resolved.name,
        newFile(tree, new Uint8Array(), { mode: options.mode }),
        path,
      );
      frame = (await this.resolve(resolved.path, false)).target!;
    }
    if (frame.foreign) return await frame.foreign.open(frame.foreignPath!, options);
    const flags = {
      read: options.read ?? !writing,
      write: writing,
      append: options.append ?? false,
    };
    const node = frame.node!;
    // Devices and pipes stay writable on a read-only mount, as on Linux.
    if (writing && frame.readOnly && node.kind !== "chardev" && node.kind !== "fifo") {
      error("EROFS", path);
    }
    switch (node.kind) {
      case "dir":
        if (writing) error("EISDIR", path);
        return new DirHandle(node, path);
      case "file": {
        if (!writing) return new MemoryFileHandle(node, path, flags);
        const owned = this.#mutableNode(frame, path) as Extract<Node, { kind: "file" }>;
        if (options.truncate) truncateNode(owned, 0, path);
        return new MemoryFileHandle(owned, path, flags);
      }
      case "generated":
        if (writing) fail("EACCES", path, `${path}: Permission denied`);
        return new GeneratedHandle(node, path, node.generate(this.view));
      case "chardev":
        return new DeviceHandle(node, path);
      case "fifo": {
        if (node.stdio !== undefined) {
          const stdio = this.view.stdio ?? {};
          const input = node.stdio === 0 ? stdio.stdin : undefined;
          const output = node.stdio === 1
            ? stdio.stdout
            : node.stdio === 2
            ? stdio.stderr
            : undefined;
          return new StdioHandle(node, path, input, output);
        }
        return new PipeHandle(node, path, node.pipe, flags);
      }
      case "symlink":
        return fail("ELOOP", path, `${path}: Too many levels of symbolic links`);
    }
  }

  async mkdir(path: string, options: { recursive?: boolean; mode?: number } = {}): Promise<void> {
    if (options.recursive) {
      let prefix = "";
      for (const part of path.split("/").filter(Boolean)) {
        prefix += `/${part}`;
        const resolved = await this.resolve(prefix, true, true);
        if (resolved.target) {
          if (!isDirFrame(resolved.target)) error("ENOTDIR", prefix);
          continue;
        }
        await this.mkdir(prefix, { mode: options.mode });
      }
      return;
    }
    const resolved = await this.resolve(path, false, true);
    if (resolved.target) error("EEXIST", path);
    const parent = resolved.parent!;
    if (parent.foreign) {
      const foreignPath = `${parent.foreignPath!.replace(/\/$/, "")}/${resolved.name}`;
      return await parent.foreign.mkdir(foreignPath, { mode: options.mode });
    }
    const tree = this.#writable(parent, path);
    this.#addEntry(parent, resolved.name, newDir(tree, { mode: options.mode ?? 0o755 }), path);
  }

  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    const resolved = await this.resolve(path, false);
    const frame = resolved.target!;
    if (!resolved.parent || this.shared.mounts.has(resolved.path)) {
      fail("EPERM", path, `${path}: Device or resource busy`);
    }
    if (frame.foreign) {
      return await frame.foreign.remove(frame.foreignPath!, options);
    }
    const node = frame.node!;
    if (node.kind === "dir" && !options.recursive && entriesOf(node, this.view).size > 0) {
      error("ENOTEMPTY", path);
    }
    const dir = this.#mutableDir(resolved.parent, path);
    dir.entries.delete(resolved.name);
    if (node.kind === "dir") dir.nlink--;
    this.#touchDir(dir);
    release(node, frame.tree!);
  }

  async rename(from: string, to: string): Promise<void> {
    const source = await this.resolve(from, false);
    const destination = await this.resolve(to, false, true);
    const moving = source.target!;
    if (!source.parent || this.shared.mounts.has(source.path)) {
      fail("EPERM", from, `${from}: Device or resource busy`);
    }
    const into = destination.parent!;
    // Like Linux, a rename never crosses a mount, even between two mounts of the same tree.
    if (moving.device !== into.device) error("EXDEV", to);
    if (moving.foreign) {
      const foreignPath = `${into.foreignPath!.replace(/\/$/, "")}/${destination.name}`;
      return await moving.foreign.rename(moving.foreignPath!, foreignPath);
    }
    if (destination.path === source.path) return;
    if (destination.path.startsWith(`${source.path}/`)) error("EINVAL", to);
    const node = moving.node!;
    const replaced = destination.target?.node;
    if (replaced) {
      if (replaced === node) return;
      if (replaced.kind === "dir") {
        if (node.kind !== "dir") error("EISDIR", to);
        if (entriesOf(replaced, this.view).size > 0) error("ENOTEMPTY", to);
      } else if (node.kind === "dir") error("ENOTDIR", to);
    }
    const fromDir = this.#mutableDir(source.parent, from);
    const toDir = this.#mutableDir(into, to);
    fromDir.entries.delete(source.name);
    if (replaced) release(replaced, into.tree!);
    toDir.entries.set(destination.name, node);
    if (node.kind === "dir") {
      fromDir.nlink--;
      if (!replaced) toDir.nlink++;
    }
    node.ctimeMs = Date.now();
    this.#touchDir(fromDir);
    this.#touchDir(toDir);
  }

  async symlink(target: string, path: string): Promise<void> {
    await this.#create(path, (tree) => newSymlink(tree, target));
  }

  async link(existing: string, path: string): Promise<void> {
    const source = await this.#existing(existing, false);
    if (isDirFrame(source)) error("EPERM", existing);
    const resolved = await this.resolve(path, false, true);
    if (resolved.target) error("EEXIST", path);
    if (source.device !== resolved.parent!.device || !source.tree) error("EXDEV", path);
    // Like overlayfs, linking copies the source up first so both names share one writable inode.
    const node = this.#mutableNode(source, existing);
    this.#addEntry(resolved.parent!, resolved.name, node, path);
    node.nlink++;
    node.ctimeMs = Date.now();
  }

  async readlink(path: string): Promise<string> {
    const frame = await this.#existing(path, false);
    if (frame.foreign) return await frame.foreign.readlink(frame.foreignPath!);
    const node = frame.node!;
    if (node.kind !== "symlink") error("EINVAL", path);
    return node.target;
  }

  async realpath(path: string): Promise<string> {
    return (await this.resolve(path, true)).path;
  }

  async chmod(path: string, mode: number): Promise<void> {
    const frame = await this.#existing(path, true);
    if (frame.foreign) return await frame.foreign.chmod(frame.foreignPath!, mode);
    const node = this.#mutableNode(frame, path);
    node.mode = mode & 0o7777;
    node.ctimeMs = Date.now();
  }

  async chown(path: string, uid: number, gid: number, options: { follow?: boolean } = {}) {
    const frame = await this.#existing(path, options.follow ?? true);
    if (frame.foreign) return await frame.foreign.chown(frame.foreignPath!, uid, gid, options);
    const node = this.#mutableNode(frame, path);
    if (uid >= 0) node.uid = uid;
    if (gid >= 0) node.gid = gid;
    node.ctimeMs = Date.now();
  }

  async utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void> {
    const frame = await this.#existing(path, true);
    if (frame.foreign) return await frame.foreign.utimes(frame.foreignPath!, atimeMs, mtimeMs);
    const node = this.#mutableNode(frame, path);
    node.atimeMs = atimeMs;
    node.mtimeMs = mtimeMs;
    node.ctimeMs = Date.now();
  }

  async mkfifo(path: string, mode = 0o644): Promise<void> {
    await this.#create(path, (tree) => newFifo(tree, new Pipe(), { mode }));
  }
}

/** Drops one link to `node`; the last link gives its bytes back to the tree that owns it. */
function release(node: Node, tree: MemoryTree): void {
  // Image nodes are shared and immutable; dropping a name from the container changes nothing in them.
  if (node.kind === "dir" || node.owner !== tree) return;
  node.nlink--;
  node.ctimeMs = Date.now();
  if (node.nlink <= 0 && node.kind === "file") tree.used -= node.size;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** An open directory: stat works, reading gives EISDIR as read(2) does. */
class DirHandle implements FileHandle {
  constructor(readonly node: DirNode, readonly path: string) {}
  read(): Promise<Uint8Array | null> {
    return Promise.reject(new FsError("EISDIR", this.path, `${this.path}: Is a directory`));
  }
  write(): Promise<number> {
    return Promise.reject(new FsError("EISDIR", this.path, `${this.path}: Is a directory`));
  }
  seek(offset: number): Promise<number> {
    return Promise.resolve(offset);
  }
  truncate(): Promise<void> {
    return Promise.reject(new FsError("EISDIR", this.path, `${this.path}: Is a directory`));
  }
  stat(): Promise<Stat> {
    return Promise.resolve(statOf(this.node));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
