import assert from "node:assert/strict";
import { WorkerPool } from "./pool.ts";
import { spawn } from "./spawn.ts";
import { collectDeadLetters, testActor } from "./test_utils.ts";
import type { BackendMsg } from "./testdata/backend.ts";
import type { LifecycleNote } from "./testdata/lifecycle.ts";

// Creating a nested Worker loads its module graph with the parent Worker's rights.
const sources = [new URL("./", import.meta.url), new URL("../backends/core/", import.meta.url)]
  .map((url) => url.pathname);

Deno.test("an actor supervises children in nested Workers and stops them with itself", async () => {
  using pool = new WorkerPool();
  const notes: string[] = [];
  let heard = Promise.withResolvers<void>();
  const until = async (note: string) => {
    while (!notes.includes(note)) await heard.promise;
  };
  const ref = await spawn<BackendMsg>({
    module: testActor("backend"),
    args: { labels: ["a", "b"] },
    permissions: { read: sources },
    pool,
    onMessage: (msg) => {
      notes.push(`${(msg as LifecycleNote).type} ${(msg as LifecycleNote).label}`);
      heard.resolve();
      heard = Promise.withResolvers();
    },
  });
  await until("started b");
  assert.deepEqual(notes, ["started a", "started b"]);
  assert.equal(await ref.ask({ type: "ping-child", label: "b" }), "pong");

  ref.tell({ type: "crash-child", label: "a" });
  await until("restarted a");
  assert.equal(await ref.ask({ type: "ping-child", label: "a" }), "pong");
  assert.deepEqual(notes.toSorted(), ["restarted a", "started a", "started a", "started b"]);

  // The children's last notes reach the backend while it is stopping, so it cannot handle them:
  // they come back as dead letters, in the order the children stopped.
  await collectDeadLetters(async (letters) => {
    assert.deepEqual(await ref.stop(), { kind: "normal" });
    assert.deepEqual(letters.map((letter) => [letter.reason, letter.message]), [
      ["undelivered", { type: "stopped", label: "b" }],
      ["undelivered", { type: "stopped", label: "a" }],
    ]);
  });
});

// Deno prints the nested Worker's "Requires read access" error to stderr even though it is
// handled (it becomes the spawn's ActorStartFailed); that output is expected.
Deno.test("an actor with permissions none cannot start children", async () => {
  using pool = new WorkerPool();
  const error = await spawn<BackendMsg>({
    module: testActor("backend"),
    args: { labels: ["a"] },
    permissions: "none",
    pool,
  }).catch((error) => error);
  assert.match(String(error.cause), /NotCapable|read access/);
});
