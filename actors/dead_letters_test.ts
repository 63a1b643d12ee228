import assert from "node:assert/strict";
import { ActorStopped } from "./errors.ts";
import { WorkerPool } from "./pool.ts";
import { spawn } from "./spawn.ts";
import { collectDeadLetters, testActor } from "./test_utils.ts";
import type { CounterMsg } from "./testdata/counter.ts";
import type { CrashyMsg } from "./testdata/crashy.ts";

Deno.test("tell and ask to a stopped actor become dead letters; the ask rejects at once", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CounterMsg>({
    module: testActor("counter"),
    args: { from: 0 },
    permissions: "none",
    pool,
  });
  await ref.stop();
  await collectDeadLetters(async (letters) => {
    ref.tell({ type: "add", n: 1 });
    await assert.rejects(ref.ask({ type: "get" }, { timeoutMs: Infinity }), ActorStopped);
    assert.deepEqual(letters, [
      { recipient: ref.id, message: { type: "add", n: 1 }, reason: "stopped" },
      { recipient: ref.id, message: { type: "get" }, reason: "stopped" },
    ]);
  });
});

Deno.test("tells still queued when an actor stops come back as undelivered dead letters", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CrashyMsg>({ module: testActor("crashy"), permissions: "none", pool });
  await collectDeadLetters(async (letters) => {
    const slow = ref.ask({ type: "slow", ms: 50 });
    ref.tell({ type: "ping" });
    const queuedAsk = ref.ask({ type: "ping" }).catch((error) => error);
    // Give the messages time to reach the Worker's mailbox before the stop request.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const exit = ref.stop();
    assert.equal(await slow, "slept", "the message being handled finishes");
    assert.ok(await queuedAsk instanceof ActorStopped, "a queued ask is refused, not left waiting");
    assert.deepEqual(await exit, { kind: "normal" });
    assert.deepEqual(letters, [{
      recipient: ref.id,
      message: { type: "ping" },
      reason: "undelivered",
    }]);
  });
});

Deno.test("a tell to a crashed actor is a dead letter with reason crashed", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CrashyMsg>({ module: testActor("crashy"), permissions: "none", pool });
  ref.tell({ type: "throw" });
  await ref.exited;
  await collectDeadLetters((letters) => {
    ref.tell({ type: "ping" });
    assert.deepEqual(letters, [{
      recipient: ref.id,
      message: { type: "ping" },
      reason: "crashed",
    }]);
  });
});

Deno.test("a message to the parent with no onMessage handler is a dead letter", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CounterMsg>({
    module: testActor("counter"),
    args: { from: 2 },
    permissions: "none",
    pool,
  });
  await collectDeadLetters(async (letters) => {
    await ref.ask({ type: "notify-parent", note: "anyone?" });
    assert.equal(letters.length, 1);
    assert.equal(letters[0].reason, "no-parent-handler");
    assert.deepEqual(letters[0].message, { type: "note", note: "anyone?", total: 2 });
  });
  await ref.stop();
});
