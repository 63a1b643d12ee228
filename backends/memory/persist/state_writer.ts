/**
 * Writes the memory backend's state as it changes. Changes are noticed through the events the
 * backend publishes anyway (create, start, die, rename, network create…), collected for one
 * timer turn so a burst becomes one write per object, and written with crash-safe files. An API
 * call's reply waits for {@link StateWriter.settled}: what a client was told is on disk.
 *
 * When a container's main process exits, its writable layer is checkpointed (the actor's
 * `commit-layer`) with the tail of its logs, so `docker start` after a daemon restart sees the
 * files it left. A running container's writes since its last exit are lost in a crash.
 *
 * @module
 */
import type { DockerEvent } from "../../core/events.ts";
import { LogBuffer } from "../../core/log_buffer.ts";
import { type Container, ZERO_TIME } from "../container.ts";
import { mountRecordsOf } from "../mounts.ts";
import { networksOf } from "../network_store.ts";
import type { MemoryBackendState } from "../state.ts";
import { containerRecord, networkRecord } from "./records.ts";
import type { StateDirectory } from "./state_dir.ts";

/** Container events after which its record changed. */
const CHANGES = new Set([
  "create",
  "start",
  "die",
  "stop",
  "kill",
  "destroy",
  "rename",
  "restart",
  "update",
  "pause",
  "unpause",
]);

/** How much of a container's output survives a restart. */
const LOG_TAIL_BYTES = 256 * 1024;

interface Layers {
  /** Checkpoints from earlier daemon runs: now part of the container's image side. */
  base: number;
  /** Whether this run wrote checkpoint `base` (it is rewritten at each exit). */
  current: boolean;
}

export class StateWriter {
  #state: MemoryBackendState;
  #dir: StateDirectory;
  #containers = new Set<string>();
  #networks = new Set<string>();
  #checkpoints = new Set<string>();
  #manuallyStopped = new Set<string>();
  #layers = new Map<string, Layers>();
  #checkpointing = new Map<string, Promise<void>>();
  /** Set while the drain loop runs; cleared in the same turn it sees nothing left to write. */
  #draining = false;
  /** Changes noticed so far, and how many of them are on disk. */
  #touched = 0;
  #written = 0;
  #waiters: { target: number; resolve(): void; reject(error: Error): void }[] = [];

  constructor(state: MemoryBackendState, dir: StateDirectory) {
    this.#state = state;
    this.#dir = dir;
  }

  /** Notes what an event changed. */
  observe(event: DockerEvent): void {
    const id = event.Actor.ID;
    if (event.Type === "container" && CHANGES.has(event.Action)) {
      if (event.Action === "stop" || event.Action === "kill") this.#manuallyStopped.add(id);
      if (event.Action === "start") this.#manuallyStopped.delete(id);
      if (event.Action === "die") this.#checkpoints.add(id);
      this.touchContainer(id);
    } else if (event.Type === "network") {
      if (event.Action === "create" || event.Action === "destroy") this.touchNetwork(id);
      const container = event.Actor.Attributes.container;
      if (container) this.touchContainer(container);
    }
  }

  /** A restored container: its checkpoints so far and whether the user had stopped it. */
  adopt(id: string, manuallyStopped: boolean, layers: number): void {
    if (manuallyStopped) this.#manuallyStopped.add(id);
    this.#layers.set(id, { base: layers, current: false });
  }

  manuallyStopped(id: string): boolean {
    return this.#manuallyStopped.has(id);
  }

  touchContainer(id: string): void {
    this.#containers.add(id);
    this.#schedule();
  }

  touchNetwork(id: string): void {
    this.#networks.add(id);
    this.#schedule();
  }

