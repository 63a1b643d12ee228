import assert from "node:assert/strict";
import { createTarDecoder, type ParsedTarEntry } from "modern-tar";
import { digestOf } from "./digest.ts";
import { openLayerTar } from "./layer_tar.ts";
import { addTestImage, withTempStore } from "./test_utils.ts";

Deno.test("a stored gzip layer opens as its uncompressed tar", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { layers: [{ "etc/motd": "welcome" }] });
    const bytes = new Uint8Array(
      await new Response(await openLayerTar(store, image.layers[0])).arrayBuffer(),
    );
    assert.equal(digestOf(bytes), image.layers[0].diffId);
    const entries = ReadableStream.from([bytes]).pipeThrough(createTarDecoder());
    const names = [];
    for await (const entry of entries as unknown as AsyncIterable<ParsedTarEntry>) {
      names.push(entry.header.name);
      assert.equal(await new Response(entry.body).text(), "welcome");
    }
    assert.deepEqual(names, ["etc/motd"]);
  });
});
