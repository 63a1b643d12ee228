import assert from "node:assert/strict";
import { FsError } from "../types.ts";
import { ChangeKind, createFileSystem, type Layer, LayerBuilder } from "./mod.ts";

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

function baseLayer(): Layer {
  const b = new LayerBuilder();
  b.dir("etc", { mode: 0o755, mtimeMs: 1_000 });
  b.file("etc/os-release", text("ID=test\n"), { mode: 0o644, mtimeMs: 1_000 });
  b.file("etc/motd", text("hi\n"), { mtimeMs: 1_000 });
  b.dir("usr/lib", { mtimeMs: 1_000 });
  b.file("usr/lib/a.so", text("AAAA"), { mtimeMs: 1_000 });
  b.file("usr/lib/b.so", text("BBBB"), { mtimeMs: 1_000 });
  b.dir("tmp", { mode: 0o1777, mtimeMs: 1_000 });
  b.symlink("bin", "usr/bin", { mtimeMs: 1_000 });
  b.dir("usr/bin", { mtimeMs: 1_000 });
  b.file("usr/bin/sh", text("#!"), { mode: 0o755, mtimeMs: 1_000 });
  b.link("usr/bin/ash", "usr/bin/sh");
  return b.finish();
}

Deno.test("whiteouts and opaque directories hide lower entries", async () => {
  const base = baseLayer();
  const upper = new LayerBuilder(base);
  upper.file("etc/.wh.motd", new Uint8Array());
  upper.dir("usr/lib", { mtimeMs: 2_000 });
  upper.file("usr/lib/.wh..wh..opq", new Uint8Array());
  upper.file("usr/lib/c.so", text("CC"));
  upper.file("etc/new", text("new"));
  const image = upper.finish();
  const fs = await createFileSystem({ image, devices: false });
  assert.deepEqual((await fs.readdir("/etc")).map((e) => e.name), ["new", "os-release"]);
  assert.deepEqual((await fs.readdir("/usr/lib")).map((e) => e.name), ["c.so"]);
  assert.equal(str(await fs.readFile("/bin/sh")), "#!");
  assert.equal((await fs.stat("/usr/bin/ash")).ino, (await fs.stat("/usr/bin/sh")).ino);
  assert.equal((await fs.stat("/usr/bin/sh")).nlink, 2);
  // Directories: 2 plus one per subdirectory, counted over the merged layers.
  assert.equal((await fs.stat("/usr")).nlink, 4);
  assert.equal((await fs.stat("/")).nlink, 5);
  await fs.mkdir("/usr/local");
  assert.equal((await fs.stat("/usr")).nlink, 5);
  assert.equal(image.chainSize, 8 + 3 + 4 + 4 + 2 + 2 + 3);
  // The base layer alone is unchanged.
  const below = await createFileSystem({ image: base, devices: false });
  assert.equal(str(await below.readFile("/etc/motd")), "hi\n");
});

Deno.test("layer paths cannot climb out", () => {
  const b = new LayerBuilder();
  assert.throws(() => b.file("../../etc/passwd", text("x")), FsError);
  assert.throws(() => b.link("x", "../outside"), FsError);
  assert.throws(() => b.link("x", "missing"), FsError);
});

Deno.test("containers share an image and copy up only what they change", async () => {
  const image = baseLayer();
  const one = await createFileSystem({ image, devices: false });
  const two = await createFileSystem({ image, devices: false });
  await one.writeFile("/etc/os-release", text("ID=changed\n"));
  await one.chmod("/usr/lib/a.so", 0o600);
  await one.remove("/etc/motd");
  assert.equal(str(await two.readFile("/etc/os-release")), "ID=test\n");
  assert.equal((await two.stat("/usr/lib/a.so")).mode, 0o644);
  assert.equal(str(await two.readFile("/etc/motd")), "hi\n");
  assert.equal(str(await one.readFile("/etc/os-release")), "ID=changed\n");
  // Unchanged nodes are the very same objects in both containers and the layer.
  assert.equal(one.tree.root.entries.get("tmp"), image.root.entries.get("tmp"));
  assert.equal(two.tree.root, image.root);
  // Copy-up keeps the inode number, as overlayfs does.
  assert.equal((await one.stat("/usr/lib/a.so")).ino, (await two.stat("/usr/lib/a.so")).ino);
});

