import assert from "node:assert/strict";
import { commitLayer, createFileSystem, LayerBuilder } from "./mod.ts";

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

function image() {
  const b = new LayerBuilder();
  b.dir("etc");
  b.file("etc/a", text("a"));
  b.file("etc/b", text("b"));
  b.dir("var/cache", { mode: 0o700 });
  b.file("var/cache/old", text("old"));
  b.dir("opt/tool");
  b.file("opt/tool/bin", text("bin"));
  return b.finish();
}

Deno.test("commitLayer captures changes, deletions and replaced directories", async () => {
  const base = image();
  const fs = await createFileSystem({ image: base, devices: false });
  await fs.writeFile("/etc/a", text("A2"));
  await fs.remove("/etc/b");
  await fs.remove("/var/cache", { recursive: true });
  await fs.mkdir("/var/cache");
  await fs.writeFile("/var/cache/new", text("new"));
  await fs.rename("/opt/tool", "/opt/moved");
  await fs.writeFile("/data", text("12345"));
  await fs.link("/data", "/data.hard");
  const layer = commitLayer(fs);
  assert.equal(layer.parent, base);
  assert.equal(layer.used, 2 + 3 + 5);

  const next = await createFileSystem({ image: layer, devices: false });
  assert.equal(str(await next.readFile("/etc/a")), "A2");
  assert.deepEqual((await next.readdir("/etc")).map((e) => e.name), ["a"]);
  assert.deepEqual((await next.readdir("/var/cache")).map((e) => e.name), ["new"]);
  assert.deepEqual((await next.readdir("/opt")).map((e) => e.name), ["moved"]);
  assert.equal(str(await next.readFile("/opt/moved/bin")), "bin");
  assert.equal((await next.stat("/data")).ino, (await next.stat("/data.hard")).ino);
  assert.deepEqual(next.changes(), []);

  // The committing container goes on; its later writes do not reach the layer.
  await fs.writeFile("/etc/a", text("A3"));
  assert.equal(str(await next.readFile("/etc/a")), "A2");
  assert.equal(str(await (await createFileSystem({ image: layer })).readFile("/etc/a")), "A2");
});

Deno.test("committing an untouched container gives an empty layer", async () => {
  const base = image();
  const fs = await createFileSystem({ image: base });
  const layer = commitLayer(fs);
  assert.equal(layer.diff.entries.size, 0);
  assert.equal(layer.used, 0);
});
