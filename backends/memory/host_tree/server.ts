/**
 * The host side of a bind mount or volume: runs in the backend Worker (which may read and write
 * the host path) and answers a container Worker's filesystem requests on a MessagePort. Every
 * path is resolved inside `root` (see scoped_path.ts), so the container cannot reach past it.
 *
 * @module
 */
import { FsError, type Stat } from "../../../sandbox/mod.ts";
import { hostFsError } from "./host_errors.ts";
import type { HostTreeReply, HostTreeRequest } from "./protocol.ts";
import { scopedPath, scopeRelative } from "./scoped_path.ts";

export interface HostTreeOptions {
  /** The host directory (or file) that is the root of the tree; absolute and canonical. */
  root: string;
  /** Refuse every change with EROFS. */
  readOnly?: boolean;
}

/** The sandbox's Stat for a host FileInfo. */
export function statOf(info: Deno.FileInfo): Stat {
  const kind = info.isSymlink
    ? "symlink"
    : info.isDirectory
    ? "dir"
    : info.isCharDevice
    ? "chardev"
    : info.isFifo
    ? "fifo"
    : "file";
  const ms = (d: Date | null) => d?.getTime() ?? 0;
  return {
    kind,
    mode: (info.mode ?? 0o644) & 0o7777,
    uid: info.uid ?? 0,
    gid: info.gid ?? 0,
    size: info.size,
    mtimeMs: ms(info.mtime),
    atimeMs: ms(info.atime),
    ctimeMs: ms(info.ctime ?? info.mtime),
    ino: info.ino ?? 0,
    nlink: info.nlink ?? 1,
    ...(info.isCharDevice ? { rdev: info.rdev ?? 0 } : {}),
  };
}

const mutating = new Set([
  "writeFile",
  "mkdir",
  "remove",
  "rename",
  "symlink",
  "link",
  "chmod",
  "chown",
  "utimes",
  "mkfifo",
  "handle.write",
  "handle.truncate",
]);

let pathQueue: Promise<unknown> = Promise.resolve();

/**
 * Runs path operations of every host tree one at a time. A path is resolved in scope and then
 * used; were another container's operation (a rename, a new symlink) allowed in between, it
 * could swap a checked directory for a link out of the scope. Deno has no openat2
 * (RESOLVE_BENEATH), so the check and the use are kept together instead. Changes made on the
 * host itself meanwhile are the host's own doing.
 */
function pathLock<T>(run: () => Promise<T>): Promise<T> {
  const result = pathQueue.then(run);
  pathQueue = result.catch(() => {});
  return result;
}

