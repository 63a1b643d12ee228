import assert from "node:assert/strict";
import { NotFound } from "../backends/core/errors.ts";
import type { ExitReason } from "./actor_ref.ts";
import { ActorCrashed, ActorStartFailed } from "./errors.ts";
import { WorkerPool } from "./pool.ts";
import { spawn } from "./spawn.ts";
import { testActor } from "./test_utils.ts";
import type { CrashyMsg } from "./testdata/crashy.ts";

const crashy = testActor("crashy");

function crashMessage(exit: ExitReason): string {
  assert.equal(exit.kind, "crashed");
  return exit.kind === "crashed" ? exit.error.message : "";
}

Deno.test("a throw while handling a tell crashes the actor, not this thread", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CrashyMsg>({ module: crashy, permissions: "none", pool });
  ref.tell({ type: "throw" });
  assert.equal(crashMessage(await ref.exited), "boom in receive");
  assert.equal(pool.stats().discarded, 1, "a crashed Worker is discarded");
});

Deno.test("an error thrown from a timer inside the actor is reported as a crash", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CrashyMsg>({ module: crashy, permissions: "none", pool });
  assert.equal(await ref.ask({ type: "throw-later" }), "scheduled");
  assert.match(crashMessage(await ref.exited), /boom in a timer/);
});

Deno.test("an unhandled rejection inside the actor is reported as a crash", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CrashyMsg>({ module: crashy, permissions: "none", pool });
  ref.tell({ type: "reject-later" });
  assert.match(crashMessage(await ref.exited), /boom in a promise/);
});

Deno.test("asks waiting on an actor that crashes reject with ActorCrashed", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CrashyMsg>({ module: crashy, permissions: "none", pool });
  const slow = ref.ask({ type: "slow", ms: 50 });
  ref.tell({ type: "throw" });
  const queued = ref.ask({ type: "ping" });
  assert.equal(await slow, "slept");
  const error = await queued.catch((error) => error);
  assert.ok(error instanceof ActorCrashed);
  assert.equal((error.cause as Error).message, "boom in receive");
});

Deno.test("a throw in start rejects spawn with ActorStartFailed and the typed cause", async () => {
  using pool = new WorkerPool();
  const error = await spawn<CrashyMsg>({
    module: crashy,
    args: { failStart: true },
    permissions: "none",
    pool,
  }).catch((error) => error);
  assert.ok(error instanceof ActorStartFailed);
  assert.ok(error.cause instanceof NotFound);
  assert.equal(error.cause.message, "no such image: missing:latest");
  assert.deepEqual(pool.stats(), { created: 1, reused: 0, discarded: 1, idle: 0 });
});

Deno.test("a start that never returns is killed after startTimeoutMs and spawn rejects", async () => {
  using pool = new WorkerPool();
  const error = await spawn<CrashyMsg>({
    module: crashy,
    args: { hangStart: true },
    permissions: "none",
    pool,
    startTimeoutMs: 50,
  }).catch((error) => error);
  assert.ok(error instanceof ActorStartFailed);
  assert.match(error.message, /did not start within 50 ms/);
  assert.equal(pool.stats().discarded, 1);
});

// Deno itself prints this Worker's load error ("Cannot find module", "Uncaught (in worker …)") to
// stderr even though the runtime handles it; that output is expected.
Deno.test("a module that does not exist fails spawn loudly, naming the module", async () => {
  using pool = new WorkerPool();
  const module = new URL("./testdata/no_such_actor.ts", import.meta.url);
  const error = await spawn({ module, permissions: "none", pool }).catch((error) => error);
  assert.ok(error instanceof ActorStartFailed);
  assert.match(error.message, /no_such_actor\.ts/);
});

Deno.test("a throw in stop ends the actor as crashed", async () => {
  using pool = new WorkerPool();
  const ref = await spawn<CrashyMsg>({ module: crashy, permissions: "none", pool });
  await ref.ask({ type: "fail-stop" });
  assert.equal(crashMessage(await ref.stop()), "boom in stop");
});
