import assert from "node:assert/strict";
import { type ImageUser, removeImage } from "./remove.ts";
import { addTestImage, withTempStore } from "./test_utils.ts";

const unused = () => [];
const usedBy = (users: ImageUser[]) => () => users;

Deno.test("removing the only tag untags and deletes the image and its layers", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { tags: ["app"] });
    const records = await removeImage(store, "app", { usage: unused });
    assert.deepEqual(records, [
      { Untagged: "app:latest" },
      { Deleted: image.id },
      { Deleted: image.layers[0].diffId },
    ]);
    assert.equal(store.get(image.id), undefined);
    assert.equal(await store.blobs.has(image.layers[0].digest), false);
  });
});

Deno.test("removing one of several tags only untags", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { tags: ["app:1", "app:2"] });
    assert.deepEqual(await removeImage(store, "app:1", { usage: unused }), [{ Untagged: "app:1" }]);
    assert.deepEqual(store.get(image.id)!.repoTags, ["docker.io/library/app:2"]);
  });
});

Deno.test("by ID, an image tagged in several repositories needs force", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { tags: ["one", "two"] });
    await assert.rejects(removeImage(store, image.id.slice(7, 19), { usage: unused }), {
      name: "Conflict",
      message: `conflict: unable to delete ${image.id.slice(7, 19)} (must be forced) - image is ` +
        "referenced in multiple repositories",
    });
    const records = await removeImage(store, image.id, { force: true, usage: unused });
    assert.deepEqual(records.slice(0, 3), [
      { Untagged: "one:latest" },
      { Untagged: "two:latest" },
      { Deleted: image.id },
    ]);
  });
});

Deno.test("by ID, a single tag is untagged and the image deleted", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { tags: ["solo"] });
    const records = await removeImage(store, image.id, { usage: unused });
    assert.deepEqual(records.slice(0, 2), [{ Untagged: "solo:latest" }, { Deleted: image.id }]);
  });
});

Deno.test("a running container blocks removal even with force", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { tags: ["app"] });
    const usage = usedBy([{ id: "c".repeat(64), running: true }]);
    await assert.rejects(removeImage(store, "app", { usage }), {
      name: "Conflict",
      message: `conflict: unable to remove repository reference "app" (must force) - container ` +
        `cccccccccccc is using its referenced image ${image.id.slice(7, 19)}`,
    });
    await assert.rejects(removeImage(store, image.id, { usage, force: true }), {
      name: "Conflict",
      message:
        `conflict: unable to delete ${image.id.slice(7, 19)} (cannot be forced) - image is ` +
        "being used by running container cccccccccccc",
    });
    assert.ok(store.get(image.id));
  });
});

Deno.test("a stopped container blocks removal unless forced, as in moby", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { tags: ["app"] });
    const usage = usedBy([{ id: "d".repeat(64), running: false }]);
    await assert.rejects(
      removeImage(store, image.id, { usage }),
      /must be forced\) - image is being used by stopped container dddddddddddd/,
    );
    await assert.rejects(removeImage(store, "app", { usage }), /container dddddddddddd is using/);
    const records = await removeImage(store, "app", { usage, force: true });
    assert.deepEqual(records.slice(0, 2), [{ Untagged: "app:latest" }, { Deleted: image.id }]);
    assert.equal(store.get(image.id), undefined);
  });
});

Deno.test("untagging the last tag of a repository also drops its digest references", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { tags: ["localhost:5000/app:v1", "other"] });
    await store.put(store.get(image.id)!, {
      digests: [{ domain: "localhost:5000", path: "app", digest: image.manifestDigest }],
    });
    const records = await removeImage(store, "localhost:5000/app:v1", { usage: unused });
    assert.deepEqual(records, [
      { Untagged: "localhost:5000/app:v1" },
      { Untagged: `localhost:5000/app@${image.manifestDigest}` },
    ]);
    assert.deepEqual(store.get(image.id)!.repoDigests, []);
  });
});

Deno.test("an unknown image is NotFound", async () => {
  await withTempStore(async (store) => {
    await assert.rejects(removeImage(store, "ghost", { usage: unused }), { name: "NotFound" });
  });
});
