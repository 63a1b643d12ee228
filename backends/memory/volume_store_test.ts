import assert from "node:assert/strict";
import { InvalidParameter, NotFound, NotImplemented } from "../core/errors.ts";
import { ANONYMOUS_VOLUME_LABEL } from "../core/protocol_volumes.ts";
import { VolumeStore } from "./volume_store.ts";

Deno.test("volumes live on disk and are found again by a new store", async () => {
  const root = await Deno.makeTempDir();
  try {
    const store = await VolumeStore.open(root);
    const { volume, created } = await store.create({ Name: "data", Labels: { a: "b" } });
    assert.equal(created, true);
    assert.equal(volume.Mountpoint, `${await Deno.realPath(root)}/volumes/data/_data`);
    await Deno.writeTextFile(`${volume.Mountpoint}/f`, "12345");
    assert.equal((await store.create({ Name: "data" })).created, false);
    const anon = (await store.create({})).volume;
    assert.match(anon.Name, /^[0-9a-f]{64}$/);
    assert.equal(anon.Labels[ANONYMOUS_VOLUME_LABEL], "");

    const again = await VolumeStore.open(root);
    assert.deepEqual(again.all().map((v) => v.Name).sort(), [anon.Name, "data"].sort());
    assert.deepEqual(again.get("data").Labels, { a: "b" });
    assert.equal(await again.size("data"), 5);
    await again.remove("data");
    assert.throws(() => again.get("data"), NotFound);
    await assert.rejects(Deno.stat(`${root}/volumes/data`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("volume names, drivers and options are checked", async () => {
  const root = await Deno.makeTempDir();
  try {
    const store = await VolumeStore.open(root);
    await assert.rejects(store.create({ Name: "a/b" }), InvalidParameter);
    await assert.rejects(store.create({ Name: "x" }), InvalidParameter);
    await assert.rejects(store.create({ Name: "ok", Driver: "nfs" }), NotFound);
    await assert.rejects(
      store.create({ Name: "ok", DriverOpts: { type: "nfs" } }),
      NotImplemented,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
