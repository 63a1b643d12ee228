/**
 * Actors in Deno Workers, supervised.
 *
 * An actor is a module whose default export is a behaviour. It runs in a Worker with the
 * permissions its spawner states (`"none"` for container and exec actors), handles one message
 * at a time, and talks to the rest of the daemon only through messages: plain structured-cloneable
 * objects with a `type` discriminant. Byte data travels as transferred Web Streams.
 *
 * ```ts
 * // counter_actor.ts
 * import { defineActor } from "./actors/mod.ts";
 * export type CounterMsg = { type: "add"; n: number } | { type: "get" };
 * export default defineActor<{ from: number }, CounterMsg, { total: number }>({
 *   start: (args) => ({ total: args.from }), // the actor's private state: ctx.state
 *   receive(msg, ctx) {
 *     if (msg.type === "add") ctx.state.total += msg.n;
 *     else return ctx.state.total; // the reply to an ask
 *   },
 * });
 * ```
 *
 * ```ts
 * import { spawn, Supervisor } from "./actors/mod.ts";
 * import type { CounterMsg } from "./counter_actor.ts";
 * const module = new URL("./counter_actor.ts", import.meta.url);
 *
 * const counter = await spawn<CounterMsg>({ module, args: { from: 1 }, permissions: "none" });
 * counter.tell({ type: "add", n: 2 });
 * await counter.ask<number>({ type: "get" }, { timeoutMs: 1_000 }); // 3
 * await counter.stop(); // { kind: "normal" }
 *
 * const supervisor = await Supervisor.start({
 *   strategy: "one-for-one",
 *   intensity: 3,
 *   periodMs: 10_000,
 *   backoff: { minMs: 100, maxMs: 5_000, randomFactor: 0.2 },
 *   children: [{ id: "counter", restart: "transient", start: () => spawn({ module, args: { from: 0 }, permissions: "none" }) }],
 * });
 * supervisor.addEventListener("shutdown", (event) => console.error(event));
 * ```
 *
 * Rules worth knowing:
 * - `ask` resolves with what `receive` returned; if `receive` throws, the ask rejects with that
 *   error rebuilt as its class (`NotFound`, `Conflict`… from backends/core/errors.ts) and the
 *   actor keeps running. A throw while handling a `tell`, or any error escaping the actor
 *   (a timer, an unhandled rejection), crashes it: `exited` resolves `{ kind: "crashed", error }`
 *   and waiting asks reject with `ActorCrashed`. Nothing an actor does can crash the spawner.
 * - An ask has a deadline (`timeoutMs`, default 30 s) and an optional `signal`; past the deadline
 *   it rejects with `AskTimeout`.
 * - Streams and MessagePorts inside a message or reply are transferred automatically; list
 *   ArrayBuffers in `transfer` (or `ctx.reply(value, [buffer])`) to move rather than copy them.
 * - To let one actor reach another that is not its parent or child, send it `addressOf(ref)` (a
 *   transferable MessagePort) inside a message; it calls `connect(address)` to tell or ask.
 * - Messages to an actor that stopped or crashed, tells still queued when it stops, late replies
 *   and parent messages nobody listens to go to `deadLetters` (an EventTarget, `"deadletter"`).
 * - Tells already posted to an actor that then crashes are lost with its Worker (the runtime does
 *   not track them); asks in flight reject with `ActorCrashed`, so use `ask` when delivery matters.
 * - Workers are pooled per actor module and permission set (`WorkerPool`, `defaultPool`); a Worker
 *   whose actor crashed, failed to start or was killed is discarded. A pooled Worker evaluates
 *   the actor module once: keep per-actor state in `ctx.state`, not in module variables. The host
 *   clears the tenant's timers, mailbox, port and children between tenants; `globalThis` changes
 *   and module-level variables are NOT reset.
 * - Idle pooled Workers keep the process alive: call `defaultPool.close()` (or your pool's) on
 *   shutdown. It kills actors still running in it.
 * - A permission-less Worker cannot load modules outside its static graph, so each pooled Worker
 *   is started for one actor module. An actor that spawns children (`ctx.spawn`) needs read
 *   access to the children's modules and to actors/ and backends/core/, because Deno loads a
 *   nested Worker's code with its parent's rights. Measured here (Deno 2.9.6), a fresh nested
 *   Worker takes ~0.5-1 s to start against ~25 ms from the main thread, so an actor that spawns
 *   children should reuse them through its own thread's `defaultPool` (about 1 ms per spawn
 *   from an idle Worker) and may `defaultPool.prewarm(module, "none", n)` in its `start`.
 *
 * @module
 */

export { ActorRef, type AskOptions, type ExitReason } from "./actor_ref.ts";
export { type ActorAddress, addressOf, connect, type RemoteActor } from "./address.ts";
export {
  type ActorBehaviour,
  type ActorContext,
  defineActor,
  type Message,
  Reply,
} from "./behaviour.ts";
export { type DeadLetter, DeadLetterEvent, deadLetters } from "./dead_letters.ts";
export {
  ActorCrashed,
  ActorStartFailed,
  ActorStopped,
  AskTimeout,
  RestartIntensityExceeded,
} from "./errors.ts";
export type { ActorPermissions } from "./permissions.ts";
export {
  defaultPool,
  type PooledWorker,
  type PoolOptions,
  type PoolStats,
  WorkerPool,
  type WorkerTenant,
} from "./pool.ts";
export { spawn, type SpawnOptions } from "./spawn.ts";
export { transferList } from "./transfer.ts";
export { backoffDelay, type BackoffOptions } from "./backoff.ts";
export {
  type ChildSpec,
  type RestartType,
  type Strategy,
  type Supervisable,
  Supervisor,
  SupervisorEvent,
  type SupervisorEventDetail,
  type SupervisorOptions,
} from "./supervisor.ts";
