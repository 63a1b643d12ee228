import assert from "node:assert/strict";
import { WorkerPool } from "./pool.ts";
import { spawn } from "./spawn.ts";
import { testActor } from "./test_utils.ts";
import type { CrashyMsg } from "./testdata/crashy.ts";
import type { WhoAmIMsg } from "./testdata/whoami.ts";

const whoami = testActor("whoami");

Deno.test("a Worker whose actor stopped cleanly serves the next actor", async () => {
  using pool = new WorkerPool();
  const first = await spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool });
  const token = await first.ask({ type: "whoami" });
  await first.stop();
  const second = await spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool });
  assert.equal(await second.ask({ type: "whoami" }), token);
  await second.stop();
  assert.deepEqual(pool.stats(), { created: 1, reused: 1, discarded: 0, idle: 1 });
});

Deno.test("a crashed actor's Worker is discarded and never reused", async () => {
  using pool = new WorkerPool();
  const crashy = await spawn<CrashyMsg>({ module: testActor("crashy"), permissions: "none", pool });
  crashy.tell({ type: "throw" });
  await crashy.exited;
  const first = await spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool });
  const token = await first.ask({ type: "whoami" });
  first.tell({ type: "whoami" });
  await first.kill();
  const second = await spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool });
  assert.notEqual(await second.ask({ type: "whoami" }), token, "a killed actor's Worker is gone");
  await second.stop();
  assert.deepEqual(pool.stats(), { created: 3, reused: 0, discarded: 2, idle: 1 });
});

Deno.test("Workers are pooled per module and per permission set", async () => {
  using pool = new WorkerPool();
  const bare = await spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool });
  const bareToken = await bare.ask({ type: "whoami" });
  await bare.stop();
  const withEnv = await spawn<WhoAmIMsg>({ module: whoami, permissions: { env: ["HOME"] }, pool });
  assert.notEqual(await withEnv.ask({ type: "whoami" }), bareToken);
  await withEnv.stop();
  assert.deepEqual(pool.stats(), { created: 2, reused: 0, discarded: 0, idle: 2 });
});

Deno.test("prewarm starts ready Workers that spawns then take", async () => {
  using pool = new WorkerPool();
  await pool.prewarm(whoami, "none", 3);
  assert.deepEqual(pool.stats(), { created: 3, reused: 0, discarded: 0, idle: 3 });
  const refs = await Promise.all(
    [1, 2, 3].map(() => spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool })),
  );
  const tokens = await Promise.all(refs.map((ref) => ref.ask({ type: "whoami" })));
  assert.equal(new Set(tokens).size, 3);
  assert.deepEqual(pool.stats(), { created: 3, reused: 3, discarded: 0, idle: 0 });
  await Promise.all(refs.map((ref) => ref.stop()));
});

Deno.test("Workers beyond maxIdle are terminated when their actors stop", async () => {
  using pool = new WorkerPool({ maxIdle: 1 });
  const refs = await Promise.all(
    [1, 2, 3].map(() => spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool })),
  );
  for (const ref of refs) await ref.stop();
  assert.deepEqual(pool.stats(), { created: 3, reused: 0, discarded: 2, idle: 1 });
});

Deno.test("timers a tenant left behind are cleared before the next tenant", async () => {
  using pool = new WorkerPool();
  const first = await spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool });
  await first.ask({ type: "leave-timer" });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(await first.ask<number>({ type: "ticks" }) > 0, "the interval ran for its tenant");
  await first.stop();
  const second = await spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool });
  const before = await second.ask<number>({ type: "ticks" });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(await second.ask<number>({ type: "ticks" }), before);
  assert.equal(pool.stats().reused, 1, "same Worker, so the module-level counter is shared");
  await second.stop();
});

Deno.test("closing the pool kills the actors still running in it", async () => {
  const pool = new WorkerPool();
  const ref = await spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool });
  pool.close();
  assert.deepEqual(await ref.exited, {
    kind: "killed",
    reason: "the actor Worker pool was closed",
  });
  await assert.rejects(spawn({ module: whoami, permissions: "none", pool }), /pool is closed/);
});

Deno.test("pool: false gives each actor a fresh Worker that ends with it", async () => {
  const first = await spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool: false });
  const token = await first.ask({ type: "whoami" });
  await first.stop();
  const second = await spawn<WhoAmIMsg>({ module: whoami, permissions: "none", pool: false });
  assert.notEqual(await second.ask({ type: "whoami" }), token);
  await second.stop();
});
