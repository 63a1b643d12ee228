/**
 * What an actor module exports: a behaviour with `start`, `receive` and `stop`, and the context the
 * runtime hands it. The behaviour object is shared by every tenant of a pooled Worker, so per-actor
 * state belongs in what `start` returns (`ctx.state`), never in module-level variables.
 *
 * @module
 */

import type { ActorRef } from "./actor_ref.ts";
import type { SpawnOptions } from "./spawn.ts";

/** The runtime's handle for an actor, passed to every callback of its behaviour. */
export interface ActorContext<State = unknown, ParentMsg = unknown> {
  /** This actor's id (unique per spawn). */
  readonly self: string;
  /** The name given at spawn, or the id. */
  readonly name: string;
  /** What `start` returned: this actor's private state. Mutate it freely. */
  state: State;
  /** Aborted when the actor starts stopping: pass it to long-running work. */
  readonly signal: AbortSignal;
  /** The spawner: a thread's `onMessage` handler, or the parent actor's `receive`. */
  readonly parent: { tell(msg: ParentMsg, transfer?: Transferable[]): void };
  /** Starts a child actor in a nested Worker (this actor needs read access to the child's module
   * and the actors/ sources to create it). Children still running when this actor's `stop` has
   * returned are stopped in reverse order; a stopping actor cannot spawn. */
  spawn<ChildMsg extends Message, Args = unknown>(
    options: SpawnOptions<Args>,
  ): Promise<ActorRef<ChildMsg>>;
  /** Stops this actor once the current message is handled. */
  stop(): void;
  /** Wraps a reply so `transfer` (e.g. an ArrayBuffer) moves instead of being copied. */
  reply<T>(value: T, transfer: Transferable[]): Reply<T>;
}

/** Messages are plain structured-cloneable objects with a `type` discriminant. */
export interface Message {
  /** The discriminant of the protocol's union. */
  type: string;
}

/** A reply with an explicit transfer list; see {@link ActorContext.reply}. */
export class Reply<T> {
  /** Pairs a reply value with the objects to move with it. */
  constructor(readonly value: T, readonly transfer: Transferable[]) {}
}

/** An actor's behaviour: the default export of an actor module. */
export interface ActorBehaviour<Args = unknown, Msg extends Message = Message, State = unknown> {
  /** Builds the actor's state. Throwing here stops the actor; it is not restarted in a loop. */
  start?(args: Args, ctx: ActorContext<State>): State | Promise<State>;
  /** Handles one message at a time. The return value answers an `ask`; a throw answers it with
   * that error (the actor keeps running). A throw while handling a `tell` crashes the actor. */
  receive(msg: Msg, ctx: ActorContext<State>): unknown;
  /** Releases what `start` acquired. Runs on a requested stop, not after a crash. */
  stop?(ctx: ActorContext<State>): void | Promise<void>;
}

/**
 * Declares an actor behaviour with its argument, message and state types.
 *
 * @example
 * ```ts
 * type Counter = { type: "add"; n: number } | { type: "get" };
 * export default defineActor<{ from: number }, Counter, { total: number }>({
 *   start: (args) => ({ total: args.from }),
 *   receive(msg, ctx) {
 *     if (msg.type === "add") ctx.state.total += msg.n;
 *     else return ctx.state.total;
 *   },
 * });
 * ```
 */
export function defineActor<Args = unknown, Msg extends Message = Message, State = unknown>(
  behaviour: ActorBehaviour<Args, Msg, State>,
): ActorBehaviour<Args, Msg, State> {
  return behaviour;
}
