import assert from "node:assert/strict";
import { createTarPacker } from "modern-tar";
import { createFileSystem } from "../../../sandbox/mod.ts";
import { imageLayerStack } from "./image_layers.ts";

async function tarOf(files: Record<string, string>): Promise<Uint8Array> {
  const { readable, controller } = createTarPacker();
  const done = new Response(readable).arrayBuffer();
  for (const [name, text] of Object.entries(files)) {
    const body = new TextEncoder().encode(text);
    const entry = controller.add({ name, size: body.length, type: "file", mode: 0o644 });
    const writer = entry.getWriter();
    await writer.write(body);
    await writer.close();
  }
  controller.finalize();
  return new Uint8Array(await done);
}

Deno.test("layers stack bottom first, upper files win, whiteouts delete", async () => {
  const lower = await tarOf({ "etc/a": "A1", "etc/b": "B" });
  const upper = await tarOf({ "etc/a": "A2", "etc/.wh.b": "" });
  const image = await imageLayerStack([
    { digest: "sha256:lower", tar: lower },
    { digest: "sha256:upper", tar: upper },
  ]);
  const fs = await createFileSystem({ image, devices: false });
  assert.equal(new TextDecoder().decode(await fs.readFile("/etc/a")), "A2");
  await assert.rejects(fs.readFile("/etc/b"));
});

Deno.test("the same chain is imported once per Worker and shared", async () => {
  const tar = await tarOf({ "x": "1" });
  const first = await imageLayerStack([{ digest: "sha256:shared", tar }]);
  const second = await imageLayerStack([{ digest: "sha256:shared", tar: new Uint8Array() }]);
  assert.equal(first, second);
});

Deno.test("a bad layer names its digest and is not cached", async () => {
  const bad = new TextEncoder().encode("not a tar at all, just text".repeat(40));
  await assert.rejects(
    imageLayerStack([{ digest: "sha256:bad", tar: bad }]),
    /image layer sha256:bad/,
  );
  const good = await imageLayerStack([{ digest: "sha256:bad", tar: await tarOf({ y: "2" }) }]);
  const fs = await createFileSystem({ image: good, devices: false });
  assert.equal(new TextDecoder().decode(await fs.readFile("/y")), "2");
});

Deno.test("no layers is an empty root (FROM scratch)", async () => {
  const fs = await createFileSystem({ image: await imageLayerStack([]), devices: false });
  const names = (await fs.readdir("/")).map((e) => e.name);
  assert.deepEqual(names.filter((n) => n !== "dev" && n !== "proc"), []);
});
