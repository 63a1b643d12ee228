import assert from "node:assert/strict";
import { FsError } from "../types.ts";
import { createFileSystem, MAX_SYMLINKS } from "./mod.ts";

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => e instanceof FsError && e.code === code);
}

Deno.test("`..` at the root stays at the root", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.mkdir("/etc");
  await fs.writeFile("/etc/passwd", text("root:x:0:0"));
  assert.equal(str(await fs.readFile("/../../../etc/passwd")), "root:x:0:0");
  assert.equal(await fs.realpath("/etc/../../.."), "/");
  await fs.writeFile("/../../escape", text("inside"));
  assert.equal(str(await fs.readFile("/escape")), "inside");
});

Deno.test("relative symlinks climbing with .. stop at the container root", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.mkdir("/a/b", { recursive: true });
  await fs.symlink("../../../../../../etc", "/a/b/up");
  await fs.mkdir("/etc");
  await fs.writeFile("/etc/hosts", text("127.0.0.1 localhost"));
  assert.equal(await fs.realpath("/a/b/up/hosts"), "/etc/hosts");
  // Creating through the link lands inside the root too.
  await fs.writeFile("/a/b/up/new", text("n"));
  assert.equal(str(await fs.readFile("/etc/new")), "n");
});

Deno.test("absolute symlink targets resolve against the container root", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.mkdir("/srv/app", { recursive: true });
  await fs.symlink("/", "/srv/app/root");
  await fs.symlink("/tmp", "/srv/tmp");
  assert.equal(await fs.realpath("/srv/app/root/srv/app"), "/srv/app");
  // /tmp does not exist in this container, whatever the host has.
  await rejectsWith(fs.stat("/srv/tmp"), "ENOENT");
  await fs.mkdir("/tmp");
  assert.equal(await fs.realpath("/srv/tmp"), "/tmp");
  assert.equal((await fs.stat("/tmp")).kind, "dir");
});

Deno.test("symlink loops and chains longer than 40 give ELOOP", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.symlink("/loop-b", "/loop-a");
  await fs.symlink("/loop-a", "/loop-b");
  await rejectsWith(fs.stat("/loop-a"), "ELOOP");
  await rejectsWith(fs.writeFile("/loop-a", text("x")), "ELOOP");
  await fs.symlink(".", "/self");
  await rejectsWith(fs.stat("/self/" + "self/".repeat(MAX_SYMLINKS)), "ELOOP");
  assert.equal(await fs.realpath("/self/" + "self/".repeat(MAX_SYMLINKS - 1)), "/");
  // lstat of a looping link itself is fine.
  assert.equal((await fs.stat("/loop-a", { follow: false })).kind, "symlink");
});

Deno.test("paths must be absolute and a file is not a directory", async () => {
  const fs = await createFileSystem({ devices: false });
  await rejectsWith(fs.stat("etc"), "EINVAL");
  await fs.writeFile("/f", text(""));
  await rejectsWith(fs.stat("/f/x"), "ENOTDIR");
  await rejectsWith(fs.stat("/" + "n".repeat(256)), "ENAMETOOLONG");
});

Deno.test("a trailing slash wants a directory; `..` after a file is ENOTDIR", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.writeFile("/f", text(""));
  await fs.mkdir("/d");
  await fs.symlink("/d", "/dl");
  await rejectsWith(fs.stat("/f/"), "ENOTDIR");
  await rejectsWith(fs.stat("/f/."), "ENOTDIR");
  await rejectsWith(fs.stat("/f/.."), "ENOTDIR");
  assert.equal((await fs.stat("/dl/", { follow: false })).kind, "dir");
  assert.equal((await fs.stat("/dl", { follow: false })).kind, "symlink");
  assert.equal(await fs.realpath("/d/./"), "/d");
});
