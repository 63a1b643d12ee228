/**
 * The fd_* and path_* calls driven directly on a guest memory, as a WASI libc would call them,
 * checking the bytes they leave in memory.
 */
import assert from "node:assert/strict";
import { wasi } from "@bjorn3/browser_wasi_shim";
import { createFileSystem } from "../fs/mod.ts";
import { bytesInput, collectOutput } from "../io.ts";
import { DescriptorTable } from "./descriptors.ts";
import { fdCalls } from "./fd_calls.ts";
import type { Guest } from "./guest.ts";
import { pathCalls } from "./path_calls.ts";

const text = (s: string) => new TextEncoder().encode(s);

async function setup() {
  const fs = await createFileSystem({ devices: false });
  const memory = new WebAssembly.Memory({ initial: 1 });
  const fds = new DescriptorTable();
  fds.add({ kind: "stdin", input: bytesInput("abc") });
  fds.add({ kind: "output", output: collectOutput() });
  fds.add({ kind: "output", output: collectOutput() });
  fds.add({ kind: "dir", path: "/", preopen: "/" });
  const guest: Guest = {
    fs,
    fds,
    memory: () => memory,
    umask: 0o022,
    signal: new AbortController().signal,
  };
  const calls = { ...fdCalls(guest), ...pathCalls(guest) };
  const view = () => new DataView(memory.buffer);
  const put = (
    at: number,
    s: string,
  ) => (new Uint8Array(memory.buffer).set(text(s), at), text(s).length);
  return { fs, calls, view, put, memory };
}

Deno.test("path_create_directory, path_filestat_get, path_rename, path_unlink_file", async () => {
  const { fs, calls, view, put } = await setup();
  const n = put(100, "made");
  assert.equal(await calls.path_create_directory(3, 100, n), wasi.ERRNO_SUCCESS);
  assert.equal((await fs.stat("/made")).mode, 0o755);
  assert.equal(await calls.path_create_directory(3, 100, n), wasi.ERRNO_EXIST);
  assert.equal(await calls.path_filestat_get(3, 1, 100, n, 200), wasi.ERRNO_SUCCESS);
  assert.equal(view().getUint8(216), wasi.FILETYPE_DIRECTORY);
  assert.equal(view().getBigUint64(208, true), BigInt((await fs.stat("/made")).ino));
  await fs.writeFile("/made/f", text("12345"));
  const from = put(300, "made/f");
  const to = put(400, "g");
  assert.equal(await calls.path_rename(3, 300, from, 3, 400, to), wasi.ERRNO_SUCCESS);
  assert.equal(await calls.path_filestat_get(3, 1, 400, to, 200), wasi.ERRNO_SUCCESS);
  assert.equal(view().getBigUint64(232, true), 5n);
  assert.equal(await calls.path_unlink_file(3, 100, n), wasi.ERRNO_ISDIR);
  assert.equal(await calls.path_remove_directory(3, 400, to), wasi.ERRNO_NOTDIR);
  assert.equal(await calls.path_unlink_file(3, 400, to), wasi.ERRNO_SUCCESS);
  assert.equal(await calls.path_remove_directory(3, 100, n), wasi.ERRNO_SUCCESS);
  assert.equal(await calls.path_filestat_get(9, 1, 100, n, 200), wasi.ERRNO_BADF);
});

Deno.test("path_symlink and path_readlink; escapes stay in the root", async () => {
  const { fs, calls, view, put, memory } = await setup();
  const target = put(100, "/etc/passwd");
  const link = put(200, "ln");
  assert.equal(await calls.path_symlink(100, target, 3, 200, link), wasi.ERRNO_SUCCESS);
  assert.equal(await fs.readlink("/ln"), "/etc/passwd");
  assert.equal(await calls.path_readlink(3, 200, link, 300, 64, 400), wasi.ERRNO_SUCCESS);
  assert.equal(view().getUint32(400, true), 11);
  assert.equal(new TextDecoder().decode(new Uint8Array(memory.buffer, 300, 11)), "/etc/passwd");
  // open through the link: the target is the container's /etc/passwd, which does not exist.
  const rights = BigInt(wasi.RIGHTS_FD_READ);
  assert.equal(await calls.path_open(3, 1, 200, link, 0, rights, 0n, 0, 500), wasi.ERRNO_NOENT);
  await fs.mkdir("/etc");
  await fs.writeFile("/etc/passwd", text("root:x:0:0::/root:/bin/sh\n"));
  const up = put(600, "../../../../etc/passwd");
  assert.equal(await calls.path_open(3, 1, 600, up, 0, rights, 0n, 0, 500), wasi.ERRNO_SUCCESS);
  // Without LOOKUP_SYMLINK_FOLLOW a final symlink is refused (O_NOFOLLOW).
  assert.equal(await calls.path_open(3, 0, 200, link, 0, rights, 0n, 0, 500), wasi.ERRNO_LOOP);
});

