import assert from "node:assert/strict";
import { listImages } from "./list.ts";
import { addTestImage, withTempStore } from "./test_utils.ts";

Deno.test("images list newest first with familiar names and uncompressed sizes", async () => {
  await withTempStore(async (store) => {
    const old = await addTestImage(store, { tags: ["busybox"], created: "2020-01-01T00:00:00Z" });
    const fresh = await addTestImage(store, {
      tags: ["localhost:5000/app:v1"],
      created: "2024-06-01T00:00:00Z",
      labels: { tier: "web" },
      layers: [{ a: "1" }],
    });
    const list = listImages(store);
    assert.deepEqual(list.map((s) => s.Id), [fresh.id, old.id]);
    assert.deepEqual(list[0].RepoTags, ["localhost:5000/app:v1"]);
    assert.equal(list[0].Created, Date.parse("2024-06-01T00:00:00Z") / 1000);
    assert.equal(list[0].Size, fresh.layers[0].uncompressedSize);
    assert.deepEqual(list[0].Labels, { tier: "web" });
    assert.deepEqual(list[1].Labels, {});
  });
});

Deno.test("filters: dangling, label, reference, before, since", async () => {
  await withTempStore(async (store) => {
    const a = await addTestImage(store, {
      tags: ["busybox:1"],
      created: "2020-01-01T00:00:00Z",
      layers: [{ a: "" }],
    });
    const b = await addTestImage(store, {
      tags: ["localhost:5000/team/app:v2"],
      created: "2021-01-01T00:00:00Z",
      labels: { tier: "web", env: "prod" },
      layers: [{ b: "" }],
    });
    const c = await addTestImage(store, { created: "2022-01-01T00:00:00Z", layers: [{ c: "" }] });
    const ids = (filters: Record<string, string[]>) => listImages(store, filters).map((s) => s.Id);
    assert.deepEqual(ids({ dangling: ["true"] }), [c.id]);
    assert.deepEqual(ids({ dangling: ["false"] }), [b.id, a.id]);
    assert.deepEqual(ids({ label: ["tier"] }), [b.id]);
    assert.deepEqual(ids({ label: ["tier=web", "env=prod"] }), [b.id]);
    assert.deepEqual(ids({ label: ["tier=db"] }), []);
    assert.deepEqual(ids({ reference: ["busy*"] }), [a.id]);
    assert.deepEqual(ids({ reference: ["busybox:1"] }), [a.id]);
    assert.deepEqual(ids({ reference: ["*"] }), [a.id], "`*` does not cross the registry's `/`");
    assert.deepEqual(ids({ reference: ["localhost:5000/*/app"] }), [b.id]);
    assert.deepEqual(ids({ before: ["localhost:5000/team/app:v2"] }), [a.id]);
    assert.deepEqual(ids({ since: ["busybox:1"] }), [c.id, b.id]);
    assert.throws(() => ids({ reference: ["[x-"] }), { name: "InvalidParameter" });
    assert.throws(() => ids({ colour: ["red"] }), {
      name: "InvalidParameter",
      message: "invalid filter 'colour'",
    });
    assert.throws(() => ids({ dangling: ["maybe"] }), { name: "InvalidParameter" });
    assert.throws(() => ids({ since: ["nothing"] }), { name: "NotFound" });
  });
});
