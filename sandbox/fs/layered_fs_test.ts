import assert from "node:assert/strict";
import { FsError } from "../types.ts";
import { createFileSystem } from "./mod.ts";

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (e: unknown) => e instanceof FsError && e.code === code);
}

Deno.test("files: write, read, append, stat", async () => {
  const fs = await createFileSystem();
  await fs.writeFile("/a.txt", text("hello"), { mode: 0o600, uid: 5, gid: 6 });
  await fs.writeFile("/a.txt", text(" world"), { append: true });
  assert.equal(str(await fs.readFile("/a.txt")), "hello world");
  const stat = await fs.stat("/a.txt");
  assert.equal(stat.kind, "file");
  assert.equal(stat.size, 11);
  assert.equal(stat.mode, 0o600);
  assert.equal(stat.uid, 5);
  assert.equal(stat.gid, 6);
  assert.equal(stat.nlink, 1);
  await rejectsWith(fs.readFile("/missing"), "ENOENT");
  await rejectsWith(fs.writeFile("/nodir/x", text("")), "ENOENT");
  await rejectsWith(fs.readFile("/"), "EISDIR");
});

Deno.test("directories: mkdir, readdir in name order, remove", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.mkdir("/a/b/c", { recursive: true });
  await fs.writeFile("/a/z", text("z"));
  await fs.writeFile("/a/b1", text("b"));
  assert.deepEqual(await fs.readdir("/a"), [
    { name: "b", kind: "dir" },
    { name: "b1", kind: "file" },
    { name: "z", kind: "file" },
  ]);
  await rejectsWith(fs.mkdir("/a"), "EEXIST");
  await rejectsWith(fs.mkdir("/a/z/q", { recursive: true }), "ENOTDIR");
  await rejectsWith(fs.remove("/a"), "ENOTEMPTY");
  await fs.remove("/a/b", { recursive: true });
  await rejectsWith(fs.stat("/a/b/c"), "ENOENT");
  await fs.remove("/a", { recursive: true });
  assert.deepEqual(await fs.readdir("/"), []);
  await rejectsWith(fs.readdir("/a"), "ENOENT");
});

Deno.test("open: offsets, seek, truncate, exclusive create, append", async () => {
  const fs = await createFileSystem();
  const handle = await fs.open("/f", { write: true, read: true, create: true, mode: 0o640 });
  assert.equal(await handle.write(text("abcdef")), 6);
  assert.equal(await handle.seek(2), 2);
  assert.equal(str((await handle.read(3))!), "cde");
  assert.equal(await handle.seek(-1, "end"), 5);
  assert.equal(str((await handle.read(10))!), "f");
  assert.equal(await handle.read(10), null);
  await handle.seek(8);
  await handle.write(text("!"));
  assert.deepEqual([...await fs.readFile("/f")], [...text("abcdef"), 0, 0, ...text("!")]);
  await handle.truncate(3);
  assert.equal((await handle.stat()).size, 3);
  await handle.close();
  await rejectsWith(handle.read(1), "EBADF");
  assert.equal((await fs.stat("/f")).mode, 0o640);
  await rejectsWith(fs.open("/f", { write: true, create: true, exclusive: true }), "EEXIST");
  await rejectsWith(fs.open("/g", { read: true }), "ENOENT");
  const appender = await fs.open("/f", { append: true });
  await appender.write(text("XY"));
  await appender.close();
  assert.equal(str(await fs.readFile("/f")), "abcXY");
  const truncating = await fs.open("/f", { write: true, truncate: true });
  await truncating.close();
  assert.equal((await fs.stat("/f")).size, 0);
  const reader = await fs.open("/f", { read: true });
  await rejectsWith(reader.write(text("no")), "EBADF");
});

