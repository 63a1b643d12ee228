/**
 * The container side of a host tree: a sandbox `FileSystem` whose every operation is a request
 * on a MessagePort to the backend Worker's host-tree server (server.ts). It lets a container
 * Worker with no permissions mount a bind source or a volume.
 *
 * @module
 */
import {
  type DirEntry,
  type FileHandle,
  type FileSystem,
  FsError,
  type OpenOptions,
  type Stat,
} from "../../../sandbox/mod.ts";
import type { HostTreeOp, HostTreeReply } from "./protocol.ts";

export class HostTreeClient implements FileSystem {
  #port: MessagePort;
  #next = 1;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(port: MessagePort) {
    this.#port = port;
    port.onmessage = (event: MessageEvent<HostTreeReply>) => {
      const reply = event.data;
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new FsError(reply.error.code, reply.error.path, reply.error.message));
    };
    port.start();
  }

  /** One request; resolves with the server's value or rejects with its FsError. */
  call<T>(op: HostTreeOp, ...args: unknown[]): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#port.postMessage({ id, op, args });
    });
  }

  close(): void {
    this.#port.close();
    for (const waiter of this.#pending.values()) {
      waiter.reject(new FsError("EBADF", "", "host tree closed"));
    }
    this.#pending.clear();
  }

  stat(path: string, options?: { follow?: boolean }): Promise<Stat> {
    return this.call("stat", path, options);
  }
  readdir(path: string): Promise<DirEntry[]> {
    return this.call("readdir", path);
  }
  readFile(path: string): Promise<Uint8Array> {
    return this.call("readFile", path);
  }
  writeFile(
    path: string,
    data: Uint8Array,
    options?: { mode?: number; append?: boolean; uid?: number; gid?: number },
  ): Promise<void> {
    // Files on the host belong to the daemon's user; container uids are not mapped onto them.
    return this.call("writeFile", path, data, { mode: options?.mode, append: options?.append });
  }
  async open(path: string, options: OpenOptions): Promise<FileHandle> {
    const id = await this.call<number>("open", path, options);
    return {
      read: (max) => this.call("handle.read", id, max),
      write: (data) => this.call("handle.write", id, data),
      seek: (offset, whence) => this.call("handle.seek", id, offset, whence),
      truncate: (size) => this.call("handle.truncate", id, size),
      stat: () => this.call("handle.stat", id),
      close: () => this.call("handle.close", id),
    };
  }
  mkdir(path: string, options?: { recursive?: boolean; mode?: number }): Promise<void> {
    return this.call("mkdir", path, options);
  }
  remove(path: string, options?: { recursive?: boolean }): Promise<void> {
    return this.call("remove", path, options);
  }
  rename(from: string, to: string): Promise<void> {
    return this.call("rename", from, to);
  }
  symlink(target: string, path: string): Promise<void> {
    return this.call("symlink", target, path);
  }
  link(existing: string, path: string): Promise<void> {
    return this.call("link", existing, path);
  }
  readlink(path: string): Promise<string> {
    return this.call("readlink", path);
  }
  realpath(path: string): Promise<string> {
    return this.call("realpath", path);
  }
  chmod(path: string, mode: number): Promise<void> {
    return this.call("chmod", path, mode);
  }
  chown(path: string, uid: number, gid: number, options?: { follow?: boolean }): Promise<void> {
    return this.call("chown", path, uid, gid, options);
  }
  utimes(path: string, atimeMs: number, mtimeMs: number): Promise<void> {
    return this.call("utimes", path, atimeMs, mtimeMs);
  }
  mkfifo(path: string, mode?: number): Promise<void> {
    return this.call("mkfifo", path, mode);
  }
}
