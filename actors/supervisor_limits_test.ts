import assert from "node:assert/strict";
import { RestartIntensityExceeded } from "./errors.ts";
import { WorkerPool } from "./pool.ts";
import { fast, type Lifecycle, next, supervisorHarness as harness } from "./test_utils.ts";

Deno.test("more restarts than the intensity allows stop every child and the supervisor", async () => {
  using pool = new WorkerPool();
  const { notes, events, child, start } = harness(pool);
  const supervisor = await start({
    backoff: fast,
    intensity: 2,
    periodMs: 60_000,
    children: [child("calm"), child("flaky")],
  });
  const calm = supervisor.child<Lifecycle>("calm")!;
  for (let crash = 0; crash < 3; crash++) {
    const exited = next(supervisor, "child-exited");
    supervisor.child<Lifecycle>("flaky")!.tell({ type: "crash" });
    await exited;
    if (crash < 2) await next(supervisor, "child-started");
  }
  const exit = await supervisor.exited;
  assert.equal(exit.kind, "crashed");
  assert.ok(exit.kind === "crashed" && exit.error instanceof RestartIntensityExceeded);
  assert.deepEqual(await calm.exited, { kind: "normal" }, "the healthy sibling was stopped");
  assert.equal(notes.at(-1), "stopped calm");
  assert.equal(events.filter((event) => event.type === "restart-scheduled").length, 2);
  assert.equal(events.at(-1)?.type, "shutdown");
});

Deno.test("backoff delays grow with consecutive restarts", async () => {
  using pool = new WorkerPool();
  const { events, child, start } = harness(pool);
  const supervisor = await start({
    backoff: { minMs: 1, maxMs: 8, randomFactor: 0, resetAfterMs: 60_000 },
    intensity: 10,
    children: [child("a")],
  });
  for (let crash = 0; crash < 5; crash++) {
    const restarted = next(supervisor, "child-started");
    supervisor.child<Lifecycle>("a")!.tell({ type: "crash" });
    await restarted;
  }
  const delays = events.flatMap((event) =>
    event.type === "restart-scheduled" ? [event.delayMs] : []
  );
  assert.deepEqual(delays, [1, 2, 4, 8, 8]);
  await supervisor.stop();
});

Deno.test("a child that ran for the stable period restarts from the minimum delay again", async () => {
  using pool = new WorkerPool();
  const { events, child, start } = harness(pool);
  const supervisor = await start({
    // Every run counts as stable, so the backoff never grows.
    backoff: { minMs: 1, maxMs: 8, randomFactor: 0, resetAfterMs: 0 },
    intensity: 10,
    children: [child("a")],
  });
  for (let crash = 0; crash < 3; crash++) {
    const restarted = next(supervisor, "child-started");
    supervisor.child<Lifecycle>("a")!.tell({ type: "crash" });
    await restarted;
  }
  const delays = events.flatMap((event) =>
    event.type === "restart-scheduled" ? [event.delayMs] : []
  );
  assert.deepEqual(delays, [1, 1, 1]);
  await supervisor.stop();
});