Deno.test("changes() lists the container layer like docker diff", async () => {
  const image = baseLayer();
  const fs = await createFileSystem({ image, devices: false });
  assert.deepEqual(fs.changes(), []);
  await fs.writeFile("/etc/os-release", text("ID=x\n"));
  await fs.remove("/etc/motd");
  await fs.mkdir("/data/deep", { recursive: true });
  await fs.writeFile("/data/deep/file", text("12345"));
  await fs.writeFile("/tmp/t", text("t"));
  await fs.remove("/usr/lib", { recursive: true });
  await fs.mkdir("/usr/lib");
  await fs.writeFile("/usr/lib/a.so", text("new"));
  const M = ChangeKind.Modified, A = ChangeKind.Added, D = ChangeKind.Deleted;
  assert.deepEqual(fs.changes(), [
    { Path: "/data", Kind: A },
    { Path: "/data/deep", Kind: A },
    { Path: "/data/deep/file", Kind: A },
    { Path: "/etc", Kind: M },
    { Path: "/etc/motd", Kind: D },
    { Path: "/etc/os-release", Kind: M },
    { Path: "/tmp", Kind: M },
    { Path: "/tmp/t", Kind: A },
    { Path: "/usr", Kind: M },
    // Removed and made again: overlay makes it opaque and moby reports it deleted.
    { Path: "/usr/lib", Kind: D },
    { Path: "/usr/lib/a.so", Kind: M },
  ]);
});

Deno.test("size(): SizeRw counts the container layer, SizeRootFs adds the image", async () => {
  const image = baseLayer();
  const fs = await createFileSystem({ image, devices: false });
  assert.deepEqual(fs.size(), { SizeRw: 0, SizeRootFs: image.chainSize });
  await fs.writeFile("/new", text("1234567890"));
  await fs.chmod("/usr/lib/a.so", 0o600); // copy-up of 4 bytes
  assert.deepEqual(fs.size(), { SizeRw: 14, SizeRootFs: image.chainSize + 14 });
  await fs.remove("/new");
  assert.equal(fs.size().SizeRw, 4);
});

Deno.test("changes() after renaming image files and chown with -1", async () => {
  const image = baseLayer();
  const fs = await createFileSystem({ image, devices: false });
  await fs.rename("/etc/motd", "/motd");
  await fs.chown("/usr/bin/sh", -1, 7);
  const sh = await fs.stat("/usr/bin/sh");
  assert.deepEqual([sh.uid, sh.gid], [0, 7]);
  const M = ChangeKind.Modified, A = ChangeKind.Added, D = ChangeKind.Deleted;
  assert.deepEqual(fs.changes(), [
    { Path: "/etc", Kind: M },
    { Path: "/etc/motd", Kind: D },
    { Path: "/motd", Kind: A },
    { Path: "/usr/bin/sh", Kind: M },
  ]);
  // The image's node is untouched by the rename.
  assert.equal(image.root.entries.get("etc")!.kind, "dir");
  const other = await createFileSystem({ image, devices: false });
  assert.equal(str(await other.readFile("/etc/motd")), "hi\n");
});

Deno.test("a directory a layer only names through its entries keeps the metadata from below", async () => {
  const base = new LayerBuilder();
  base.dir("secret", { mode: 0o700, uid: 5, mtimeMs: 1_000 });
  base.file("secret/a", text("a"));
  base.file("secret/b", text("b"));
  const upper = new LayerBuilder(base.finish());
  upper.file("secret/.wh.a", new Uint8Array());
  upper.file("secret/c", text("c"));
  const fs = await createFileSystem({ image: upper.finish(), devices: false });
  const stat = await fs.stat("/secret");
  assert.deepEqual([stat.mode, stat.uid, stat.mtimeMs], [0o700, 5, 1_000]);
  assert.deepEqual((await fs.readdir("/secret")).map((e) => e.name), ["b", "c"]);
});
