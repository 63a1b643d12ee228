/**
 * `docker stats` on the memory backend, in moby's `StatsResponse` shape, with only figures the
 * sandbox can really measure:
 * - pids: the container's process table, counted now;
 * - memory: the JS heap and external (array buffer) bytes of the container's Worker, which is
 *   its own isolate: its processes, its files (they live in memory) and the sandbox code it runs,
 *   against the host's memory as the limit because the sandbox enforces none;
 * - CPU, block I/O and network: 0 / absent. Sandbox processes share their Worker's thread and
 *   nothing accounts CPU time per container; the sandbox has no block devices and no network.
 *
 * @module
 */
import type { ContainerStats, CpuStats } from "../core/protocol_container_fs.ts";
import type { Container } from "./container.ts";
import type { ContainerProcess, WorkerMemory } from "./container/protocol.ts";
import { ZERO_TIME } from "./container.ts";

/** How often a streaming `docker stats` gets a sample, as moby's collector does. */
export const STATS_INTERVAL_MS = 1_000;

/** Live stats streams by container id, so a client that went away can be seen to stop counting. */
const sampling = new Map<string, number>();

/** How many stats streams are sampling the container now. */
export function statsReaders(containerId: string): number {
  return sampling.get(containerId) ?? 0;
}

const BLKIO_KEYS = [
  "io_service_bytes_recursive",
  "io_serviced_recursive",
  "io_queue_recursive",
  "io_service_time_recursive",
  "io_wait_time_recursive",
  "io_merged_recursive",
  "io_time_recursive",
  "sectors_recursive",
];

/** What one measurement found. */
export interface StatsSample {
  readMs: number;
  pids: number;
  memoryBytes: number;
}

function cpuStats(onlineCpus?: number): CpuStats {
  return {
    // Unmeasurable in the sandbox (see the module comment): reported as 0.
    cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
    ...(onlineCpus ? { online_cpus: onlineCpus } : {}),
    throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  };
}

/** moby's zero `StatsResponse` with only name and id, as it answers for a stopped container. */
export function emptyStats(c: Container): ContainerStats {
  return {
    name: `/${c.name}`,
    id: c.id,
    read: ZERO_TIME,
    preread: ZERO_TIME,
    pids_stats: {},
    blkio_stats: Object.fromEntries(BLKIO_KEYS.map((k) => [k, null])),
    num_procs: 0,
    storage_stats: {},
    cpu_stats: cpuStats(),
    precpu_stats: cpuStats(),
    memory_stats: {},
  };
}

/** A response from a sample and the one before it (for `preread`/`precpu_stats`). */
export function renderStats(
  c: Container,
  sample: StatsSample,
  previous: StatsSample | undefined,
  host: { ncpu: number; memTotal: number },
): ContainerStats {
  const stats = emptyStats(c);
  stats.read = new Date(sample.readMs).toISOString();
  if (previous) {
    stats.preread = new Date(previous.readMs).toISOString();
    stats.precpu_stats = cpuStats(host.ncpu);
  }
  // num_procs is always 0 on Linux in moby; pids_stats carries the count.
  if (sample.pids) stats.pids_stats = { current: sample.pids };
  stats.cpu_stats = cpuStats(host.ncpu);
  stats.memory_stats = { usage: sample.memoryBytes, stats: {}, limit: host.memTotal };
  return stats;
}

/** Measures a running container now. */
export async function measure(c: Container): Promise<StatsSample> {
  const [processes, memory] = await Promise.all([
    c.actor.ask<ContainerProcess[]>({ type: "processes" }),
    c.actor.ask<WorkerMemory>({ type: "memory" }),
  ]);
  return {
    readMs: Date.now(),
    pids: processes.length,
    memoryBytes: memory.heapUsed + memory.external,
  };
}

/**
 * The stats stream: one response (after a second's wait for a previous sample unless
 * `oneShot`), or with `stream` one a second until the reader cancels or the container is removed.
 */
export function statsStream(
  c: Container,
  options: { stream: boolean; oneShot: boolean; host: { ncpu: number; memTotal: number } },
): ReadableStream<ContainerStats> {
  let previous: StatsSample | undefined;
  let first = true;
  const cancelled = new AbortController();
  sampling.set(c.id, statsReaders(c.id) + 1);
  const finish = () => {
    if (cancelled.signal.aborted) return;
    cancelled.abort();
    const left = statsReaders(c.id) - 1;
    if (left > 0) sampling.set(c.id, left);
    else sampling.delete(c.id);
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const stop = () => (clearTimeout(timer), resolve());
      const timer = setTimeout(() => {
        cancelled.signal.removeEventListener("abort", stop);
        resolve();
      }, ms);
      cancelled.signal.addEventListener("abort", stop, { once: true });
    });
  const next = async (): Promise<ContainerStats> => {
    if (!c.running || c.actorLost) {
      previous = undefined;
      return emptyStats(c);
    }
    const sample = await measure(c);
    const reply = renderStats(c, sample, previous, options.host);
    previous = sample;
    return reply;
  };
  const close = (controller: ReadableStreamDefaultController<ContainerStats>) => {
    finish();
    controller.close();
  };
  return new ReadableStream<ContainerStats>({
    async pull(controller) {
      if (!first && !options.stream) return close(controller);
      if (!first) await pause(STATS_INTERVAL_MS);
      if (cancelled.signal.aborted) return;
      try {
        if (first && !options.stream && !options.oneShot && c.running) {
          // Like moby, a single sample waits for a second one so precpu_stats is filled.
          await next();
          await pause(STATS_INTERVAL_MS);
          if (cancelled.signal.aborted) return;
        }
        first = false;
        if (c.removing) return close(controller);
        const sample = await next();
        if (!cancelled.signal.aborted) controller.enqueue(sample);
      } catch (error) {
        // Removed while being measured: the stream ends as moby's does for a removed container.
        if (c.removing) return close(controller);
        finish();
        throw error;
      }
    },
    cancel() {
      finish();
    },
  }, { highWaterMark: 0 });
}
