import assert from "node:assert/strict";
import { parseUntil, pruneImages } from "./prune.ts";
import { addTestImage, withTempStore } from "./test_utils.ts";

Deno.test("prune removes dangling images only, unless dangling=false", async () => {
  await withTempStore(async (store) => {
    const tagged = await addTestImage(store, { tags: ["keep"], layers: [{ a: "1" }] });
    const loose = await addTestImage(store, { layers: [{ b: "22" }] });
    const report = await pruneImages(store, {}, () => []);
    assert.deepEqual(report.ImagesDeleted?.[0], { Deleted: loose.id });
    assert.equal(report.SpaceReclaimed, loose.layers[0].uncompressedSize);
    assert.ok(store.get(tagged.id));
    assert.deepEqual(await pruneImages(store, {}, () => []), {
      ImagesDeleted: null,
      SpaceReclaimed: 0,
    });
    const all = await pruneImages(store, { dangling: ["false"] }, () => []);
    assert.deepEqual(all.ImagesDeleted?.slice(0, 2), [{ Untagged: "keep:latest" }, {
      Deleted: tagged.id,
    }]);
    assert.deepEqual(store.list(), []);
  });
});

Deno.test("prune skips images in use and honours label and until", async () => {
  await withTempStore(async (store) => {
    const used = await addTestImage(store, { layers: [{ a: "1" }] });
    const old = await addTestImage(store, {
      layers: [{ b: "2" }],
      created: "2001-01-01T00:00:00Z",
      labels: { x: "y" },
    });
    const fresh = await addTestImage(store, {
      layers: [{ c: "3" }],
      created: "2030-01-01T00:00:00Z",
    });
    const usage = (id: string) => id === used.id ? [{ id: "c".repeat(64), running: false }] : [];
    const report = await pruneImages(
      store,
      { until: ["2010-01-01T00:00:00Z"], label: ["x=y"] },
      usage,
    );
    assert.deepEqual(report.ImagesDeleted?.map((i) => "Deleted" in i && i.Deleted)[0], old.id);
    assert.ok(store.get(fresh.id));
    await pruneImages(store, { "label!": ["x"] }, usage);
    assert.ok(store.get(used.id), "in use: kept");
    assert.equal(store.get(fresh.id), undefined);
    await assert.rejects(pruneImages(store, { reference: ["x"] }, usage), {
      name: "InvalidParameter",
    });
  });
});

Deno.test("until accepts timestamps, RFC 3339 and Go durations", () => {
  assert.equal(parseUntil("1700000000"), 1_700_000_000_000);
  assert.equal(parseUntil("2024-01-01T00:00:00Z"), Date.parse("2024-01-01T00:00:00Z"));
  assert.equal(parseUntil("1h30m", 10_000_000), 10_000_000 - 5_400_000);
  assert.throws(() => parseUntil("yesterday"), { name: "InvalidParameter" });
});
