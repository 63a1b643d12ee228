import assert from "node:assert/strict";
import { createTarDecoder, createTarPacker, type ParsedTarEntry } from "modern-tar";
import { loadImages } from "./archive_load.ts";
import { saveImages } from "./archive_save.ts";
import { digestOf } from "./digest.ts";
import { ImageStore } from "./image_store.ts";
import { listImages } from "./list.ts";
import { addTestImage, withTempStore } from "./test_utils.ts";

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function entriesOf(tar: Uint8Array): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const entries = ReadableStream.from([tar]).pipeThrough(createTarDecoder());
  for await (const entry of entries as unknown as AsyncIterable<ParsedTarEntry>) {
    files.set(entry.header.name, await bytesOf(entry.body));
  }
  return files;
}

async function tarOfEntries(entries: [string, Uint8Array][]): Promise<Uint8Array> {
  const { readable, controller } = createTarPacker();
  const done = bytesOf(readable);
  for (const [name, body] of entries) {
    const writer = controller.add({ name, size: body.length }).getWriter();
    await writer.write(body);
    await writer.close();
  }
  controller.finalize();
  return await done;
}

const json = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes));

Deno.test("save writes Docker 25's layout: manifest.json, repositories, index.json, oci-layout, blobs", async () => {
  await withTempStore(async (store) => {
    const tagged = await addTestImage(store, {
      tags: ["app:1", "app:2", "other"],
      layers: [{ a: "1" }, { b: "2" }],
    });
    const loose = await addTestImage(store, { layers: [{ c: "3" }] });
    const tar = await bytesOf(saveImages(store, ["app", loose.id.slice(7, 19)]));
    const files = await entriesOf(tar);
    assert.deepEqual(json(files.get("oci-layout")), { imageLayoutVersion: "1.0.0" });
    const manifest = json(files.get("manifest.json"));
    assert.deepEqual(manifest[0], {
      Config: `blobs/sha256/${tagged.id.slice(7)}`,
      RepoTags: ["app:1", "app:2"],
      Layers: tagged.layers.map((l) => `blobs/sha256/${l.digest.slice(7)}`),
    });
    assert.equal(manifest[1].RepoTags, null);
    assert.deepEqual(json(files.get("repositories")), {
      app: { "1": tagged.id.slice(7), "2": tagged.id.slice(7) },
    });
    const index = json(files.get("index.json"));
    assert.deepEqual(index.manifests[0].annotations, {
      "io.containerd.image.name": "docker.io/library/app:1",
      "org.opencontainers.image.ref.name": "1",
    });
    assert.equal(index.manifests[2].digest, loose.manifestDigest);
    for (const [name, bytes] of files) {
      if (name.startsWith("blobs/sha256/") && bytes.length > 0) {
        assert.equal(digestOf(bytes), `sha256:${name.slice(13)}`);
      }
    }
  });
});

Deno.test("save then load restores images, tags and layers in a fresh store", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, {
      tags: ["localhost:5000/app:v1"],
      layers: [{ a: "1" }, { b: "2" }],
    });
    const tar = await bytesOf(saveImages(store, ["localhost:5000/app:v1"]));
    const root = await Deno.makeTempDir({ prefix: "images-" });
    try {
      const fresh = await ImageStore.open(root);
      const result = await loadImages(fresh, ReadableStream.from([tar]));
      assert.deepEqual(result.messages, ["Loaded image: localhost:5000/app:v1"]);
      const loaded = fresh.resolve("localhost:5000/app:v1").image;
      assert.equal(loaded.id, image.id);
      assert.equal(loaded.manifestDigest, image.manifestDigest, "the original manifest is kept");
      assert.deepEqual(loaded.layers, image.layers);
      const again = await loadImages(fresh, ReadableStream.from([tar]));
      assert.equal(again.images[0].image.id, image.id);
      assert.equal(fresh.list().length, 1);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  });
});

Deno.test("loading an untagged image reports its ID", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, {});
    const tar = await bytesOf(saveImages(store, [image.id]));
    await store.deleteImage(image.id);
    const result = await loadImages(store, ReadableStream.from([tar]));
    assert.deepEqual(result.messages, [`Loaded image ID: ${image.id}`]);
  });
});

Deno.test("bad archives fail clearly and leave the store as it was", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { tags: ["keep"] });
    const good = await entriesOf(await bytesOf(saveImages(store, ["keep"])));
    const snapshot = async () => {
      const blobs: string[] = [];
      for await (const digest of store.blobs.digests()) blobs.push(digest);
      return { blobs: blobs.sort(), images: JSON.stringify(listImages(store)) };
    };
    const before = await snapshot();
    const enc = new TextEncoder();
    const cases: [string, [string, Uint8Array][], RegExp][] = [
      ["a ../ entry", [["../evil", enc.encode("x")], ...good], /escapes the archive/],
      ["an absolute entry", [["/etc/passwd", enc.encode("x")]], /absolute entry/],
      [
        "a blob whose name is not its digest",
        [[`blobs/sha256/${"0".repeat(64)}`, enc.encode("not that")], ...good],
        /verification failed/,
      ],
      [
        "a layer the manifest names but the archive lacks",
        [...good].filter(([name]) => !name.endsWith(image.layers[0].digest.slice(7))),
        /is referenced but not in the archive/,
      ],
      ["no manifest at all", [["hello.txt", enc.encode("hi")]], /neither manifest.json/],
      ["a manifest.json that is not JSON", [["manifest.json", enc.encode("{")]], /not JSON/],
    ];
    for (const [what, entries, error] of cases) {
      await assert.rejects(
        loadImages(store, ReadableStream.from([await tarOfEntries(entries)])),
        error,
        what,
      );
      assert.deepEqual(await snapshot(), before, what);
    }
    const full = await tarOfEntries([...good]);
    for (const length of [Math.floor(full.length / 2), Math.floor(full.length / 3)]) {
      await assert.rejects(
        loadImages(store, ReadableStream.from([full.slice(0, length)])),
        { name: "InvalidParameter" },
        `truncated at ${length}`,
      );
      assert.deepEqual(await snapshot(), before);
    }
  });
});
