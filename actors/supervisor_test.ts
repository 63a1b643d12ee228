import assert from "node:assert/strict";
import type { ActorRef } from "./actor_ref.ts";
import { ActorStartFailed, RestartIntensityExceeded } from "./errors.ts";
import { WorkerPool } from "./pool.ts";
import { spawn } from "./spawn.ts";
import {
  type ChildSpec,
  Supervisor,
  type SupervisorEvent,
  type SupervisorEventDetail,
} from "./supervisor.ts";
import {
  fast,
  type Lifecycle,
  next,
  settlesWithin,
  supervisorHarness as harness,
  testActor,
} from "./test_utils.ts";

Deno.test("children start in order and stop in reverse order", async () => {
  using pool = new WorkerPool();
  const { notes, child, start } = harness(pool);
  const supervisor = await start({ children: [child("a"), child("b"), child("c")] });
  assert.deepEqual(notes, ["started a", "started b", "started c"]);
  assert.deepEqual(await supervisor.stop(), { kind: "normal" });
  assert.deepEqual(notes.slice(3), ["stopped c", "stopped b", "stopped a"]);
});

Deno.test("one-for-one restarts only the crashed child", async () => {
  using pool = new WorkerPool();
  const { child, start } = harness(pool);
  const supervisor = await start({ backoff: fast, children: [child("a"), child("b")] });
  const [a, b] = [supervisor.child<Lifecycle>("a")!, supervisor.child<Lifecycle>("b")!];
  const restarted = next(supervisor, "child-started");
  a.tell({ type: "crash" });
  await restarted;
  assert.notEqual(supervisor.child<Lifecycle>("a")!.id, a.id);
  assert.equal(await supervisor.child<Lifecycle>("a")!.ask({ type: "ping" }), "pong");
  assert.equal(supervisor.child("b"), b, "the sibling kept running");
  await supervisor.stop();
});

Deno.test("one-for-all restarts every child when one crashes, in start order", async () => {
  using pool = new WorkerPool();
  const { notes, child, start } = harness(pool);
  const supervisor = await start({
    strategy: "one-for-all",
    backoff: fast,
    children: [child("a"), child("b"), child("c")],
  });
  const b = supervisor.child<Lifecycle>("b")!;
  const restartedLast = new Promise<void>((resolve) =>
    supervisor.addEventListener("child-started", function onStart(event) {
      if ((event as SupervisorEvent).detail.type === "child-started" && supervisor.child("c")) {
        supervisor.removeEventListener("child-started", onStart);
        resolve();
      }
    })
  );
  b.tell({ type: "crash" });
  await restartedLast;
  assert.deepEqual(notes.slice(3), [
    "stopped c",
    "stopped a",
    "started a",
    "started b",
    "started c",
  ]);
  await supervisor.stop();
});

Deno.test("transient children restart after a crash but not after a normal exit", async () => {
  using pool = new WorkerPool();
  const { events, child, start } = harness(pool);
  const supervisor = await start({
    backoff: fast,
    intensity: 5,
    children: [child("t", "transient")],
  });
  const restarted = next(supervisor, "child-started");
  supervisor.child<Lifecycle>("t")!.tell({ type: "crash" });
  await restarted;
  const exited = next(supervisor, "child-exited");
  supervisor.child<Lifecycle>("t")!.tell({ type: "quit" });
  await exited;
  await supervisor.stop();
  assert.deepEqual(events.map((event) => event.type), [
    "child-exited",
    "restart-scheduled",
    "child-exited",
    "shutdown",
  ]);
  assert.equal(supervisor.child("t"), undefined);
});

Deno.test("temporary children are never restarted; permanent ones even after a normal exit", async () => {
  using pool = new WorkerPool();
  const { events, child, start } = harness(pool);
  const supervisor = await start({
    backoff: fast,
    intensity: 5,
    children: [child("temp", "temporary"), child("perm", "permanent")],
  });
  const tempExited = next(supervisor, "child-exited");
  supervisor.child<Lifecycle>("temp")!.tell({ type: "crash" });
  await tempExited;
  const permRestarted = next(supervisor, "child-started");
  supervisor.child<Lifecycle>("perm")!.tell({ type: "quit" });
  await permRestarted;
  assert.equal(supervisor.child("temp"), undefined);
  assert.ok(supervisor.child("perm"));
  assert.deepEqual(
    events.filter((event) => event.type === "restart-scheduled").map((event) => event.id),
    ["perm"],
  );
  await supervisor.stop();
});

