/**
 * Device files and the `/dev` tree Docker gives every container: null, zero, full, random,
 * urandom, and the stdin/stdout/stderr/fd symlinks into `/proc/self/fd`, whose targets each
 * process view fills from its own stdio (see `withStdio`).
 *
 * @module
 */
import { FsError, type Input, type Output } from "../types.ts";
import { settle, StreamHandle } from "./handle.ts";
import {
  type DeviceNode,
  type FifoNode,
  majorOf,
  minorOf,
  newDevice,
  newDir,
  newSymlink,
  type Node,
} from "./node.ts";
import { MemoryTree } from "./tree.ts";

/** The major/minor numbers Linux gives the memory devices (Documentation/admin-guide/devices.txt). */
export const DEVICES = {
  null: [1, 3],
  zero: [1, 5],
  full: [1, 7],
  random: [1, 8],
  urandom: [1, 9],
} as const;

const CHUNK = 64 * 1024;

/** A handle on a character device, by its device number. */
export class DeviceHandle extends StreamHandle {
  constructor(node: DeviceNode, path: string) {
    super(node, path);
    const known = Object.values(DEVICES).some(([major, minor]) =>
      majorOf(node.rdev) === major && minorOf(node.rdev) === minor
    );
    if (!known) {
      throw new FsError(
        "EACCES",
        path,
        `No such device: ${majorOf(node.rdev)},${
          minorOf(node.rdev)
        } is not emulated in the sandbox`,
      );
    }
  }

  #is([major, minor]: readonly [number, number]): boolean {
    const rdev = (this.node as DeviceNode).rdev;
    return majorOf(rdev) === major && minorOf(rdev) === minor;
  }

  read(max: number): Promise<Uint8Array | null> {
    return settle(() => {
      this.check();
      if (this.#is(DEVICES.null)) return null;
      const bytes = new Uint8Array(Math.max(0, Math.min(max, CHUNK)));
      // getRandomValues fills at most 65536 bytes per call, which CHUNK respects.
      if (this.#is(DEVICES.random) || this.#is(DEVICES.urandom)) crypto.getRandomValues(bytes);
      return bytes;
    });
  }

  write(data: Uint8Array): Promise<number> {
    return settle(() => {
      this.check();
      if (this.#is(DEVICES.full)) throw new FsError("ENOSPC", this.path, "No space left on device");
      return data.length;
    });
  }
}

/** A handle on one of the process's stdio streams, reached through /proc/self/fd/N. */
export class StdioHandle extends StreamHandle {
  constructor(node: FifoNode, path: string, readonly input?: Input, readonly output?: Output) {
    super(node, path);
  }

  async read(max: number, signal?: AbortSignal): Promise<Uint8Array | null> {
    await settle(() => this.check());
    if (!this.input) throw new FsError("EBADF", this.path, "Bad file descriptor");
    const chunk = await this.input.read(signal);
    if (chunk && chunk.length > max) {
      this.input.unread(chunk.subarray(max));
      return chunk.subarray(0, max);
    }
    return chunk;
  }

  async write(data: Uint8Array): Promise<number> {
    await settle(() => this.check());
    if (!this.output) throw new FsError("EBADF", this.path, "Bad file descriptor");
    await this.output.write(data);
    return data.length;
  }
}

/** A tmpfs (Docker's `size=65536k`) holding the device nodes and links of a container's /dev. */
export function createDevTree(): MemoryTree {
  const tree = new MemoryTree({ limitBytes: 64 * 1024 * 1024 });
  const root = tree.root;
  const add = (name: string, node: Node) => root.entries.set(name, node);
  for (const [name, [major, minor]] of Object.entries(DEVICES)) {
    add(name, newDevice(tree, major, minor, { mode: 0o666 }));
  }
  add("stdin", newSymlink(tree, "/proc/self/fd/0"));
  add("stdout", newSymlink(tree, "/proc/self/fd/1"));
  add("stderr", newSymlink(tree, "/proc/self/fd/2"));
  add("fd", newSymlink(tree, "/proc/self/fd"));
  add("pts", newDir(tree, { mode: 0o755 }));
  add("mqueue", newDir(tree, { mode: 0o1777 }));
  return tree;
}
