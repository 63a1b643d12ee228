import assert from "node:assert/strict";
import { Conflict, NotFound } from "../backends/core/errors.ts";
import { ActorStopped, AskTimeout } from "./errors.ts";
import { WorkerPool } from "./pool.ts";
import { spawn } from "./spawn.ts";
import { testActor } from "./test_utils.ts";
import type { CounterMsg } from "./testdata/counter.ts";

const counter = testActor("counter");

Deno.test("tell and ask reach the actor's receive in order and keep its state", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CounterMsg>({
    module: counter,
    args: { from: 5 },
    permissions: "none",
    pool,
  });
  ref.tell({ type: "add", n: 2 });
  ref.tell({ type: "add", n: 3 });
  assert.equal(await ref.ask<number>({ type: "get" }), 10);
  assert.equal(await ref.ask<number>({ type: "add", n: 1 }), 11);
  assert.deepEqual(await ref.stop(), { kind: "normal" });
});

Deno.test("an actor's typed errors come back as the same classes and the actor keeps running", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CounterMsg>({
    module: counter,
    args: { from: 0 },
    permissions: "none",
    pool,
  });
  const missing = await ref.ask({ type: "missing", what: "abc" }).catch((error) => error);
  assert.ok(missing instanceof NotFound);
  assert.equal(missing.status, 404);
  assert.equal(missing.message, "no such thing: abc");
  await assert.rejects(ref.ask({ type: "conflict" }), Conflict);
  assert.equal(await ref.ask({ type: "get" }), 0);
  await ref.stop();
});

Deno.test("an ask past its deadline rejects with AskTimeout; a hung actor is killed on stop", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CounterMsg>({
    module: counter,
    args: { from: 0 },
    permissions: "none",
    pool,
    stopTimeoutMs: 100,
  });
  const timedOut = await ref.ask({ type: "hang" }, { timeoutMs: 30 }).catch((error) => error);
  assert.ok(timedOut instanceof AskTimeout);
  assert.equal(timedOut.timeoutMs, 30);
  const exit = await ref.stop();
  assert.equal(exit.kind, "killed");
  assert.equal(pool.stats().discarded, 1, "a killed actor's Worker is not reused");
});

Deno.test("an ask rejects with the caller's abort reason when its signal aborts", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CounterMsg>({
    module: counter,
    args: { from: 0 },
    permissions: "none",
    pool,
  });
  const controller = new AbortController();
  const pending = ref.ask({ type: "hang" }, { signal: controller.signal });
  controller.abort(new Error("client went away"));
  await assert.rejects(pending, { message: "client went away" });
  await ref.kill();
});

Deno.test("a reply that cannot be cloned answers the ask with an error", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CounterMsg>({
    module: counter,
    args: { from: 0 },
    permissions: "none",
    pool,
  });
  await assert.rejects(ref.ask({ type: "uncloneable" }), { name: "DataCloneError" });
  assert.equal(await ref.ask({ type: "get" }), 0);
  await ref.stop();
});

Deno.test("an actor can stop itself and tell its parent", async () => {
  using pool = new WorkerPool();
  const heard: unknown[] = [];
  const ref = await spawn<CounterMsg>({
    module: counter,
    args: { from: 4 },
    permissions: "none",
    pool,
    onMessage: (msg) => heard.push(msg),
  });
  await ref.ask({ type: "notify-parent", note: "hello" });
  assert.deepEqual(heard, [{ type: "note", note: "hello", total: 4 }]);
  assert.equal(await ref.ask({ type: "stop-self" }), "stopping");
  assert.deepEqual(await ref.exited, { kind: "normal" });
  await assert.rejects(ref.ask({ type: "get" }), ActorStopped);
});
