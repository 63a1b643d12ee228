/**
 * The spawning thread's handle on an actor: `tell`, `ask`, `stop`, `kill` and `exited`.
 *
 * @module
 */

import type { Message } from "./behaviour.ts";
import { publishDeadLetter } from "./dead_letters.ts";
import {
  ActorCrashed,
  ActorStartFailed,
  ActorStopped,
  AskTimeout,
  rebuildError,
} from "./errors.ts";
import type { PooledWorker, WorkerPool } from "./pool.ts";
import type { FromActor, ToActor } from "./protocol.ts";
import { transferList } from "./transfer.ts";

/** Why an actor ended: it stopped when asked, an error crashed it, or it was terminated. */
export type ExitReason =
  | { kind: "normal" }
  | { kind: "crashed"; error: Error }
  | { kind: "killed"; reason: string };

/** Options for {@link ActorRef.ask}. */
export interface AskOptions {
  /** Gives up early (rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Rejects with {@link AskTimeout} after this long. Default 30 000; `Infinity` waits forever. */
  timeoutMs?: number;
  /** Extra objects to move rather than copy (streams and ports are always moved). */
  transfer?: Transferable[];
}

interface PendingAsk {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** What {@link ActorRef} needs from `spawn`. */
export interface ActorRefInit {
  id: string;
  name: string;
  /** The actor module's URL, for error messages. */
  module: string;
  port: MessagePort;
  pooled: PooledWorker;
  pool: WorkerPool;
  stopTimeoutMs: number;
  onMessage?: (msg: unknown) => void;
}

/** A running actor that accepts `Msg`. Obtained from `spawn`. */
export class ActorRef<Msg extends Message = Message> {
  /** Unique per spawn; dead letters name it as their recipient. */
  readonly id: string;
  /** The name given at spawn, or the id. */
  readonly name: string;
  /** Settles once, when the actor has ended, with the reason. Never rejects. */
  readonly exited: Promise<ExitReason>;
  readonly #init: ActorRefInit;
  readonly #pending = new Map<number, PendingAsk>();
  readonly #started = Promise.withResolvers<void>();
  readonly #exit = Promise.withResolvers<ExitReason>();
  #state: "starting" | "running" | "stopping" | "exited" = "starting";
  #nextAsk = 1;
  #reason?: ExitReason;

  /** Made by `spawn`; not meant to be called directly. */
  constructor(init: ActorRefInit) {
    this.id = init.id;
    this.name = init.name;
    this.#init = init;
    this.exited = this.#exit.promise;
    init.port.onmessage = (event: MessageEvent<FromActor>) => this.#receive(event.data);
    init.pooled.tenant = {
      crashed: (error) => this.#ended({ kind: "crashed", error }),
      killed: (reason) => this.#ended({ kind: "killed", reason }),
    };
  }

  /** Resolves once the actor's `start` returned; rejects with {@link ActorStartFailed}. */
  _started(): Promise<void> {
    return this.#started.promise;
  }