Deno.test("fd_readdir lists entries with cookies and stops at the buffer's end", async () => {
  const { fs, calls, view, put } = await setup();
  await fs.mkdir("/d");
  for (const name of ["a", "bb", "ccc"]) await fs.writeFile(`/d/${name}`, text(name));
  const n = put(100, "d");
  assert.equal(
    await calls.path_open(
      3,
      1,
      100,
      n,
      wasi.OFLAGS_DIRECTORY,
      BigInt(wasi.RIGHTS_FD_READDIR),
      0n,
      0,
      200,
    ),
    wasi.ERRNO_SUCCESS,
  );
  const fd = view().getUint32(200, true);
  assert.equal(await calls.fd_readdir(fd, 1000, 4096, 0n, 300), wasi.ERRNO_SUCCESS);
  const used = view().getUint32(300, true);
  assert.equal(used, 3 * 24 + 1 + 2 + 3);
  const names: string[] = [];
  let at = 1000;
  while (at < 1000 + used) {
    const next = view().getBigUint64(at, true);
    const len = view().getUint32(at + 16, true);
    assert.equal(view().getUint8(at + 20), wasi.FILETYPE_REGULAR_FILE);
    names.push(new TextDecoder().decode(new Uint8Array(view().buffer, at + 24, len)));
    at += 24 + len;
    assert.equal(next, BigInt(names.length));
  }
  assert.deepEqual(names, ["a", "bb", "ccc"]);
  // A small buffer is filled completely: the guest sees bufused == len and asks again.
  assert.equal(await calls.fd_readdir(fd, 1000, 30, 0n, 300), wasi.ERRNO_SUCCESS);
  assert.equal(view().getUint32(300, true), 30);
  assert.equal(await calls.fd_readdir(fd, 1000, 4096, 2n, 300), wasi.ERRNO_SUCCESS);
  assert.equal(view().getUint32(300, true), 24 + 3);
});

Deno.test("fd_seek, fd_tell, fd_pread, fd_filestat_set_size and fd_prestat_dir_name", async () => {
  const { fs, calls, view, put, memory } = await setup();
  await fs.writeFile("/f", text("0123456789"));
  const n = put(100, "f");
  const rights = BigInt(wasi.RIGHTS_FD_READ | wasi.RIGHTS_FD_WRITE);
  assert.equal(await calls.path_open(3, 1, 100, n, 0, rights, 0n, 0, 200), wasi.ERRNO_SUCCESS);
  const fd = view().getUint32(200, true);
  assert.equal(await calls.fd_seek(fd, 4n, wasi.WHENCE_SET, 300), wasi.ERRNO_SUCCESS);
  assert.equal(view().getBigUint64(300, true), 4n);
  view().setUint32(400, 500, true);
  view().setUint32(404, 3, true);
  assert.equal(await calls.fd_pread(fd, 400, 1, 7n, 420), wasi.ERRNO_SUCCESS);
  assert.equal(new TextDecoder().decode(new Uint8Array(memory.buffer, 500, 3)), "789");
  assert.equal(await calls.fd_tell(fd, 300), wasi.ERRNO_SUCCESS);
  assert.equal(view().getBigUint64(300, true), 4n);
  assert.equal(await calls.fd_filestat_set_size(fd, 2n), wasi.ERRNO_SUCCESS);
  assert.equal((await fs.stat("/f")).size, 2);
  assert.equal(await calls.fd_seek(0, 0n, wasi.WHENCE_CUR, 300), wasi.ERRNO_SPIPE);
  assert.equal(await calls.fd_prestat_get(3, 600), wasi.ERRNO_SUCCESS);
  assert.equal(view().getUint32(604, true), 1);
  assert.equal(await calls.fd_prestat_dir_name(3, 700, 1), wasi.ERRNO_SUCCESS);
  assert.equal(view().getUint8(700), "/".charCodeAt(0));
  assert.equal(await calls.fd_prestat_get(fd, 600), wasi.ERRNO_BADF);
  assert.equal(await calls.fd_close(fd), wasi.ERRNO_SUCCESS);
  assert.equal(await calls.fd_close(fd), wasi.ERRNO_BADF);
});
