import assert from "node:assert/strict";
import { ImageStore } from "./image_store.ts";
import { addTestImage, withTempStore } from "./test_utils.ts";

Deno.test("images are found by name, full ID, short ID and name@digest", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { tags: ["alpine", "localhost:5000/x/y:v1"] });
    assert.deepEqual(image.repoTags, ["docker.io/library/alpine:latest", "localhost:5000/x/y:v1"]);
    assert.equal(store.resolve("alpine").image.id, image.id);
    assert.equal(store.resolve("docker.io/library/alpine:latest").image.id, image.id);
    assert.equal(store.resolve(image.id).image.id, image.id);
    assert.equal(store.resolve(image.id.slice(7)).image.id, image.id);
    assert.equal(store.resolve(image.id.slice(7, 19)).image.id, image.id);
    assert.equal(store.resolve(`alpine@${image.id}`).image.id, image.id);
    assert.equal(store.resolve("localhost:5000/x/y:v1").reference?.tag, "v1");
    assert.throws(() => store.resolve("busybox"), {
      name: "NotFound",
      message: "No such image: busybox",
    });
    assert.throws(() => store.resolve("alpine:3"), { name: "NotFound" });
  });
});

Deno.test("the index survives a restart", async () => {
  await withTempStore(async (store, root) => {
    const image = await addTestImage(store, { tags: ["app:1"] });
    const reopened = await ImageStore.open(root);
    assert.deepEqual(reopened.resolve("app:1").image, store.get(image.id));
  });
});

Deno.test("tagging moves a tag off the image that had it, leaving that one dangling", async () => {
  await withTempStore(async (store) => {
    const old = await addTestImage(store, { tags: ["app"], layers: [{ a: "1" }] });
    const fresh = await addTestImage(store, { layers: [{ a: "2" }] });
    await store.tag(fresh.id, "app");
    assert.deepEqual(store.get(old.id)!.repoTags, []);
    assert.deepEqual(store.get(fresh.id)!.repoTags, ["docker.io/library/app:latest"]);
    await assert.rejects(store.tag(fresh.id, `app@${fresh.id}`), { name: "InvalidParameter" });
    await assert.rejects(store.tag("nope", "x"), { name: "NotFound" });
  });
});

Deno.test("an ambiguous ID prefix is an error, not a guess", async () => {
  await withTempStore(async (store) => {
    const ids = [];
    for (let i = 0; i < 20; i++) {
      ids.push((await addTestImage(store, { layers: [{ n: `${i}` }] })).id);
    }
    const first = ids[0].slice(7, 8);
    const sharing = ids.filter((id) => id.slice(7, 8) === first);
    if (sharing.length > 1) assert.throws(() => store.resolve(first), /ambiguous/);
    else assert.equal(store.resolve(first).image.id, ids[0]);
  });
});

Deno.test("deleting an image keeps blobs another image shares", async () => {
  await withTempStore(async (store) => {
    const a = await addTestImage(store, { layers: [{ shared: "s" }, { own: "a" }] });
    const b = await addTestImage(store, { layers: [{ shared: "s" }, { own: "b" }] });
    const deleted = await store.deleteImage(a.id);
    assert.equal(deleted.includes(a.layers[0].digest), false);
    assert.equal(deleted.includes(a.layers[1].digest), true);
    assert.equal(await store.blobs.has(b.layers[0].digest), true);
    assert.equal(await store.blobs.has(a.id), false);
  });
});

Deno.test("leased blobs survive garbage collection until released", async () => {
  await withTempStore(async (store) => {
    const { digest } = await store.blobs.putBytes(new TextEncoder().encode("in flight"));
    const release = store.lease([digest]);
    assert.deepEqual(await store.collectGarbage([digest]), []);
    release();
    assert.deepEqual(await store.collectGarbage([digest]), [digest]);
  });
});

Deno.test("reopening deletes blobs no image references (an interrupted pull's leftovers)", async () => {
  await withTempStore(async (store, root) => {
    const image = await addTestImage(store, { tags: ["kept"] });
    const { digest } = await store.blobs.putBytes(new TextEncoder().encode("orphan"));
    const reopened = await ImageStore.open(root);
    assert.equal(await reopened.blobs.has(digest), false);
    for (const layer of image.layers) assert.equal(await reopened.blobs.has(layer.digest), true);
    assert.equal(await reopened.blobs.has(image.id), true);
  });
});