  /** Sends `msg` without waiting. If the actor is gone, `msg` becomes a dead letter. */
  tell(msg: Msg, transfer?: Transferable[]): void {
    if (this.#state !== "running") return this.#deadLetter(msg);
    this.#send({ kind: "tell", msg }, transferList(msg, transfer));
  }

  /** Sends `msg` and waits for `receive`'s return value (or its error, rebuilt). */
  ask<R = unknown>(msg: Msg, options: AskOptions = {}): Promise<R> {
    if (this.#state !== "running") {
      this.#deadLetter(msg);
      return Promise.reject(new ActorStopped(this.name));
    }
    const timeoutMs = options.timeoutMs ?? 30_000;
    // A cleared timer rather than AbortSignal.timeout: Deno keeps the process alive until an
    // AbortSignal.timeout fires, so every finished ask would hold the event loop for its deadline.
    const deadline = new AbortController();
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => deadline.abort(new AskTimeout(this.name, timeoutMs)), timeoutMs)
      : undefined;
    const signal = options.signal
      ? AbortSignal.any([options.signal, deadline.signal])
      : deadline.signal;
    const id = this.#nextAsk++;
    return new Promise<R>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", giveUp);
      };
      const giveUp = () => {
        settle();
        this.#pending.delete(id);
        reject(signal.reason);
      };
      if (signal.aborted) return giveUp();
      signal.addEventListener("abort", giveUp, { once: true });
      this.#pending.set(id, {
        resolve: (value) => (settle(), resolve(value as R)),
        reject: (error) => (settle(), reject(error)),
      });
      try {
        this.#send({ kind: "ask", id, msg }, transferList(msg, options.transfer));
      } catch (error) {
        this.#pending.delete(id);
        settle();
        reject(error);
      }
    });
  }

  /**
   * Asks the actor to stop after its current message and waits for it to end. Queued tells
   * become dead letters; queued asks reject with {@link ActorStopped}. If the actor does not end
   * within `timeoutMs` (default: the spawn's `stopTimeoutMs`), it is killed.
   */
  stop(options: { timeoutMs?: number } = {}): Promise<ExitReason> {
    if (this.#state === "running") {
      this.#state = "stopping";
      this.#send({ kind: "stop" });
      const timeoutMs = options.timeoutMs ?? this.#init.stopTimeoutMs;
      const timer = setTimeout(() => this.kill(`did not stop within ${timeoutMs} ms`), timeoutMs);
      this.exited.then(() => clearTimeout(timer));
    }
    return this.exited;
  }

  /** Terminates the actor's Worker now. Nothing of the actor runs after this. */
  kill(reason = "killed"): Promise<ExitReason> {
    this.#ended({ kind: "killed", reason });
    return this.exited;
  }

  #send(message: ToActor, transfer: Transferable[] = []): void {
    this.#init.port.postMessage(message, transfer);
  }

  #receive(message: FromActor): void {
    switch (message.kind) {
      case "started":
        this.#state = "running";
        return this.#started.resolve();
      case "start-failed":
        return this.#ended({ kind: "crashed", error: rebuildError(message.error) });
      case "reply":
      case "reply-error": {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (!pending) {
          const late = message.kind === "reply" ? message.value : rebuildError(message.error);
          return publishDeadLetter({ recipient: this.id, message: late, reason: "late-reply" });
        }
        if (message.kind === "reply") pending.resolve(message.value);
        else pending.reject(rebuildError(message.error));
        return;
      }
      case "to-parent":
        if (this.#init.onMessage) return this.#init.onMessage(message.msg);
        return publishDeadLetter({
          recipient: "parent of " + this.id,
          message: message.msg,
          reason: "no-parent-handler",
        });
      case "crashed":
        return this.#ended({ kind: "crashed", error: rebuildError(message.error) });
      case "stopped":
        for (const msg of message.undelivered) {
          publishDeadLetter({ recipient: this.id, message: msg, reason: "undelivered" });
        }
        return this.#ended({ kind: "normal" });
    }
  }

  #ended(reason: ExitReason): void {
    if (this.#state === "exited") return;
    const wasStarting = this.#state === "starting";
    this.#state = "exited";
    this.#reason = reason;
    const { pool, pooled, port } = this.#init;
    pooled.tenant = undefined;
    port.onmessage = null;
    port.close();
    // Only a clean stop proves the Worker is healthy; anything else could have left it broken.
    if (reason.kind === "normal") pool.release(pooled);
    else pool.discard(pooled);
    const error = reason.kind === "crashed"
      ? new ActorCrashed(this.name, reason.error)
      : new ActorStopped(this.name);
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    if (wasStarting) {
      const cause = reason.kind === "crashed"
        ? reason.error
        : new Error(reason.kind === "killed" ? reason.reason : "stopped");
      this.#started.reject(new ActorStartFailed(this.name, this.#init.module, cause));
    }
    this.#exit.resolve(reason);
  }

  #deadLetter(msg: unknown): void {
    const reason = this.#reason?.kind === "crashed" ? "crashed" : "stopped";
    publishDeadLetter({ recipient: this.id, message: msg, reason });
  }
}
