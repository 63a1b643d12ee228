/**
 * One actor living in a host Worker: its mailbox (one message at a time), its context, its
 * children and its way out (a clean stop, a failed start or a crash).
 *
 * @module
 */

import { serializeError } from "../backends/core/errors.ts";
import type { ActorRef } from "./actor_ref.ts";
import { type ActorBehaviour, type ActorContext, type Message, Reply } from "./behaviour.ts";
import { ActorStopped } from "./errors.ts";
import type { FromActor, LoadTenant, ToActor } from "./protocol.ts";
import { spawn, type SpawnOptions } from "./spawn.ts";
import { trackTenantTimers } from "./tenant_timers.ts";
import { transferList } from "./transfer.ts";

type Phase = "starting" | "running" | "stopping" | "done";
type Envelope = Exclude<ToActor, { kind: "stop" }>;

/** An actor loaded into the host Worker, from `load` until it stops or crashes. */
export class Tenant {
  readonly #behaviour: ActorBehaviour<unknown, Message, unknown>;
  readonly #load: LoadTenant;
  readonly #port: MessagePort;
  readonly #queue: Envelope[] = [];
  readonly #children = new Set<ActorRef<Message>>();
  readonly #lifetime = new AbortController();
  readonly #clearTimers = trackTenantTimers();
  readonly #onDone: () => void;
  readonly #ctx: ActorContext<unknown>;
  #phase: Phase = "starting";
  #busy = false;

  constructor(
    behaviour: ActorBehaviour<unknown, Message, unknown>,
    load: LoadTenant,
    onDone: () => void,
  ) {
    this.#behaviour = behaviour;
    this.#load = load;
    this.#port = load.port;
    this.#onDone = onDone;
    this.#ctx = this.#context();
    this.#port.onmessage = (event: MessageEvent<ToActor>) => this.#enqueue(event.data);
  }

  /** Runs `start`, then serves the mailbox. A failed start ends the tenant without a restart. */
  async begin(): Promise<void> {
    try {
      this.#ctx.state = await this.#behaviour.start?.(this.#load.args, this.#ctx);
    } catch (error) {
      this.#lifetime.abort();
      await this.#stopChildren();
      this.#end({ kind: "start-failed", error: serializeError(error) });
      return;
    }
    if (this.#phase !== "starting") return;
    this.#phase = "running";
    this.#post({ kind: "started" });
    this.#drain();
  }

  /** An error escaped the actor's handlers (uncaught or an unhandled rejection). */
  crash(error: unknown): void {
    if (this.#phase === "done") return;
    this.#lifetime.abort();
    this.#end({ kind: "crashed", error: serializeError(error) });
  }

  #context(): ActorContext<unknown> {
    return {
      self: this.#load.self,
      name: this.#load.name,
      state: undefined,
      signal: this.#lifetime.signal,
      parent: {
        tell: (msg, transfer) =>
          this.#post({ kind: "to-parent", msg }, transferList(msg, transfer)),
      },
      spawn: <ChildMsg extends Message, Args>(options: SpawnOptions<Args>) =>
        this.#spawnChild<ChildMsg, Args>(options),
      stop: () => this.#requestStop(),
      reply: (value, transfer) => new Reply(value, transfer),
    };
  }

  async #spawnChild<ChildMsg extends Message, Args>(
    options: SpawnOptions<Args>,
  ): Promise<ActorRef<ChildMsg>> {
    if (this.#lifetime.signal.aborted) throw new ActorStopped(this.#load.name);
    // A child's messages to its parent land in this actor's mailbox as ordinary tells.
    const child = await spawn<ChildMsg, Args>({
      ...options,
      onMessage: (msg) => this.#enqueue({ kind: "tell", msg }),
    });
    const tracked = child as unknown as ActorRef<Message>;
    this.#children.add(tracked);
    child.exited.then(() => this.#children.delete(tracked));
    return child;
  }

  #enqueue(message: ToActor): void {
    if (this.#phase === "done") return;
    if (message.kind === "stop") return this.#requestStop();
    if (message.kind === "ask" && this.#phase === "stopping") return this.#refuse(message.id);
    this.#queue.push(message);
    this.#drain();
  }

  async #drain(): Promise<void> {
    if (this.#busy || this.#phase !== "running") return;
    this.#busy = true;
    while (this.#queue.length > 0 && this.#phase === "running") {
      const envelope = this.#queue.shift()!;
      if (envelope.kind === "tell") {
        try {
          await this.#behaviour.receive(envelope.msg as Message, this.#ctx);
        } catch (error) {
          // Nobody waits for a tell's outcome, so a throw there is a crash, as in Erlang.
          return this.crash(error);
        }
      } else {
        await this.#answer(envelope.id, envelope.msg);
      }
    }
    this.#busy = false;
    // The phase may have moved on while a handler was awaited (ctx.stop(), a stop request).
    const phase = this.#phase as Phase;
    if (phase === "stopping") await this.#finishStop();
  }

  async #answer(id: number, msg: unknown): Promise<void> {
    let result: unknown;
    try {
      result = await this.#behaviour.receive(msg as Message, this.#ctx);
    } catch (error) {
      return this.#post({ kind: "reply-error", id, error: serializeError(error) });
    }
    const [value, transfer] = result instanceof Reply
      ? [result.value, result.transfer]
      : [result, []];
    try {
      this.#port.postMessage({ kind: "reply", id, value }, transferList(value, transfer));
    } catch (error) {
      // An uncloneable reply (a function, a class instance with private state) answers as an error.
      this.#post({ kind: "reply-error", id, error: serializeError(error) });
    }
  }

  #requestStop(): void {
    if (this.#phase !== "running") return;
    this.#phase = "stopping";
    this.#lifetime.abort();
    // Queued asks are answered now, so their callers do not wait on a stopping actor; queued
    // tells stay and are handed back as dead letters once the stop is done.
    const tells = this.#queue.splice(0).filter((envelope) => {
      if (envelope.kind === "ask") this.#refuse(envelope.id);
      return envelope.kind === "tell";
    });
    this.#queue.push(...tells);
    if (!this.#busy) this.#finishStop();
  }

  #refuse(id: number): void {
    const error = serializeError(new ActorStopped(this.#load.name));
    this.#post({ kind: "reply-error", id, error });
  }

  async #finishStop(): Promise<void> {
    // The behaviour stops first so it can shut its own supervisors down in its own order; the
    // children it left running are then stopped in reverse start order.
    try {
      await this.#behaviour.stop?.(this.#ctx);
    } catch (error) {
      return this.crash(error);
    }
    await this.#stopChildren();
    // Collected last: tells that arrived during the stop (children's last words) count too.
    const undelivered = this.#queue.splice(0).map((envelope) => envelope.msg);
    this.#end({ kind: "stopped", undelivered }, transferList(undelivered));
  }

  async #stopChildren(): Promise<void> {
    for (const child of [...this.#children].reverse()) await child.stop();
  }

  #end(last: FromActor, transfer: Transferable[] = []): void {
    if (this.#phase === "done") return;
    this.#phase = "done";
    this.#clearTimers();
    this.#post(last, transfer);
    this.#port.close();
    this.#onDone();
  }

  #post(message: FromActor, transfer: Transferable[] = []): void {
    this.#port.postMessage(message, transfer);
  }
}
