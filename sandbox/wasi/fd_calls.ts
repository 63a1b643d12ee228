/**
 * The `fd_*` system calls over sandbox descriptors. Reads and writes await the process's stdio
 * and the filesystem, so output streams as the program writes it and stdin blocks for input.
 *
 * @module
 */
import { wasi } from "@bjorn3/browser_wasi_shim";
import { FsError } from "../types.ts";
import { filetypeOf, iovecs, writeFdstat, writeFilestat } from "./abi.ts";
import { bytes, call, descriptor, type Guest, view } from "./guest.ts";

const WHENCE = ["set", "cur", "end"] as const;

class BrokenPipe extends Error {}

async function pipeCall(step: () => Promise<void>): Promise<number> {
  try {
    return await call(step);
  } catch (error) {
    if (error instanceof BrokenPipe) return wasi.ERRNO_PIPE;
    throw error;
  }
}

function gather(guest: Guest, ptr: number, count: number): Uint8Array {
  const memory = bytes(guest);
  const parts = iovecs(view(guest), ptr, count).map(({ buf, len }) => memory.slice(buf, buf + len));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((offset, part) => (out.set(part, offset), offset + part.length), 0);
  return out;
}

/** Copies `data` into the iovecs; returns what did not fit. */
function scatter(guest: Guest, ptr: number, count: number, data: Uint8Array): Uint8Array {
  const memory = bytes(guest);
  let offset = 0;
  for (const { buf, len } of iovecs(view(guest), ptr, count)) {
    const part = data.subarray(offset, offset + len);
    memory.set(part, buf);
    offset += part.length;
    if (offset >= data.length) break;
  }
  return data.subarray(offset);
}

function capacity(guest: Guest, ptr: number, count: number): number {
  return iovecs(view(guest), ptr, count).reduce((n, { len }) => n + len, 0);
}

async function readInto(guest: Guest, fd: number, ptr: number, count: number): Promise<number> {
  const d = descriptor(guest, fd, "stdin", "file");
  const wanted = capacity(guest, ptr, count);
  if (wanted === 0) return 0;
  if (d.kind === "stdin") {
    const chunk = await d.input.read(guest.signal);
    if (!chunk) return 0;
    const rest = scatter(guest, ptr, count, chunk);
    d.input.unread(rest.slice());
    return chunk.length - rest.length;
  }
  const chunk = await d.handle.read(wanted, guest.signal);
  if (!chunk) return 0;
  scatter(guest, ptr, count, chunk);
  return chunk.length;
}

async function writeFrom(guest: Guest, fd: number, ptr: number, count: number): Promise<number> {
  const d = descriptor(guest, fd, "output", "file");
  const data = gather(guest, ptr, count);
  if (d.kind === "output") {
    try {
      await d.output.write(data);
    } catch (error) {
      // The reading end went away: the program sees EPIPE, as a write to a closed pipe does.
      if (guest.signal.aborted) throw error;
      throw new BrokenPipe();
    }
    return data.length;
  }
  return await d.handle.write(data);
}

/** Runs `step` at `offset` and puts the file position back, as pread/pwrite leave it. */
async function atOffset<T>(guest: Guest, fd: number, offset: bigint, step: () => Promise<T>) {
  const d = descriptor(guest, fd, "file");
  const saved = await d.handle.seek(0, "cur");
  await d.handle.seek(Number(offset));
  try {
    return await step();
  } finally {
    await d.handle.seek(saved);
  }
}

