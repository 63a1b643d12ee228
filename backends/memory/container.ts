/**
 * One container as the memory backend keeps it: Docker's configuration and state, its output
 * history, the waiters for `wait`, and the actor that owns its filesystem and processes.
 * State changes go through the methods here so waiters and timestamps stay consistent.
 *
 * @module
 */
import type { ActorRef } from "../../actors/mod.ts";
import type { ContainerConfig, ContainerState, HostConfig } from "../core/container_types.ts";
import { LogBuffer } from "../core/log_buffer.ts";
import type { WaitCondition, WaitResult } from "../core/protocol.ts";
import type { ContainerMsg } from "./container/protocol.ts";

/** Go's zero time, as Docker prints never-set timestamps. */
export const ZERO_TIME = "0001-01-01T00:00:00Z";

interface Waiter {
  condition: WaitCondition;
  resolve: (result: WaitResult) => void;
}

export class Container {
  readonly logs = new LogBuffer();
  readonly execIds = new Set<string>();
  state: ContainerState = {
    Status: "created",
    Running: false,
    Paused: false,
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: 0,
    ExitCode: 0,
    Error: "",
    StartedAt: ZERO_TIME,
    FinishedAt: ZERO_TIME,
  };
  restartCount = 0;
  /** Set while a stop is in progress, so AutoRemove waits for the stop to finish. */
  stopping = false;
  /** Set once removal has begun. */
  removing = false;
  /** Why the container actor is gone (it crashed), if it is. */
  actorLost = "";
  /** The pid of the main process while it runs. */
  mainPid = 0;
  /** Feeds stdin to the main process (attach before start parks its stream here). */
  pendingStdin?: { stream: ReadableStream<Uint8Array>; closeAtEnd: boolean };
  #waiters: Waiter[] = [];

  constructor(
    readonly id: string,
    public name: string,
    readonly created: Date,
    readonly config: ContainerConfig,
    readonly hostConfig: HostConfig,
    readonly image: { id: string; name: string },
    readonly path: string,
    readonly args: string[],
    readonly actor: ActorRef<ContainerMsg>,
  ) {}

  get running(): boolean {
    return this.state.Running;
  }

  /** Marks the main process started. */
  started(pid: number): void {
    this.mainPid = pid;
    Object.assign(this.state, {
      Status: "running",
      Running: true,
      Paused: false,
      Restarting: false,
      Pid: pid,
      ExitCode: 0,
      Error: "",
      StartedAt: new Date().toISOString(),
      FinishedAt: ZERO_TIME,
    });
  }

  /** Marks the main process exited and releases `not-running` and `next-exit` waiters. */
  exited(status: number, error = ""): void {
    this.mainPid = 0;
    Object.assign(this.state, {
      Status: "exited",
      Running: false,
      Paused: false,
      Restarting: false,
      Pid: 0,
      ExitCode: status,
      Error: error,
      FinishedAt: new Date().toISOString(),
    });
    const result: WaitResult = error
      ? { StatusCode: status, Error: { Message: error } }
      : { StatusCode: status };
    this.#release((w) => w.condition !== "removed", result);
  }

  /** Releases every waiter: the container is gone. */
  removed(): void {
    this.#release(() => true, { StatusCode: this.state.ExitCode });
  }

  /** A promise for the wait result under `condition` (registered now, as moby does). */
  wait(condition: WaitCondition): Promise<WaitResult> {
    if (condition === "not-running" && !this.running) {
      return Promise.resolve({ StatusCode: this.state.ExitCode });
    }
    return new Promise((resolve) => this.#waiters.push({ condition, resolve }));
  }

  #release(which: (w: Waiter) => boolean, result: WaitResult): void {
    const keep: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (which(waiter)) waiter.resolve(result);
      else keep.push(waiter);
    }
    this.#waiters = keep;
  }

  /** Attributes Docker puts on this container's events: image, name and labels. */
  eventAttributes(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.config.Labels ?? {}), image: this.image.name, name: this.name, ...extra };
  }
}
