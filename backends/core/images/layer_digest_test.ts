import assert from "node:assert/strict";
import { gzipBytes as gzip } from "./compression.ts";
import { digestOf } from "./digest.ts";
import { LayerContentError, measureLayer, sniffCompression } from "./layer_digest.ts";

const tarBytes = new Uint8Array(4096).map((_, i) => i % 13);

Deno.test("a gzip layer's DiffID is the digest of its uncompressed bytes", async () => {
  const compressed = await gzip(tarBytes);
  assert.equal(sniffCompression(compressed), "gzip");
  const content = await measureLayer(ReadableStream.from([compressed]), "gzip");
  assert.deepEqual(content, { diffId: digestOf(tarBytes), size: tarBytes.length });
});

Deno.test("an uncompressed layer is its own DiffID", async () => {
  assert.equal(sniffCompression(tarBytes), "none");
  const content = await measureLayer(ReadableStream.from([tarBytes]), "none");
  assert.equal(content.diffId, digestOf(tarBytes));
});

Deno.test("a truncated gzip layer is reported, naming the layer", async () => {
  const compressed = await gzip(tarBytes);
  await assert.rejects(
    measureLayer(ReadableStream.from([compressed.slice(0, -10)]), "gzip", "layer sha256:x"),
    (error: Error) =>
      error instanceof LayerContentError &&
      /layer sha256:x cannot be decompressed/.test(error.message),
  );
});
