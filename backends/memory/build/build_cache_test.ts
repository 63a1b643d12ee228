import assert from "node:assert/strict";
import { BuildCache, stepKey } from "./build_cache.ts";

Deno.test("steps round-trip with and without a layer, and prune empties the cache", async () => {
  const dir = await Deno.makeTempDir({ prefix: "build-cache-" });
  try {
    const cache = new BuildCache(`${dir}/cache`);
    const run = stepKey("parent", 'RUN ["true"]');
    const env = stepKey(run, "ENV A=1");
    assert.notEqual(run, env);
    assert.equal(await cache.get(run), undefined);
    const layer = new Uint8Array([1, 2, 3]);
    await cache.put(run, { config: { Cmd: ["sh"] }, history: { created_by: "true" }, layer });
    await cache.put(env, { config: { Env: ["A=1"] }, history: { empty_layer: true } });
    assert.deepEqual((await cache.get(run))?.layer, layer);
    assert.deepEqual((await cache.get(env))?.config, { Env: ["A=1"] });
    assert.equal((await cache.get(env))?.layer, undefined);
    const { keys, bytes } = await cache.prune();
    assert.deepEqual(keys.sort(), [run, env].sort());
    assert.ok(bytes > layer.length);
    assert.equal(await cache.get(run), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an entry whose layer file is gone is a miss, not an error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "build-cache-" });
  try {
    const cache = new BuildCache(dir);
    const key = stepKey("", "COPY a /");
    await cache.put(key, { config: {}, history: {}, layer: new Uint8Array([9]) });
    await Deno.remove(`${dir}/${key.slice(7)}.tar`);
    assert.equal(await cache.get(key), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