Deno.test("a child that fails while restarting is left stopped, not retried", async () => {
  using pool = new WorkerPool();
  const { events, start } = harness(pool);
  let starts = 0;
  const supervisor = await start({
    backoff: fast,
    intensity: 10,
    children: [{
      id: "db",
      start: () =>
        spawn({
          module: testActor("crashy"),
          args: { failStart: ++starts > 1 },
          permissions: "none",
          pool,
        }),
    }],
  });
  const failed = next(supervisor, "child-start-failed");
  supervisor.child<ActorRef<{ type: "throw" }>>("db")!.tell({ type: "throw" });
  await failed;
  // A retry loop would have run many times in this window (backoff is 1-8 ms).
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(starts, 2);
  assert.equal(supervisor.child("db"), undefined);
  const failure = events.find((event) => event.type === "child-start-failed");
  assert.ok(failure?.type === "child-start-failed" && failure.error instanceof ActorStartFailed);
  await supervisor.stop();
});

Deno.test("a child failing at first start fails the supervisor and stops earlier siblings", async () => {
  using pool = new WorkerPool();
  const { notes, child } = harness(pool);
  const broken: ChildSpec = {
    id: "broken",
    start: () =>
      spawn({ module: testActor("crashy"), args: { failStart: true }, permissions: "none", pool }),
  };
  await assert.rejects(
    Supervisor.start({ children: [child("a"), child("b"), broken, child("never")] }),
    ActorStartFailed,
  );
  assert.deepEqual(notes, ["started a", "started b", "stopped b", "stopped a"]);
});

Deno.test("a supervisor that gives up escalates to its parent supervisor", async () => {
  using pool = new WorkerPool();
  const { child } = harness(pool);
  const parentEvents: SupervisorEventDetail[] = [];
  const parent = await Supervisor.start({
    name: "parent",
    backoff: fast,
    intensity: 3,
    children: [{
      id: "inner",
      start: () => Supervisor.start({ name: "inner", intensity: 0, children: [child("leaf")] }),
    }],
  });
  parent.addEventListener("child-exited", (event) => {
    parentEvents.push((event as SupervisorEvent).detail);
  });
  const inner = parent.child<Supervisor>("inner")!;
  const restarted = next(parent, "child-started");
  inner.child<Lifecycle>("leaf")!.tell({ type: "crash" });
  await restarted;
  const exit = await inner.exited;
  assert.ok(exit.kind === "crashed" && exit.error instanceof RestartIntensityExceeded);
  assert.equal(parentEvents.length, 1);
  assert.notEqual(parent.child("inner"), inner, "the parent restarted the inner supervisor");
  await parent.stop();
});

Deno.test("a child that crashes while its siblings are still starting is restarted", async () => {
  using pool = new WorkerPool();
  const { child } = harness(pool);
  let starts = 0;
  const restarted = Promise.withResolvers<void>();
  const supervisor = await Supervisor.start({
    backoff: fast,
    intensity: 5,
    children: [
      {
        id: "early",
        start: () => {
          if (++starts === 2) restarted.resolve();
          return spawn({
            module: testActor("crashy"),
            args: { crashSoon: starts === 1 },
            permissions: "none",
            pool,
          });
        },
      },
      // Its own Worker takes long enough to start that "early" has crashed meanwhile.
      child("late"),
    ],
  });
  await settlesWithin(restarted.promise, "the restart of the early child");
  await next(supervisor, "child-started");
  const early = supervisor.child<ActorRef<{ type: "ping" }>>("early")!;
  assert.equal(await early.ask({ type: "ping" }), "pong");
  assert.equal(starts, 2);
  await supervisor.stop();
});
