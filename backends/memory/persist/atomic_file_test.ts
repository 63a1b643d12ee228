import assert from "node:assert/strict";
import { readDurable, readDurableJson, writeDurable } from "./atomic_file.ts";

const text = (b?: Uint8Array) => b && new TextDecoder().decode(b);

Deno.test("writeDurable replaces the content and keeps the previous copy", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/record.json`;
  await writeDurable(path, JSON.stringify({ n: 1 }));
  await writeDurable(path, JSON.stringify({ n: 2 }));
  assert.deepEqual(await readDurableJson(path), { n: 2 });
  assert.deepEqual(await readDurableJson(`${path}.prev`), { n: 1 });
  assert.equal(await Deno.stat(`${path}.tmp`).then(() => true, () => false), false);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a torn file is detected and the previous good copy is read", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/record.json`;
  await writeDurable(path, "first");
  await writeDurable(path, "second version");
  const whole = await Deno.readFile(path);
  await Deno.writeFile(path, whole.subarray(0, whole.length - 3));
  assert.equal(text(await readDurable(path)), "first");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a crash between the renames leaves the previous copy readable", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/record.json`;
  await writeDurable(path, "only");
  await Deno.rename(path, `${path}.prev`);
  assert.equal(text(await readDurable(path)), "only");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("no intact copy at all is an error naming the file; no file is undefined", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/record.json`;
  assert.equal(await readDurable(path), undefined);
  await Deno.writeFile(path, new TextEncoder().encode("garbage"));
  await assert.rejects(readDurable(path), /record\.json: no intact copy/);
  await Deno.remove(dir, { recursive: true });
});
