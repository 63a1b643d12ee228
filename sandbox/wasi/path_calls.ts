/**
 * The `path_*` system calls: paths relative to a directory descriptor, resolved by the sandbox
 * filesystem itself, so `..` and absolute symlinks stay inside the container root.
 *
 * @module
 */
import { wasi } from "@bjorn3/browser_wasi_shim";
import { FsError } from "../types.ts";
import { filetypeOf, readString, writeFilestat } from "./abi.ts";
import { chooseTimes } from "./fd_calls.ts";
import { bytes, call, descriptor, type Guest, view } from "./guest.ts";

const LOOKUP_SYMLINK_FOLLOW = 1;

/** The container path of `path` relative to directory descriptor `fd`, left for the fs to resolve. */
function pathAt(guest: Guest, fd: number, ptr: number, len: number): string {
  const dir = descriptor(guest, fd, "dir");
  const relative = readString(guest.memory(), ptr, len);
  if (relative === "") throw new FsError("ENOENT", dir.path, "No such file or directory");
  return dir.path === "/" ? `/${relative}` : `${dir.path}/${relative}`;
}

export function pathCalls(guest: Guest) {
  const fs = guest.fs;
  return {
    path_open: (
      fd: number,
      dirflags: number,
      ptr: number,
      len: number,
      oflags: number,
      rights: bigint,
      _inheriting: bigint,
      fdflags: number,
      opened: number,
    ) =>
      call(async () => {
        const path = pathAt(guest, fd, ptr, len);
        const follow = (dirflags & LOOKUP_SYMLINK_FOLLOW) !== 0;
        const create = (oflags & wasi.OFLAGS_CREAT) !== 0;
        const existing = await fs.stat(path, { follow }).catch((error) => {
          if (error instanceof FsError && error.code === "ENOENT" && create) return undefined;
          throw error;
        });
        if (existing?.kind === "symlink") {
          throw new FsError("ELOOP", path, "Too many levels of symbolic links");
        }
        if (existing && create && oflags & wasi.OFLAGS_EXCL) {
          throw new FsError("EEXIST", path, "File exists");
        }
        if (oflags & wasi.OFLAGS_DIRECTORY && existing?.kind !== "dir") {
          throw new FsError(existing ? "ENOTDIR" : "ENOENT", path, "Not a directory");
        }
        let newFd: number;
        if (existing?.kind === "dir") {
          newFd = guest.fds.add({ kind: "dir", path: await fs.realpath(path) });
        } else {
          const write = (rights & BigInt(wasi.RIGHTS_FD_WRITE)) !== 0n;
          const read = (rights & BigInt(wasi.RIGHTS_FD_READ)) !== 0n || !write;
          const append = (fdflags & wasi.FDFLAGS_APPEND) !== 0;
          const handle = await fs.open(path, {
            read,
            write: write || append,
            append,
            create,
            exclusive: (oflags & wasi.OFLAGS_EXCL) !== 0,
            truncate: (oflags & wasi.OFLAGS_TRUNC) !== 0,
            mode: 0o666 & ~guest.umask,
          });
          const filetype = filetypeOf((await handle.stat()).kind);
          newFd = guest.fds.add({ kind: "file", path, handle, filetype, append });
        }
        view(guest).setUint32(opened, newFd, true);
      }),
    path_filestat_get: (fd: number, flags: number, ptr: number, len: number, out: number) =>
      call(async () => {
        const stat = await fs.stat(pathAt(guest, fd, ptr, len), {
          follow: (flags & LOOKUP_SYMLINK_FOLLOW) !== 0,
        });
        writeFilestat(view(guest), out, stat);
      }),
    path_filestat_set_times: (
      fd: number,
      _flags: number,
      ptr: number,
      len: number,
      atim: bigint,
      mtim: bigint,
      fstflags: number,
    ) =>
      call(async () => {
        const path = pathAt(guest, fd, ptr, len);
        const stat = await fs.stat(path);
        const [a, m] = chooseTimes(stat.atimeMs, stat.mtimeMs, atim, mtim, fstflags);
        await fs.utimes(path, a, m);
      }),
    path_create_directory: (fd: number, ptr: number, len: number) =>
      call(() => fs.mkdir(pathAt(guest, fd, ptr, len), { mode: 0o777 & ~guest.umask })),
    path_remove_directory: (fd: number, ptr: number, len: number) =>
      call(async () => {
        const path = pathAt(guest, fd, ptr, len);
        if ((await fs.stat(path, { follow: false })).kind !== "dir") {
          throw new FsError("ENOTDIR", path, "Not a directory");
        }
        await fs.remove(path);
      }),
    path_unlink_file: (fd: number, ptr: number, len: number) =>
      call(async () => {
        const path = pathAt(guest, fd, ptr, len);
        if ((await fs.stat(path, { follow: false })).kind === "dir") {
          throw new FsError("EISDIR", path, "Is a directory");
        }
        await fs.remove(path);
      }),
    path_rename: (
      fd: number,
      ptr: number,
      len: number,
      newFd: number,
      newPtr: number,
      newLen: number,
    ) => call(() => fs.rename(pathAt(guest, fd, ptr, len), pathAt(guest, newFd, newPtr, newLen))),
    path_symlink: (ptr: number, len: number, fd: number, newPtr: number, newLen: number) =>
      call(() =>
        fs.symlink(readString(guest.memory(), ptr, len), pathAt(guest, fd, newPtr, newLen))
      ),
    path_link: (
      fd: number,
      _flags: number,
      ptr: number,
      len: number,
      newFd: number,
      newPtr: number,
      newLen: number,
    ) => call(() => fs.link(pathAt(guest, fd, ptr, len), pathAt(guest, newFd, newPtr, newLen))),
    path_readlink: (
      fd: number,
      ptr: number,
      len: number,
      buf: number,
      bufLen: number,
      used: number,
    ) =>
      call(async () => {
        const target = new TextEncoder().encode(await fs.readlink(pathAt(guest, fd, ptr, len)));
        // Like readlink(2), a short buffer gets the target cut short.
        const n = Math.min(target.length, bufLen);
        bytes(guest).set(target.subarray(0, n), buf);
        view(guest).setUint32(used, n, true);
      }),
  };
}
