/**
 * A pool of actor Workers. A Deno Worker costs tens of milliseconds to start and Deno keeps
 * memory after `terminate()` (denoland/deno#26058), so a Worker whose actor stopped cleanly goes
 * back to the pool and serves the next actor of the same module with the same permissions.
 * A Worker whose actor crashed, failed to start or was killed is discarded, never reused.
 *
 * @module
 */

import { deserializeError } from "../backends/core/errors.ts";
import { type ActorPermissions, permissionKey, workerPermissions } from "./permissions.ts";
import type { HostSignal } from "./protocol.ts";

const hostUrl = new URL("./host.ts", import.meta.url).href;

/** Who hears what happens to a pooled Worker: its current actor's ref, or the pool when idle. */
export interface WorkerTenant {
  /** An error escaped the Worker (an idle crash, a failed module load). */
  crashed(error: Error): void;
  /** The Worker was terminated from outside (the pool closed). */
  killed(reason: string): void;
}

/** One Worker running the host script for one actor module and permission set. */
export class PooledWorker {
  /** The Deno Worker itself. */
  readonly worker: Worker;
  /** Resolves once the host and actor module are loaded. */
  readonly ready: Promise<void>;
  /** Told when this Worker fails or is killed. */
  tenant?: WorkerTenant;
  #failed = false;

  /** Starts the Worker with the entry module for `module`, under `permissions`. */
  constructor(
    /** Unique within its pool. */
    readonly id: number,
    /** The pool key: module URL and canonical permission set. */
    readonly key: string,
    module: URL,
    permissions: ActorPermissions,
  ) {
    const entry = `import { serveActor } from ${JSON.stringify(hostUrl)};\n` +
      `import behaviour from ${JSON.stringify(module.href)};\n` +
      `serveActor(behaviour);\n`;
    this.worker = new Worker(`data:application/javascript,${encodeURIComponent(entry)}`, {
      type: "module",
      name: `actor-host-${id}`,
      deno: { permissions: workerPermissions(permissions) },
    });
    const { promise, resolve } = Promise.withResolvers<void>();
    this.ready = promise;
    this.worker.addEventListener("message", (event: MessageEvent<HostSignal>) => {
      if (event.data.kind === "ready") resolve();
      if (event.data.kind === "idle-crash") this.#fail(deserializeError(event.data.error));
    });
    // Without preventDefault an error escaping a Worker would be rethrown on this thread.
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.#fail(event.error instanceof Error ? event.error : new Error(event.message));
    });
    this.worker.addEventListener("messageerror", () => {
      this.#fail(new Error("a message from the actor Worker could not be deserialized"));
    });
  }

  /** True once the Worker reported an error: it must not serve another actor. */
  get failed(): boolean {
    return this.#failed;
  }

  #fail(error: Error): void {
    this.#failed = true;
    this.tenant?.crashed(error);
  }
}

/** Counters that show what the pool did. */
export interface PoolStats {
  /** Workers started. */
  created: number;
  /** Checkouts served by an idle Worker. */
  reused: number;
  /** Workers terminated (crashed, killed, failed start, over maxIdle, pool closed). */
  discarded: number;
  /** Workers waiting for an actor now. */
  idle: number;
}

/** Options for {@link WorkerPool}. */
export interface PoolOptions {
  /** Idle Workers kept per module and permission set; more are terminated. Default 8. */
  maxIdle?: number;
}

/** Pooled actor Workers keyed by actor module and permission set. */
export class WorkerPool {
  /** Idle Workers kept per module and permission set. */
  readonly maxIdle: number;
  readonly #idle = new Map<string, PooledWorker[]>();
  readonly #live = new Set<PooledWorker>();
  #nextId = 1;
  #closed = false;
  #stats = { created: 0, reused: 0, discarded: 0 };

  /** An empty pool; Workers start on demand or through {@link WorkerPool.prewarm}. */
  constructor(options: PoolOptions = {}) {
    this.maxIdle = options.maxIdle ?? 8;
  }

  /** An idle Worker for this module and permission set, or a new one. */
  checkout(module: URL, permissions: ActorPermissions): PooledWorker {
    if (this.#closed) throw new Error("the actor Worker pool is closed");
    const key = `${module.href}\n${permissionKey(permissions)}`;
    const idle = this.#idle.get(key);
    const reusable = idle?.pop();
    if (reusable) {
      this.#stats.reused++;
      return reusable;
    }
    const pooled = new PooledWorker(this.#nextId++, key, module, permissions);
    this.#live.add(pooled);
    this.#stats.created++;
    return pooled;
  }

  /** Takes back a Worker whose actor stopped cleanly; keeps it if there is room. */
  release(pooled: PooledWorker): void {
    const idle = this.#idle.get(pooled.key) ?? [];
    if (this.#closed || pooled.failed || idle.length >= this.maxIdle) return this.discard(pooled);
    pooled.tenant = { crashed: () => this.discard(pooled), killed: () => {} };
    idle.push(pooled);
    this.#idle.set(pooled.key, idle);
  }

  /** Terminates a Worker that must not be reused (its actor crashed, failed or was killed). */
  discard(pooled: PooledWorker): void {
    if (!this.#live.delete(pooled)) return;
    const idle = this.#idle.get(pooled.key);
    const at = idle?.indexOf(pooled) ?? -1;
    if (at >= 0) idle!.splice(at, 1);
    pooled.tenant = undefined;
    pooled.worker.terminate();
    this.#stats.discarded++;
  }

  /** Starts `count` Workers for this module and permission set and waits until they are ready. */
  async prewarm(module: URL, permissions: ActorPermissions, count: number): Promise<void> {
    const started = Array.from({ length: count }, () => this.checkout(module, permissions));
    await Promise.all(started.map((pooled) => pooled.ready));
    for (const pooled of started) this.release(pooled);
  }

  /** What the pool has done so far. */
  stats(): PoolStats {
    let idle = 0;
    for (const workers of this.#idle.values()) idle += workers.length;
    return { ...this.#stats, idle };
  }

  /** Terminates every Worker this pool started, idle or not. Actors still running are killed. */
  close(): void {
    this.#closed = true;
    for (const pooled of [...this.#live]) {
      const tenant = pooled.tenant;
      this.discard(pooled);
      tenant?.killed("the actor Worker pool was closed");
    }
  }

  /** Closes the pool: `using pool = new WorkerPool()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/** The pool `spawn` uses unless told otherwise (one per thread). */
export const defaultPool: WorkerPool = new WorkerPool();
