/**
 * Open files over in-memory nodes: regular files (with an offset), named pipes, and read-only
 * generated content. Device handles live in `devices.ts`.
 *
 * @module
 */
import { type FileHandle, FsError, type Stat } from "../types.ts";
import { type DirNode, type FileNode, type GeneratedNode, type Node, statOf } from "./node.ts";
import type { Pipe } from "./fifo.ts";

function growTo(node: FileNode, size: number): void {
  if (size <= node.data.length) return;
  // Doubling keeps a stream of appends linear (browser_wasi_shim#93 was quadratic here).
  const grown = new Uint8Array(Math.max(size, node.data.length * 2, 64));
  grown.set(node.data.subarray(0, node.size));
  node.data = grown;
}

/**
 * Charges the tree owning `node` for `delta` bytes. A file with no names left (still open) was
 * already given back when its last name went, so its growth is not counted.
 */
function chargeFor(node: FileNode, delta: number, path: string): void {
  if (node.nlink <= 0) return;
  (node.owner as { charge?: (delta: number, path: string) => void }).charge?.(delta, path);
}

/** Writes `data` at `offset`, growing the file; charges the owner for the growth first. */
export function writeAt(node: FileNode, offset: number, data: Uint8Array, path: string): void {
  const end = offset + data.length;
  if (end > node.size) {
    chargeFor(node, end - node.size, path);
    growTo(node, end);
    if (offset > node.size) node.data.fill(0, node.size, offset);
    node.size = end;
  }
  node.data.set(data, offset);
  node.mtimeMs = node.ctimeMs = Date.now();
}

/** Sets a file's size, zero-filling growth. */
export function truncateNode(node: FileNode, size: number, path: string): void {
  if (size < 0) throw new FsError("EINVAL", path, "Invalid argument");
  chargeFor(node, size - node.size, path);
  if (size > node.size) {
    growTo(node, size);
    node.data.fill(0, node.size, size);
  }
  node.size = size;
  node.mtimeMs = node.ctimeMs = Date.now();
}

/** Runs a synchronous step as a promise, so failures reject rather than throw. */
export function settle<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    return Promise.reject(error);
  }
}

function notOpenFor(path: string, what: string): FsError {
  return new FsError("EBADF", path, `Bad file descriptor (not open for ${what})`);
}

export interface FileHandleOptions {
  read: boolean;
  write: boolean;
  append: boolean;
}

/** A regular file opened at offset 0. */
export class MemoryFileHandle implements FileHandle {
  #position = 0;
  #closed = false;
  constructor(
    readonly node: FileNode,
    readonly path: string,
    readonly options: FileHandleOptions,
  ) {}

  #check(): void {
    if (this.#closed) throw new FsError("EBADF", this.path, "Bad file descriptor");
  }

