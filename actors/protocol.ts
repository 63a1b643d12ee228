/**
 * The wire messages between an {@link ActorRef} (the spawning thread) and the host script in the
 * actor's Worker. Worker-level messages load a tenant; everything about one tenant travels over a
 * MessagePort made for it, so a stale ref can never reach the Worker's next tenant.
 *
 * @module
 */

import type { SerializedError } from "../backends/core/errors.ts";

/** Spawning thread → Worker: become the host of a new actor, talking over `port`. */
export interface LoadTenant {
  kind: "load";
  self: string;
  name: string;
  args: unknown;
  port: MessagePort;
}

/** Worker → spawning thread, on the Worker itself (not a tenant port). */
export type HostSignal =
  /** The host script and the actor module are loaded; the Worker can take a tenant. */
  | { kind: "ready" }
  /** An error escaped while no tenant was loaded; the Worker must be discarded. */
  | { kind: "idle-crash"; error: SerializedError };

/** Spawning thread → actor, over the tenant port. */
export type ToActor =
  | { kind: "tell"; msg: unknown }
  | { kind: "ask"; id: number; msg: unknown }
  | { kind: "stop" };

/** Actor → spawning thread, over the tenant port. */
export type FromActor =
  | { kind: "started" }
  | { kind: "start-failed"; error: SerializedError }
  | { kind: "reply"; id: number; value: unknown }
  | { kind: "reply-error"; id: number; error: SerializedError }
  | { kind: "to-parent"; msg: unknown }
  | { kind: "crashed"; error: SerializedError }
  /** Stopped cleanly; `undelivered` are tells still queued, handed back as dead letters. */
  | { kind: "stopped"; undelivered: unknown[] };
