import assert from "node:assert/strict";
import { WorkerPool } from "../../../actors/mod.ts";
import { NotFound } from "../../core/errors.ts";
import { builtinRootLayer } from "./root_layer.ts";
import { ask, run, startContainer } from "./test_utils.ts";

Deno.test("root layer: built once per Worker and shared", async () => {
  const first = await builtinRootLayer();
  assert.equal(await builtinRootLayer(), first);
  assert.ok(first.root.entries.has("bin"));
});

Deno.test("root layer: a reused Worker's second container shares it but not the first's writes", async () => {
  using pool = new WorkerPool({ maxIdle: 1 });
  const a = await startContainer({ pool });
  const built = await ask(a, { type: "archive-stat", path: "/etc/passwd" });
  const write = await run(a, ["sh", "-c", "echo mine > /tmp/a-only"]);
  assert.equal(await write.status, 0);
  await a.stop();
  const b = await startContainer({ pool });
  try {
    assert.equal(pool.stats().reused, 1, "the second container runs in the first one's Worker");
    // A rebuilt layer would carry the time of the second build.
    assert.equal((await ask(b, { type: "archive-stat", path: "/etc/passwd" })).mtime, built.mtime);
    await assert.rejects(ask(b, { type: "archive-stat", path: "/tmp/a-only" }), NotFound);
  } finally {
    await b.stop();
  }
});
