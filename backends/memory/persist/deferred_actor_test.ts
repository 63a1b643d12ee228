import assert from "node:assert/strict";
import type { ActorRef } from "../../../actors/mod.ts";
import type { ContainerMsg } from "../container/protocol.ts";
import { DeferredContainerActor } from "./deferred_actor.ts";

/** A recording actor standing in for a spawned Worker in this unit test only. */
function recorder(log: string[]) {
  const exit = Promise.withResolvers<{ kind: "normal" }>();
  return {
    exited: exit.promise,
    tell: (msg: ContainerMsg) => log.push(`tell ${msg.type}`),
    ask: (msg: ContainerMsg) => {
      log.push(`ask ${msg.type}`);
      return Promise.resolve(msg.type);
    },
    stop: () => (exit.resolve({ kind: "normal" }), exit.promise),
  } as unknown as ActorRef<ContainerMsg>;
}

Deno.test("setup messages wait; the first real message spawns and replays them in order", async () => {
  const log: string[] = [];
  let spawns = 0;
  const actor = new DeferredContainerActor("a".repeat(64), () => {
    spawns++;
    return Promise.resolve(recorder(log));
  });
  actor.tell({ type: "net", port: new MessageChannel().port1 });
  assert.equal(await actor.ask({ type: "mount", mounts: [] }), undefined);
  assert.equal(spawns, 0);
  assert.equal(actor.spawned, false);
  assert.equal(await actor.ask({ type: "size" }), "size");
  assert.equal(await actor.ask({ type: "changes" }), "changes");
  assert.equal(spawns, 1);
  assert.deepEqual(log, ["tell net", "ask mount", "ask size", "ask changes"]);
  assert.deepEqual(await actor.stop(), { kind: "normal" });
});

Deno.test("stopping an unspawned actor never spawns it and later asks fail", async () => {
  let spawns = 0;
  const actor = new DeferredContainerActor("b".repeat(64), () => {
    spawns++;
    return Promise.resolve(recorder([]));
  });
  assert.deepEqual(await actor.stop(), { kind: "normal" });
  await assert.rejects(actor.ask({ type: "size" }), /actor was stopped/);
  assert.equal(spawns, 0);
});

Deno.test("a failed spawn fails the message that needed the actor, naming why", async () => {
  const actor = new DeferredContainerActor("c".repeat(64), () => {
    return Promise.reject(new Error("image sha256:x is gone"));
  });
  await assert.rejects(actor.ask({ type: "size" }), /image sha256:x is gone/);
});