export function fdCalls(guest: Guest) {
  return {
    fd_read: (fd: number, iovs: number, count: number, nread: number) =>
      call(async () => view(guest).setUint32(nread, await readInto(guest, fd, iovs, count), true)),
    fd_pread: (fd: number, iovs: number, count: number, offset: bigint, nread: number) =>
      call(async () => {
        const n = await atOffset(guest, fd, offset, () => readInto(guest, fd, iovs, count));
        view(guest).setUint32(nread, n, true);
      }),
    fd_write: (fd: number, iovs: number, count: number, nwritten: number) =>
      pipeCall(async () =>
        view(guest).setUint32(nwritten, await writeFrom(guest, fd, iovs, count), true)
      ),
    fd_pwrite: (fd: number, iovs: number, count: number, offset: bigint, nwritten: number) =>
      call(async () => {
        const n = await atOffset(guest, fd, offset, () => writeFrom(guest, fd, iovs, count));
        view(guest).setUint32(nwritten, n, true);
      }),
    fd_seek: (fd: number, offset: bigint, whence: number, out: number) =>
      call(async () => {
        const d = descriptor(guest, fd, "file", "stdin", "output");
        if (d.kind !== "file") return wasi.ERRNO_SPIPE;
        const position = await d.handle.seek(Number(offset), WHENCE[whence] ?? "set");
        view(guest).setBigUint64(out, BigInt(position), true);
      }),
    fd_tell: (fd: number, out: number) =>
      call(async () => {
        const position = await descriptor(guest, fd, "file").handle.seek(0, "cur");
        view(guest).setBigUint64(out, BigInt(position), true);
      }),
    fd_close: (fd: number) =>
      call(async () => (await guest.fds.close(fd)) ? wasi.ERRNO_SUCCESS : wasi.ERRNO_BADF),
    fd_renumber: (from: number, to: number) =>
      call(async () => (await guest.fds.renumber(from, to)) ? wasi.ERRNO_SUCCESS : wasi.ERRNO_BADF),
    fd_fdstat_get: (fd: number, ptr: number) =>
      call(() => {
        const d = descriptor(guest, fd);
        const type = d.kind === "dir"
          ? wasi.FILETYPE_DIRECTORY
          : d.kind === "file"
          ? d.filetype
          : wasi.FILETYPE_UNKNOWN;
        const flags = d.kind === "file" && d.append ? wasi.FDFLAGS_APPEND : 0;
        writeFdstat(view(guest), ptr, type, flags);
      }),
    fd_fdstat_set_flags: (fd: number, flags: number) =>
      call(() => {
        descriptor(guest, fd);
        return flags === 0 ? wasi.ERRNO_SUCCESS : wasi.ERRNO_NOTSUP;
      }),
    fd_filestat_get: (fd: number, ptr: number) =>
      call(async () => {
        const d = descriptor(guest, fd, "file", "dir", "stdin", "output");
        if (d.kind === "file") return writeFilestat(view(guest), ptr, await d.handle.stat());
        if (d.kind === "dir") return writeFilestat(view(guest), ptr, await guest.fs.stat(d.path));
        // Stdio streams are pipes to the process layer; report them as such, with nothing else known.
        bytes(guest).fill(0, ptr, ptr + 64);
        view(guest).setUint8(ptr + 16, filetypeOf("fifo"));
      }),
    fd_filestat_set_size: (fd: number, size: bigint) =>
      call(() => descriptor(guest, fd, "file").handle.truncate(Number(size))),
    fd_filestat_set_times: (fd: number, atim: bigint, mtim: bigint, flags: number) =>
      call(async () => {
        const d = descriptor(guest, fd, "file", "dir");
        const stat = d.kind === "file" ? await d.handle.stat() : await guest.fs.stat(d.path);
        const [a, m] = chooseTimes(stat.atimeMs, stat.mtimeMs, atim, mtim, flags);
        await guest.fs.utimes(d.path, a, m);
      }),
    fd_prestat_get: (fd: number, ptr: number) =>
      call(() => {
        const d = descriptor(guest, fd);
        if (d.kind !== "dir" || d.preopen === undefined) return wasi.ERRNO_BADF;
        view(guest).setUint8(ptr, 0);
        view(guest).setUint32(ptr + 4, new TextEncoder().encode(d.preopen).length, true);
      }),
    fd_prestat_dir_name: (fd: number, ptr: number, len: number) =>
      call(() => {
        const d = descriptor(guest, fd);
        if (d.kind !== "dir" || d.preopen === undefined) return wasi.ERRNO_BADF;
        const name = new TextEncoder().encode(d.preopen);
        bytes(guest).set(name.subarray(0, len), ptr);
        return name.length > len ? wasi.ERRNO_NAMETOOLONG : wasi.ERRNO_SUCCESS;
      }),
    fd_readdir: (fd: number, buf: number, len: number, cookie: bigint, used: number) =>
      call(async () => {
        const d = descriptor(guest, fd, "dir");
        if (cookie === 0n || !d.listing) d.listing = await guest.fs.readdir(d.path);
        const memory = bytes(guest);
        let offset = 0;
        for (let i = Number(cookie); i < d.listing.length && offset < len; i++) {
          const entry = d.listing[i];
          const stat = await guest.fs.stat(`${d.path}/${entry.name}`, { follow: false }).catch(() =>
            undefined
          );
          const dirent = new wasi.Dirent(
            BigInt(i + 1),
            BigInt(stat?.ino ?? 0),
            entry.name,
            filetypeOf(entry.kind),
          );
          // A dirent cut short at the end of the buffer tells the guest to call again with a bigger one.
          const head = new Uint8Array(dirent.head_length());
          dirent.write_head_bytes(new DataView(head.buffer), 0);
          const take = Math.min(head.length, len - offset);
          memory.set(head.subarray(0, take), buf + offset);
          offset += take;
          if (offset >= len) break;
          const name = new TextEncoder().encode(entry.name);
          const nameTake = Math.min(name.length, len - offset);
          memory.set(name.subarray(0, nameTake), buf + offset);
          offset += nameTake;
        }
        view(guest).setUint32(used, offset, true);
      }),
    // Everything is in memory already: syncing and advice have nothing to do.
    fd_sync: (fd: number) => call(() => void descriptor(guest, fd, "file")),
    fd_datasync: (fd: number) => call(() => void descriptor(guest, fd, "file")),
    fd_advise: (fd: number) => call(() => void descriptor(guest, fd, "file")),
    fd_allocate: (fd: number, offset: bigint, len: bigint) =>
      call(async () => {
        const d = descriptor(guest, fd, "file");
        const end = Number(offset + len);
        if ((await d.handle.stat()).size < end) await d.handle.truncate(end);
      }),
  };
}

/** The times `*_set_times` asks for: given values, now, or unchanged, per `fstflags`. */
export function chooseTimes(
  atimeMs: number,
  mtimeMs: number,
  atim: bigint,
  mtim: bigint,
  flags: number,
): [number, number] {
  if (
    (flags & wasi.FSTFLAGS_ATIM && flags & wasi.FSTFLAGS_ATIM_NOW) ||
    (flags & wasi.FSTFLAGS_MTIM && flags & wasi.FSTFLAGS_MTIM_NOW)
  ) {
    throw new FsError("EINVAL", "", "Invalid argument");
  }
  const now = Date.now();
  const pick = (old: number, value: bigint, set: number, setNow: number) =>
    flags & setNow ? now : flags & set ? Number(value / 1_000_000n) : old;
  return [
    pick(atimeMs, atim, wasi.FSTFLAGS_ATIM, wasi.FSTFLAGS_ATIM_NOW),
    pick(mtimeMs, mtim, wasi.FSTFLAGS_MTIM, wasi.FSTFLAGS_MTIM_NOW),
  ];
}