  read(max: number): Promise<Uint8Array | null> {
    return settle(() => {
      this.#check();
      if (!this.options.read) throw notOpenFor(this.path, "reading");
      if (max <= 0) return new Uint8Array();
      if (this.#position >= this.node.size) return null;
      const end = Math.min(this.node.size, this.#position + max);
      const chunk = this.node.data.slice(this.#position, end);
      this.#position = end;
      if (this.node.owner.writable) this.node.atimeMs = Date.now();
      return chunk;
    });
  }

  write(data: Uint8Array): Promise<number> {
    return settle(() => {
      this.#check();
      if (!this.options.write) throw notOpenFor(this.path, "writing");
      if (this.options.append) this.#position = this.node.size;
      writeAt(this.node, this.#position, data, this.path);
      this.#position += data.length;
      return data.length;
    });
  }

  seek(offset: number, whence: "set" | "cur" | "end" = "set"): Promise<number> {
    return settle(() => {
      this.#check();
      const from = whence === "set" ? 0 : whence === "cur" ? this.#position : this.node.size;
      if (from + offset < 0) throw new FsError("EINVAL", this.path, "Invalid argument");
      this.#position = from + offset;
      return this.#position;
    });
  }

  truncate(size: number): Promise<void> {
    return settle(() => {
      this.#check();
      if (!this.options.write) throw notOpenFor(this.path, "writing");
      truncateNode(this.node, size, this.path);
    });
  }

  stat(): Promise<Stat> {
    return settle(() => {
      this.#check();
      return statOf(this.node);
    });
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}

/** A stream-like handle: no offset, so seek is ESPIPE (reported as EINVAL). */
export abstract class StreamHandle implements FileHandle {
  protected closed = false;
  constructor(readonly node: Node, readonly path: string) {}
  abstract read(max: number, signal?: AbortSignal): Promise<Uint8Array | null>;
  abstract write(data: Uint8Array): Promise<number>;

  protected check(): void {
    if (this.closed) throw new FsError("EBADF", this.path, "Bad file descriptor");
  }

  seek(): Promise<number> {
    return Promise.reject(new FsError("EINVAL", this.path, "Illegal seek"));
  }

  truncate(): Promise<void> {
    return Promise.reject(new FsError("EINVAL", this.path, "Invalid argument"));
  }

  stat(): Promise<Stat> {
    return Promise.resolve(statOf(this.node));
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

/** One end (or both) of a named pipe. */
export class PipeHandle extends StreamHandle {
  constructor(node: Node, path: string, readonly pipe: Pipe, readonly options: FileHandleOptions) {
    super(node, path);
    if (options.write) pipe.openWriter();
  }

  read(max: number, signal?: AbortSignal): Promise<Uint8Array | null> {
    return settle(() => {
      this.check();
      if (!this.options.read) throw notOpenFor(this.path, "reading");
      return this.pipe.read(max, signal);
    });
  }

  write(data: Uint8Array): Promise<number> {
    return settle(() => {
      this.check();
      if (!this.options.write) throw notOpenFor(this.path, "writing");
      return this.pipe.write(data);
    });
  }

  override close(): Promise<void> {
    if (!this.closed && this.options.write) this.pipe.closeWriter();
    return super.close();
  }
}

/** Content computed once at open (as /proc files are snapshotted per read in Linux). */
export class GeneratedHandle extends StreamHandle {
  #content: Uint8Array;
  #position = 0;
  constructor(node: GeneratedNode, path: string, content: Uint8Array) {
    super(node, path);
    this.#content = content;
  }

  read(max: number): Promise<Uint8Array | null> {
    return settle(() => {
      this.check();
      if (this.#position >= this.#content.length) return null;
      const chunk = this.#content.slice(this.#position, this.#position + max);
      this.#position += chunk.length;
      return chunk;
    });
  }

  write(): Promise<number> {
    return Promise.reject(new FsError("EACCES", this.path, "Permission denied"));
  }
}

/** An open directory: stat works, reading gives EISDIR as read(2) does. */
export class DirHandle implements FileHandle {
  constructor(readonly node: DirNode, readonly path: string) {}
  #isDir(): Promise<never> {
    return Promise.reject(new FsError("EISDIR", this.path, `${this.path}: Is a directory`));
  }
  read(): Promise<Uint8Array | null> {
    return this.#isDir();
  }
  write(): Promise<number> {
    return this.#isDir();
  }
  seek(offset: number): Promise<number> {
    return Promise.resolve(offset);
  }
  truncate(): Promise<void> {
    return this.#isDir();
  }
  stat(): Promise<Stat> {
    return Promise.resolve(statOf(this.node));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Reads `handle` to its end and closes it (devices and pipes: until their end of file). */
export async function readToEnd(handle: FileHandle): Promise<Uint8Array> {
  try {
    const chunks: Uint8Array[] = [];
    for (let chunk; (chunk = await handle.read(64 * 1024)) !== null;) chunks.push(chunk);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, chunk) => (out.set(chunk, at), at + chunk.length), 0);
    return out;
  } finally {
    await handle.close();
  }
}