  /**
   * Writes, before a container's main process starts, the record as it will be once running:
   * the start is durable before it happens, so its reply need not wait for another write, and a
   * crash from here on finds a running container (exited 255 on restore).
   */
  async recordStartIntent(c: Container): Promise<void> {
    if (ephemeral(c)) return;
    const layers = this.#layers.get(c.id) ?? { base: 0, current: false };
    const record = containerRecord(this.#state, c, {
      manuallyStopped: false,
      layers: layers.base + (layers.current ? 1 : 0),
    });
    Object.assign(record.state, {
      Status: "running",
      Running: true,
      Paused: false,
      Restarting: false,
      ExitCode: 0,
      Error: "",
      StartedAt: new Date().toISOString(),
      FinishedAt: ZERO_TIME,
    });
    await this.#dir.writeContainer(record);
  }

  /**
   * Resolves once everything changed before this call is on disk (later changes are not waited
   * for); rejects if that write failed, so the call that made the change fails rather than
   * acknowledging what was not kept.
   */
  settled(): Promise<void> {
    const target = this.#touched;
    if (this.#written >= target) return Promise.resolve();
    const waiter = Promise.withResolvers<void>();
    this.#waiters.push({ target, ...waiter });
    return waiter.promise;
  }

  #schedule(): void {
    this.#touched++;
    if (this.#draining) return;
    this.#draining = true;
    // A microtask turn collects the events one call publishes into one write per object.
    queueMicrotask(() => this.#drain());
  }

  async #drain(): Promise<void> {
    while (this.#containers.size || this.#networks.size) {
      const upTo = this.#touched;
      const containers = [...this.#containers];
      const networks = [...this.#networks];
      this.#containers.clear();
      this.#networks.clear();
      let failure: Error | undefined;
      await Promise.all([
        ...containers.map((id) => this.#writeContainer(id)),
        ...networks.map((id) => this.#writeNetwork(id)),
      ]).catch((error) => {
        failure = error as Error;
        console.error(`memory backend: writing state failed: ${failure.message}`);
      });
      this.#written = upTo;
      const waiting = this.#waiters;
      this.#waiters = [];
      for (const waiter of waiting) {
        if (waiter.target > upTo) this.#waiters.push(waiter);
        else if (failure) {
          waiter.reject(
            new Error(`memory backend: could not write its state: ${failure.message}`, {
              cause: failure,
            }),
          );
        } else waiter.resolve();
      }
    }
    this.#draining = false;
  }

  async #writeNetwork(id: string): Promise<void> {
    const network = networksOf(this.#state).all().find((n) => n.id === id);
    if (network) await this.#dir.writeNetwork(networkRecord(network));
    else await this.#dir.removeNetwork(id);
  }

  async #writeContainer(id: string): Promise<void> {
    const c = this.#state.containers.all().find((c) => c.id === id);
    if (!c) {
      // A checkpoint still writing into the container's directory finishes first.
      await this.#checkpointing.get(id);
      this.#checkpointing.delete(id);
      this.#checkpoints.delete(id);
      this.#layers.delete(id);
      this.#manuallyStopped.delete(id);
      return await this.#dir.removeContainer(id);
    }
    const layers = this.#layers.get(id) ?? { base: 0, current: false };
    this.#layers.set(id, layers);
    if (this.#checkpoints.delete(id) && !c.running && !c.removing && !c.hostConfig.AutoRemove) {
      this.#checkpointing.set(id, this.#checkpoint(id, layers));
    }
    if (ephemeral(c)) return;
    if (!this.#state.containers.all().includes(c)) {
      await this.#checkpointing.get(id);
      return await this.#dir.removeContainer(id);
    }
    await this.#dir.writeContainer(containerRecord(this.#state, c, {
      manuallyStopped: this.#manuallyStopped.has(id),
      layers: layers.base + (layers.current ? 1 : 0),
    }));
  }
  /**
   * Checkpoints a stopped container's writable layer and log tail, apart from the record
   * writes so no API reply waits for a layer export; after each other, one container at a time.
   * The record counting the layer is written only once the layer is on disk.
   */
  #checkpoint(id: string, layers: Layers): Promise<void> {
    const before = this.#checkpointing.get(id) ?? Promise.resolve();
    return before.then(async () => {
      const c = this.#state.containers.all().find((c) => c.id === id);
      if (!c || c.running || c.removing) return;
      try {
        const tar = await c.actor.ask<ReadableStream<Uint8Array>>({ type: "commit-layer" });
        await this.#dir.writeLayer(id, layers.base, tar);
        await this.#dir.writeLogs(id, logTail(c.logs));
        layers.current = true;
        this.touchContainer(id);
      } catch (error) {
        // The record stays as it was; only this exit's files and logs will be missing.
        if (!c.removing) {
          console.error(
            `memory backend: checkpoint of container ${id} failed: ${(error as Error).message}`,
          );
        }
      }
    });
  }
}

/**
 * An AutoRemove container without anonymous volumes needs no record: moby's restore removes
 * every AutoRemove container that is not restarted (and AutoRemove excludes restart policies),
 * so after a crash it is gone whether written or not. This keeps `docker run --rm` free of disk
 * writes. With anonymous volumes the record is kept, so the restore removes those too.
 */
function ephemeral(c: Container): boolean {
  return Boolean(c.hostConfig.AutoRemove) && !mountRecordsOf(c).some((r) => r.anonymous);
}

function logTail(logs: LogBuffer) {
  const all = logs.history({ stdout: true, stderr: true });
  let bytes = 0;
  let from = all.length;
  while (from > 0 && bytes + all[from - 1].data.length <= LOG_TAIL_BYTES) {
    bytes += all[--from].data.length;
  }
  return all.slice(from);
}
