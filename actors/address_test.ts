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
  await relay.ask({ type: "tell-via", to: addressOf(counter), n: 1 });
  assert.equal(await counter.ask({ type: "get" }), 16);

  // After the counter stops, what reaches its address becomes a dead letter on the owner's side.
  const address = addressOf(counter);
  await counter.stop();
  await collectDeadLetters(async (letters) => {
    await relay.ask({ type: "tell-via", to: address, n: 1 });
    await relay.ask({ type: "tell-via", to: addressOf(counter), n: 2 });
    // The relay's tells are fire-and-forget; an ask through the same path orders after them.
    await assert.rejects(
      relay.ask({ type: "add-via", to: addressOf(counter), n: 3 }),
      ActorStopped,
    );
    const messages = letters.map((letter) => letter.message as { n: number });
    assert.deepEqual(messages.toSorted((a, b) => a.n - b.n), [
      { type: "add", n: 1 },
      { type: "add", n: 2 },
      { type: "add", n: 3 },
    ]);
  });
  await relay.stop();
});
