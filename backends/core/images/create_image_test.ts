import assert from "node:assert/strict";
import { createImage } from "./create_image.ts";
import { digestOf } from "./digest.ts";
import { inspectImage } from "./inspect.ts";
import { openLayerTar } from "./layer_tar.ts";
import { addTestImage, tarOf, withTempStore } from "./test_utils.ts";

Deno.test("a new image stacks gzipped layers on its base, with DiffIDs from the same bytes", async () => {
  await withTempStore(async (store) => {
    const base = await addTestImage(store, { tags: ["base"], cmd: ["sh"] });
    const tar = await tarOf({ "app/run.sh": "echo hi\n" });
    const image = await createImage(store, {
      base,
      layers: [ReadableStream.from([tar])],
      config: { config: { ...base.config.config, Cmd: ["/app/run.sh"] } },
      history: [{ created_by: "COPY run.sh /app/" }],
      tags: ["app:1"],
    });
    assert.equal(image.layers.length, 2);
    assert.equal(image.layers[0].digest, base.layers[0].digest);
    assert.equal(image.layers[1].diffId, digestOf(tar));
    assert.equal(image.layers[1].uncompressedSize, tar.length);
    const back = new Uint8Array(
      await new Response(await openLayerTar(store, image.layers[1])).arrayBuffer(),
    );
    assert.deepEqual(back, tar);
    const inspect = inspectImage(image);
    assert.deepEqual(inspect.RepoTags, ["app:1"]);
    assert.deepEqual(inspect.Config.Cmd, ["/app/run.sh"]);
    assert.deepEqual(inspect.Config.Env, ["PATH=/bin"], "the base config carries over");
    assert.deepEqual(image.config.history?.at(-1), { created_by: "COPY run.sh /app/" });
  });
});

Deno.test("an image from scratch, and a failing layer stream leaves nothing behind", async () => {
  await withTempStore(async (store) => {
    const scratch = await createImage(store, {
      layers: [ReadableStream.from([await tarOf({ a: "1" })])],
    });
    assert.equal(scratch.config.architecture, "amd64");
    assert.deepEqual(scratch.repoTags, []);
    const before: string[] = [];
    for await (const d of store.blobs.digests()) before.push(d);
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(1000));
        controller.error(new Error("container went away"));
      },
    });
    await assert.rejects(
      createImage(store, { base: scratch, layers: [broken], tags: ["x"] }),
      /container went away/,
    );
    const after: string[] = [];
    for await (const d of store.blobs.digests()) after.push(d);
    assert.deepEqual(after.sort(), before.sort());
    assert.equal(store.list().length, 1);
  });
});