/** Serves one host tree on `port` until the port is closed; returns a function that closes it. */
export function serveHostTree(port: MessagePort, options: HostTreeOptions): () => void {
  const root = options.root;
  const handles = new Map<number, Deno.FsFile>();
  let nextHandle = 1;
  const at = (path: string, follow = true) => scopedPath(root, String(path), follow);
  /**
   * The host path of a file to open. Host fifos and devices are refused: opening or reading one
   * can block for ever, and path operations of every tree wait on each other (see pathLock).
   */
  const plainFile = async (path: string) => {
    const host = await at(path);
    const info = await Deno.stat(host).catch((error) => {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    });
    if (info && !info.isFile && !info.isDirectory) {
      throw new FsError(
        "EPERM",
        path,
        "host fifos, sockets and devices cannot be opened through a mount",
      );
    }
    return host;
  };
  const handle = (id: unknown) => {
    const file = handles.get(Number(id));
    if (!file) throw new FsError("EBADF", "", "Bad file descriptor");
    return file;
  };

  const ops: Record<string, (...args: never[]) => Promise<unknown>> = {
    async stat(path: string, o?: { follow?: boolean }) {
      return statOf(await Deno.lstat(await at(path, o?.follow ?? true)));
    },
    async readdir(path: string) {
      const dir = await at(path);
      const entries = [];
      for await (const e of Deno.readDir(dir)) {
        const kind = e.isSymlink
          ? "symlink"
          : e.isDirectory
          ? "dir"
          : e.isFile
          ? "file"
          : statOf(await Deno.lstat(`${dir}/${e.name}`)).kind;
        entries.push({ name: e.name, kind });
      }
      return entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    },
    async readFile(path: string) {
      return await Deno.readFile(await plainFile(path));
    },
    async writeFile(path: string, data: Uint8Array, o?: { mode?: number; append?: boolean }) {
      await Deno.writeFile(await plainFile(path), data, { mode: o?.mode, append: o?.append });
    },
    async open(path: string, o: Deno.OpenOptions & { exclusive?: boolean }) {
      if (!options.readOnly || !(o.write || o.append || o.create || o.truncate)) {
        const { exclusive, ...flags } = o;
        const file = await Deno.open(await plainFile(path), {
          ...flags,
          createNew: o.create && exclusive,
        });
        const id = nextHandle++;
        handles.set(id, file);
        return id;
      }
      throw new FsError("EROFS", path, "Read-only file system");
    },
    async mkdir(path: string, o?: { recursive?: boolean; mode?: number }) {
      const host = await scopedPath(root, path, false, { missingParents: o?.recursive });
      await Deno.mkdir(host, o);
    },
    async remove(path: string, o?: { recursive?: boolean }) {
      await Deno.remove(await at(path, false), o);
    },
    async rename(from: string, to: string) {
      await Deno.rename(await at(from, false), await at(to, false));
    },
    async symlink(target: string, path: string) {
      // The target is stored as given; it is resolved inside the scope whenever it is followed.
      await Deno.symlink(target, await at(path, false));
    },
    async link(existing: string, path: string) {
      await Deno.link(await at(existing, false), await at(path, false));
    },
    async readlink(path: string) {
      return await Deno.readLink(await at(path, false));
    },
    async realpath(path: string) {
      const host = await at(path);
      await Deno.lstat(host);
      return scopeRelative(root, host);
    },
    async chmod(path: string, mode: number) {
      await Deno.chmod(await at(path), mode);
    },
    async chown(path: string, uid: number, gid: number, o?: { follow?: boolean }) {
      await Deno.chown(await at(path, o?.follow ?? true), uid, gid);
    },
    async utimes(path: string, atimeMs: number, mtimeMs: number) {
      await Deno.utime(await at(path), atimeMs / 1000, mtimeMs / 1000);
    },
    mkfifo(path: string) {
      throw new FsError("EPERM", path, "mkfifo on a host-backed mount is not supported");
    },
    async "handle.read"(id: number, max: number) {
      const buffer = new Uint8Array(Math.max(1, Math.min(max, 1 << 20)));
      const n = await handle(id).read(buffer);
      return n === null ? null : buffer.slice(0, n);
    },
    async "handle.write"(id: number, data: Uint8Array) {
      const file = handle(id);
      let written = 0;
      while (written < data.length) written += await file.write(data.subarray(written));
      return written;
    },
    async "handle.seek"(id: number, offset: number, whence: "set" | "cur" | "end" = "set") {
      const mode = { set: Deno.SeekMode.Start, cur: Deno.SeekMode.Current, end: Deno.SeekMode.End };
      return await handle(id).seek(offset, mode[whence]);
    },
    async "handle.truncate"(id: number, size: number) {
      await handle(id).truncate(size);
    },
    async "handle.stat"(id: number) {
      return statOf(await handle(id).stat());
    },
    // deno-lint-ignore require-await
    async "handle.close"(id: number) {
      handle(id).close();
      handles.delete(Number(id));
    },
  };

  port.onmessage = async (event: MessageEvent<HostTreeRequest>) => {
    const { id, op, args } = event.data;
    const path = typeof args[0] === "string" ? args[0] : "";
    let reply: HostTreeReply;
    try {
      if (options.readOnly && mutating.has(op)) {
        throw new FsError("EROFS", path, "Read-only file system");
      }
      const fn = ops[op];
      if (!fn) throw new FsError("EINVAL", path, `host tree: unknown operation ${op}`);
      const run = () => (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      // Operations on open handles use their descriptor; only path operations need the lock.
      reply = { id, ok: true, value: await (op.startsWith("handle.") ? run() : pathLock(run)) };
    } catch (error) {
      const e = hostFsError(error, path);
      reply = { id, ok: false, error: { code: e.code, path: e.path, message: e.message } };
    }
    port.postMessage(reply);
  };
  port.start();
  return () => {
    for (const file of handles.values()) file.close();
    handles.clear();
    port.close();
  };
}
