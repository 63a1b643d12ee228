/**
 * Actor runtime figures: ask round trip main↔Worker, pooled checkout vs a fresh Worker, and RSS
 * over thousands of spawn/stop cycles with and without the pool (denoland/deno#26058).
 *
 * `deno bench -A bench/actors_bench.ts` runs the quick Deno.bench cases.
 * `deno run -A bench/actors_bench.ts [cycles]` prints every figure, running each RSS soak in its
 * own process so one cannot inherit the other's memory.
 *
 * @module
 */

import { type ActorRef, spawn, WorkerPool } from "../actors/mod.ts";
import type { CounterMsg } from "../actors/testdata/counter.ts";
import type { SpawnerMsg } from "../actors/testdata/spawner.ts";

const counter = new URL("../actors/testdata/counter.ts", import.meta.url);
const MiB = 1024 * 1024;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function spawnCounter(pool: WorkerPool | false): Promise<ActorRef<CounterMsg>> {
  return await spawn<CounterMsg>({ module: counter, args: { from: 0 }, permissions: "none", pool });
}

/** Sequential asks (latency) and 64 asks in flight (throughput). */
async function askFigures(count: number) {
  const pool = new WorkerPool();
  const ref = await spawnCounter(pool);
  for (let i = 0; i < 500; i++) await ref.ask({ type: "get" }); // warm-up
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await ref.ask({ type: "add", n: 1 });
    times.push(performance.now() - t0);
  }
  const sequentialMs = performance.now() - started;
  times.sort((a, b) => a - b);
  const inFlight = 64;
  const pipelinedStart = performance.now();
  for (let done = 0; done < count; done += inFlight) {
    await Promise.all(Array.from({ length: inFlight }, () => ref.ask({ type: "get" })));
  }
  const pipelinedMs = performance.now() - pipelinedStart;
  await ref.stop();
  pool.close();
  return {
    asks: count,
    p50Us: Math.round(percentile(times, 50) * 1000),
    p99Us: Math.round(percentile(times, 99) * 1000),
    sequentialAsksPerS: Math.round(count / (sequentialMs / 1000)),
    pipelinedAsksPerS: Math.round(count / (pipelinedMs / 1000)),
  };
}

/** spawn → first reply → stop, from an idle pooled Worker and from a fresh one. */
async function spawnFigures(count: number) {
  const measure = async (pool: WorkerPool | false) => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const ref = await spawnCounter(pool);
      await ref.ask({ type: "get" });
      times.push(performance.now() - t0);
      await ref.stop();
    }
    times.sort((a, b) => a - b);
    return { p50Ms: +percentile(times, 50).toFixed(2), p99Ms: +percentile(times, 99).toFixed(2) };
  };
  const pool = new WorkerPool();
  await pool.prewarm(counter, "none", 1);
  const pooled = await measure(pool);
  pool.close();
  const fresh = await measure(false);
  return { pooled, fresh, ratio: +(fresh.p50Ms / pooled.p50Ms).toFixed(1) };
}

/** spawn → first reply from inside an actor (a backend starting its containers). */
async function nestedSpawnFigures(count: number) {
  const sources = [
    new URL("../actors/", import.meta.url),
    new URL("../backends/core/", import.meta.url),
  ]
    .map((url) => url.pathname);
  const pool = new WorkerPool();
  const spawner = await spawn<SpawnerMsg>({
    module: new URL("../actors/testdata/spawner.ts", import.meta.url),
    permissions: { read: sources },
    pool,
  });
  const summary = (times: number[]) => {
    const sorted = times.toSorted((a, b) => a - b);
    return { p50Ms: +percentile(sorted, 50).toFixed(2), maxMs: +sorted.at(-1)!.toFixed(2) };
  };
  const timeout = { timeoutMs: 600_000 };
  const fresh = await spawner.ask<number[]>({ type: "time-spawns", count, pooled: false }, timeout);
  const pooled = await spawner.ask<number[]>({ type: "time-spawns", count, pooled: true }, timeout);
  await spawner.stop();
  pool.close();
  return { fresh: summary(fresh), pooled: summary(pooled) };
}

/**
 * RSS after `cycles` actor lifecycles (spawn, ask, stop), `batch` actors alive at a time, sampled
 * along the way. The main thread's JS heap is sampled too, to tell retained objects from RSS the
 * allocator has not returned.
 */
async function soak(cycles: number, pooled: boolean, batch: number) {
  const pool = pooled ? new WorkerPool({ maxIdle: batch }) : false;
  const sample = () => {
    const { rss, heapUsed } = Deno.memoryUsage();
    return { rss: Math.round(rss / MiB), heap: +(heapUsed / MiB).toFixed(1) };
  };
  const samples: Record<number, { rss: number; heap: number }> = { 0: sample() };
  const every = Math.max(batch, Math.floor(cycles / 8 / batch) * batch);
  const t0 = performance.now();
  for (let done = 0; done < cycles;) {
    const refs = await Promise.all(Array.from({ length: batch }, () => spawnCounter(pool)));
    await Promise.all(refs.map((ref) => ref.ask({ type: "get" })));
    await Promise.all(refs.map((ref) => ref.stop()));
    done += batch;
    if (done % every === 0 || done >= cycles) samples[done] = sample();
  }
  const seconds = (performance.now() - t0) / 1000;
  if (pool) pool.close();
  return { pooled, cycles, batch, seconds: +seconds.toFixed(1), mib: samples };
}

async function soakInChild(cycles: number, pooled: boolean, batch: number) {
  const script = new URL(import.meta.url).pathname;
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, "--soak", String(cycles), String(pooled), String(batch)],
    stdout: "piped",
    stderr: "inherit",
  });
  const output = await command.output();
  if (!output.success) throw new Error(`soak child failed (pooled=${pooled}, batch=${batch})`);
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

if (import.meta.main) {
  if (Deno.args[0] === "--soak") {
    const [cycles, pooled, batch] = Deno.args.slice(1);
    console.log(JSON.stringify(await soak(Number(cycles), pooled === "true", Number(batch))));
  } else {
    const cycles = Number(Deno.args[0] ?? 2000);
    const show = (label: string, figures: unknown) => console.log(label, JSON.stringify(figures));
    show("ask round trip:", await askFigures(10_000));
    show("spawn + first reply:", await spawnFigures(200));
    show("spawn + first reply inside an actor:", await nestedSpawnFigures(10));
    for (const batch of [1, 50]) {
      show(`soak, pool, ${batch} at a time:`, await soakInChild(cycles, true, batch));
      show(`soak, no pool, ${batch} at a time:`, await soakInChild(cycles, false, batch));
    }
  }
} else {
  const pool = new WorkerPool();
  const ref = await spawnCounter(pool);
  Deno.bench("ask round trip main↔Worker", async () => {
    await ref.ask({ type: "get" });
  });
  Deno.bench("spawn from the pool + ask + stop", { group: "spawn", baseline: true }, async () => {
    const other = await spawnCounter(pool);
    await other.ask({ type: "get" });
    await other.stop();
  });
  Deno.bench("spawn a fresh Worker + ask + stop", { group: "spawn", n: 50 }, async () => {
    const other = await spawnCounter(false);
    await other.ask({ type: "get" });
    await other.stop();
  });
}
