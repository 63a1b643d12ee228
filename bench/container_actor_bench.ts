/**
 * The memory backend's container actor: what a container costs.
 * - create + run `sh -c true` + stop, in a warm pooled Worker and in a fresh Worker (median of N);
 * - memory per idle running container (`sleep 1000` as the main process, one Worker each);
 * - RSS over sequential create/run/stop cycles through the pool (growth after a warm-up).
 * Usage: deno run -A bench/container_actor_bench.ts [samples, default 50] [cycles, default 500]
 *   [idle containers, default 20]
 * Machines here are noisy: read the warm/fresh ratio, not the absolute milliseconds.
 */
import { type ActorRef, spawn, WorkerPool } from "../actors/mod.ts";
import { receiveOnce } from "../backends/core/one_shot_port.ts";
import {
  type ContainerActorArgs,
  containerActorModule,
  type ContainerMsg,
  type RunReply,
} from "../backends/memory/container/mod.ts";

const samples = Number(Deno.args[0] ?? 50);
const cycles = Number(Deno.args[1] ?? 500);
const idleCount = Number(Deno.args[2] ?? 20);
const MiB = 1024 * 1024;

const args = (): ContainerActorArgs => ({
  id: crypto.randomUUID().replaceAll("-", ""),
  hostname: "bench",
  image: { kind: "builtin" },
  ncpu: navigator.hardwareConcurrency,
  memTotal: Deno.systemMemoryInfo().total,
});

function create(pool: WorkerPool | false): Promise<ActorRef<ContainerMsg>> {
  return spawn<ContainerMsg, ContainerActorArgs>({
    module: containerActorModule,
    args: args(),
    permissions: "none",
    pool,
  });
}

/** Runs argv as the main process; `status` settles once it has exited and its output ended. */
async function runMain(
  ref: ActorRef<ContainerMsg>,
  argv: string[],
): Promise<{ status: Promise<number> }> {
  const reply = await ref.ask<RunReply>({
    type: "run",
    role: "main",
    process: { argv, env: [], cwd: "/", user: "", tty: false, openStdin: false },
  });
  const drained = reply.output.pipeTo(new WritableStream());
  const status = new Promise<number>((resolve) => {
    receiveOnce<{ status: number }>(reply.exit, ({ status }) => resolve(status));
  });
  return { status: Promise.all([status, drained]).then(([s]) => s) };
}

async function lifecycle(pool: WorkerPool | false): Promise<void> {
  const ref = await create(pool);
  const status = await (await runMain(ref, ["sh", "-c", "true"])).status;
  if (status !== 0) throw new Error(`sh -c true exited ${status}`);
  await ref.stop();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timed(n: number, body: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await body();
    times.push(performance.now() - t0);
  }
  return times;
}

function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  return new Promise((resolve) => setTimeout(resolve, 200));
}

const pool = new WorkerPool({ maxIdle: 1 });
await lifecycle(pool); // warm: the pooled Worker has loaded the actor, the shell and the rootfs
const warm = await timed(samples, () => lifecycle(pool));
const fresh = await timed(samples, () => lifecycle(false));
console.log(`create+run sh -c true+stop, median of ${samples}:`);
console.log(`  warm pooled Worker: ${median(warm).toFixed(2)} ms`);
console.log(`  fresh Worker:       ${median(fresh).toFixed(2)} ms`);
console.log(`  fresh / warm:       ${(median(fresh) / median(warm)).toFixed(1)}x`);

await settle();
const before = Deno.memoryUsage().rss;
const idle: { ref: ActorRef<ContainerMsg>; status: Promise<number> }[] = [];
for (let i = 0; i < idleCount; i++) {
  const ref = await create(false);
  idle.push({ ref, ...await runMain(ref, ["sleep", "1000"]) });
}
await settle();
const during = Deno.memoryUsage().rss;
console.log(
  `idle running containers (sleep 1000, one Worker each), ${idleCount} of them: ` +
    `${((during - before) / idleCount / MiB).toFixed(1)} MiB RSS each`,
);
for (const { ref, status } of idle) {
  await ref.ask({ type: "signal", pid: 1, signal: "KILL" });
  await status;
  await ref.stop();
}

await settle();
const warmup = Math.min(50, Math.floor(cycles / 10));
for (let i = 0; i < warmup; i++) await lifecycle(pool);
await settle();
const start = Deno.memoryUsage().rss;
const marks: string[] = [];
for (let i = 1; i <= cycles; i++) {
  await lifecycle(pool);
  if (i % Math.max(1, Math.floor(cycles / 5)) === 0) {
    marks.push(`${i}: ${(Deno.memoryUsage().rss / MiB).toFixed(1)}`);
  }
}
await settle();
const end = Deno.memoryUsage().rss;
console.log(
  `RSS over ${cycles} sequential create/run/stop cycles (pooled, after ${warmup} warm-up): ` +
    `${(start / MiB).toFixed(1)} -> ${(end / MiB).toFixed(1)} MiB ` +
    `(${((end - start) / MiB).toFixed(1)} MiB, ${
      ((end - start) / cycles / 1024).toFixed(1)
    } KiB/cycle)`,
);
console.log(`  RSS MiB at cycle ${marks.join(", ")}`);
console.log(`  pool: ${JSON.stringify(pool.stats())}`);
pool.close();