Deno.test("rename moves files and directories and refuses bad moves", async () => {
  const fs = await createFileSystem({ devices: false });
  await fs.mkdir("/d/sub", { recursive: true });
  await fs.writeFile("/d/sub/f", text("1"));
  await fs.rename("/d/sub", "/moved");
  assert.equal(str(await fs.readFile("/moved/f")), "1");
  await rejectsWith(fs.stat("/d/sub"), "ENOENT");
  await fs.writeFile("/other", text("2"));
  await fs.rename("/other", "/moved/f");
  assert.equal(str(await fs.readFile("/moved/f")), "2");
  await rejectsWith(fs.rename("/moved", "/moved/inside"), "EINVAL");
  await fs.mkdir("/full");
  await fs.writeFile("/full/x", text(""));
  await rejectsWith(fs.rename("/moved", "/full"), "ENOTEMPTY");
  await rejectsWith(fs.rename("/moved/f", "/full"), "EISDIR");
  await rejectsWith(fs.rename("/full", "/moved/f"), "ENOTDIR");
});

Deno.test("symlinks, readlink, realpath, lstat", async () => {
  const fs = await createFileSystem();
  await fs.mkdir("/usr/bin", { recursive: true });
  await fs.writeFile("/usr/bin/tool", text("#!/bin/sh"));
  await fs.symlink("usr/bin", "/bin");
  await fs.symlink("/bin/tool", "/abs");
  assert.equal(await fs.readlink("/bin"), "usr/bin");
  assert.equal(await fs.realpath("/bin/tool"), "/usr/bin/tool");
  assert.equal(await fs.realpath("/abs"), "/usr/bin/tool");
  assert.equal(str(await fs.readFile("/abs")), "#!/bin/sh");
  assert.equal((await fs.stat("/abs", { follow: false })).kind, "symlink");
  assert.equal((await fs.stat("/abs")).kind, "file");
  await rejectsWith(fs.readlink("/usr"), "EINVAL");
  await fs.symlink("/nowhere", "/dangling");
  await rejectsWith(fs.stat("/dangling"), "ENOENT");
  // Writing through a dangling link creates its target, as open(O_CREAT) does.
  await fs.writeFile("/dangling", text("made"));
  assert.equal(str(await fs.readFile("/nowhere")), "made");
  await fs.remove("/bin");
  assert.equal((await fs.stat("/usr/bin/tool")).kind, "file");
});

Deno.test("hard links share one inode", async () => {
  const fs = await createFileSystem();
  await fs.writeFile("/a", text("one"));
  await fs.link("/a", "/b");
  const [a, b] = [await fs.stat("/a"), await fs.stat("/b")];
  assert.equal(a.ino, b.ino);
  assert.equal(b.nlink, 2);
  await fs.writeFile("/b", text("two"));
  assert.equal(str(await fs.readFile("/a")), "two");
  await fs.remove("/a");
  assert.equal((await fs.stat("/b")).nlink, 1);
  await fs.mkdir("/dir");
  await rejectsWith(fs.link("/dir", "/dir2"), "EPERM");
});

Deno.test("chmod, chown, utimes, and times move on writes", async () => {
  const fs = await createFileSystem();
  await fs.writeFile("/f", text("x"));
  await fs.chmod("/f", 0o104755);
  assert.equal((await fs.stat("/f")).mode, 0o4755);
  await fs.chown("/f", 1000, 100);
  await fs.utimes("/f", 1_000, 2_000);
  const stat = await fs.stat("/f");
  assert.deepEqual([stat.uid, stat.gid, stat.atimeMs, stat.mtimeMs], [1000, 100, 1_000, 2_000]);
  await fs.writeFile("/f", text("y"));
  assert.ok((await fs.stat("/f")).mtimeMs > 2_000);
  await fs.symlink("/f", "/l");
  await fs.chown("/l", 7, 7, { follow: false });
  assert.equal((await fs.stat("/l", { follow: false })).uid, 7);
  assert.equal((await fs.stat("/f")).uid, 1000);
});
