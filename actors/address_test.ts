import assert from "node:assert/strict";
import { addressOf } from "./address.ts";
import { ActorStopped } from "./errors.ts";
import { WorkerPool } from "./pool.ts";
import { spawn } from "./spawn.ts";
import { collectDeadLetters, testActor } from "./test_utils.ts";
import type { CounterMsg } from "./testdata/counter.ts";
import type { RelayMsg } from "./testdata/relay.ts";

Deno.test("an actor tells and asks another actor through an address sent in a message", async () => {
  using pool = new WorkerPool();
  const counter = await spawn<CounterMsg>({
    module: testActor("counter"),
    args: { from: 10 },
    permissions: "none",
    pool,
  });
  const relay = await spawn<RelayMsg>({ module: testActor("relay"), permissions: "none", pool });
  assert.equal(await relay.ask({ type: "add-via", to: addressOf(counter), n: 5 }), 15);
  assert.equal(await relay.ask({ type: "tell-then-get", to: addressOf(counter), n: 1 }), 16);
  assert.equal(await counter.ask({ type: "get" }), 16);
  await counter.stop();
  await relay.stop();
});

Deno.test("what reaches the address of an ended actor is a dead letter on the owner's side", async () => {
  using pool = new WorkerPool();
  const counter = await spawn<CounterMsg>({
    module: testActor("counter"),
    args: { from: 0 },
    permissions: "none",
    pool,
  });
  const relay = await spawn<RelayMsg>({ module: testActor("relay"), permissions: "none", pool });
  const madeBeforeStop = addressOf(counter);
  await counter.stop();
  await collectDeadLetters(async (letters) => {
    await assert.rejects(
      relay.ask({ type: "tell-then-get", to: madeBeforeStop, n: 1 }),
      ActorStopped,
    );
    await assert.rejects(
      relay.ask({ type: "tell-then-get", to: addressOf(counter), n: 2 }),
      ActorStopped,
    );
    assert.deepEqual(letters.map((letter) => [letter.reason, letter.message]), [
      ["stopped", { type: "add", n: 1 }],
      ["stopped", { type: "get" }],
      ["stopped", { type: "add", n: 2 }],
      ["stopped", { type: "get" }],
    ]);
  });
  await relay.stop();
});
