/**
 * The wasi_snapshot_preview1 ABI pieces the filesystem bridge writes into guest memory: errno
 * numbers for {@link FsError} codes, file types, and the `filestat`/`fdstat` layouts. Constants
 * come from browser_wasi_shim's `wasi` definitions.
 *
 * @module
 */
import { wasi } from "@bjorn3/browser_wasi_shim";
import { type FileKind, FsError, type FsErrorCode, type Stat } from "../types.ts";

const ERRNO: Record<FsErrorCode, number> = {
  ENOENT: wasi.ERRNO_NOENT,
  EEXIST: wasi.ERRNO_EXIST,
  ENOTDIR: wasi.ERRNO_NOTDIR,
  EISDIR: wasi.ERRNO_ISDIR,
  ENOTEMPTY: wasi.ERRNO_NOTEMPTY,
  EACCES: wasi.ERRNO_ACCES,
  EPERM: wasi.ERRNO_PERM,
  ELOOP: wasi.ERRNO_LOOP,
  EINVAL: wasi.ERRNO_INVAL,
  EXDEV: wasi.ERRNO_XDEV,
  EROFS: wasi.ERRNO_ROFS,
  ENOSPC: wasi.ERRNO_NOSPC,
  EBADF: wasi.ERRNO_BADF,
  ENAMETOOLONG: wasi.ERRNO_NAMETOOLONG,
};

/** The errno a guest sees for a failed filesystem call; other failures propagate. */
export function errnoOf(error: unknown): number {
  if (error instanceof FsError) return ERRNO[error.code];
  throw error;
}

export function filetypeOf(kind: FileKind): number {
  switch (kind) {
    case "file":
      return wasi.FILETYPE_REGULAR_FILE;
    case "dir":
      return wasi.FILETYPE_DIRECTORY;
    case "symlink":
      return wasi.FILETYPE_SYMBOLIC_LINK;
    case "chardev":
      return wasi.FILETYPE_CHARACTER_DEVICE;
    default:
      // preview1 has no type for fifos.
      return wasi.FILETYPE_UNKNOWN;
  }
}

const ns = (ms: number) => BigInt(Math.round(ms * 1e6));

/** `filestat`: dev, ino, filetype, nlink, size, atim, mtim, ctim (64 bytes). */
export function writeFilestat(view: DataView, ptr: number, stat: Stat): void {
  view.setBigUint64(ptr, 0n, true);
  view.setBigUint64(ptr + 8, BigInt(stat.ino), true);
  view.setUint8(ptr + 16, filetypeOf(stat.kind));
  view.setBigUint64(ptr + 24, BigInt(stat.nlink), true);
  view.setBigUint64(ptr + 32, BigInt(stat.size), true);
  view.setBigUint64(ptr + 40, ns(stat.atimeMs), true);
  view.setBigUint64(ptr + 48, ns(stat.mtimeMs), true);
  view.setBigUint64(ptr + 56, ns(stat.ctimeMs), true);
}

const ALL_RIGHTS = (1n << 30n) - 1n;

/** `fdstat`: filetype, flags, and (all) rights: the sandbox checks access itself. */
export function writeFdstat(view: DataView, ptr: number, filetype: number, flags: number): void {
  view.setUint8(ptr, filetype);
  view.setUint16(ptr + 2, flags, true);
  view.setBigUint64(ptr + 8, ALL_RIGHTS, true);
  view.setBigUint64(ptr + 16, ALL_RIGHTS, true);
}

/** The iovec list at `ptr`: (buf, len) pairs of u32. */
export function iovecs(view: DataView, ptr: number, count: number): { buf: number; len: number }[] {
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push({
      buf: view.getUint32(ptr + i * 8, true),
      len: view.getUint32(ptr + i * 8 + 4, true),
    });
  }
  return out;
}

export function readString(memory: WebAssembly.Memory, ptr: number, len: number): string {
  return new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len));
}

/** Signal numbers for exit statuses of killed programs (128 + n), as Linux numbers them. */
export const SIGNAL_NUMBERS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
};
