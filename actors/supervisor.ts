/**
 * Supervision after Erlang/OTP and Pekko. A supervisor starts its children in order, restarts
 * them by their restart type when they end, stops them in reverse order, and gives up (stopping
 * every child and itself, with a crash its own parent sees) when restarts come faster than its
 * intensity allows. A child that fails while starting is left stopped, never retried in a loop.
 *
 * @module
 */

import type { ExitReason } from "./actor_ref.ts";
import { backoffDelay, type BackoffOptions, stablePeriod } from "./backoff.ts";
import { RestartIntensityExceeded } from "./errors.ts";

/** Anything a supervisor can watch and stop: an `ActorRef`, or another `Supervisor`. */
export interface Supervisable {
  /** Settles when it has ended, with the reason. */
  readonly exited: Promise<ExitReason>;
  /** Asks it to stop and resolves when it has. */
  stop(): Promise<ExitReason>;
}

/** permanent: always restarted; transient: restarted unless it ended normally; temporary: never. */
export type RestartType = "permanent" | "transient" | "temporary";

/** one-for-one: only the child that ended restarts; one-for-all: all children restart with it. */
export type Strategy = "one-for-one" | "one-for-all";

/** One child: how to start it and when to restart it. */
export interface ChildSpec {
  /** Unique among the supervisor's children; `supervisor.child(id)` finds it. */
  id: string;
  /** Starts the child, e.g. `() => spawn({...})`. A rejection means the child failed to start. */
  start(): Promise<Supervisable>;
  /** Default `"permanent"`. */
  restart?: RestartType;
}

/** How a supervisor behaves. Defaults follow OTP: one-for-one, 1 restart per 5 s. */
export interface SupervisorOptions {
  /** For errors and events. Default `"supervisor"`. */
  name?: string;
  /** Default `"one-for-one"`. */
  strategy?: Strategy;
  /** More than this many restarts within `periodMs` makes the supervisor give up. Default 1. */
  intensity?: number;
  /** Default 5 000. */
  periodMs?: number;
  /** Delays between restarts. Default `{ minMs: 10, maxMs: 5_000, randomFactor: 0.2 }`. */
  backoff?: BackoffOptions;
  /** Started in this order, stopped in the reverse order. */
  children: ChildSpec[];
}

/** What a supervisor reports, as events of these types with the details in `detail`. */
export type SupervisorEventDetail =
  | { type: "child-started"; id: string }
  | { type: "child-exited"; id: string; reason: ExitReason }
  | { type: "restart-scheduled"; id: string; attempt: number; delayMs: number }
  | { type: "child-start-failed"; id: string; error: Error }
  | { type: "shutdown"; reason: ExitReason };

/** An event a {@link Supervisor} dispatches; `type` is `detail.type`. */
export class SupervisorEvent extends Event {
  /** An event whose type is `detail.type`. */
  constructor(readonly detail: SupervisorEventDetail) {
    super(detail.type);
  }
}

interface Child {
  spec: ChildSpec;
  ref?: Supervisable;
  startedAt: number;
  restarts: number;
}

/** A supervisor of actors (or of other supervisors). Create with {@link Supervisor.start}. */
export class Supervisor extends EventTarget implements Supervisable {
  /** From the options; names the supervisor in errors. */
  readonly name: string;
  /** Settles when the supervisor has stopped (normal) or given up (crashed). */
  readonly exited: Promise<ExitReason>;
  readonly #options: Required<Omit<SupervisorOptions, "name" | "children">>;
  readonly #children: Child[];
  readonly #exit = Promise.withResolvers<ExitReason>();
  readonly #lifetime = new AbortController();
  #restartTimes: number[] = [];
  #work: Promise<void> = Promise.resolve();
  #phase: "starting" | "running" | "stopping" | "done" = "starting";
  readonly #startDone = Promise.withResolvers<void>();

  private constructor(options: SupervisorOptions) {
    super();
    this.name = options.name ?? "supervisor";
    this.exited = this.#exit.promise;
    this.#options = {
      strategy: options.strategy ?? "one-for-one",
      intensity: options.intensity ?? 1,
      periodMs: options.periodMs ?? 5_000,
      backoff: options.backoff ?? { minMs: 10, maxMs: 5_000, randomFactor: 0.2 },
    };
    this.#children = options.children.map((spec) => ({ spec, startedAt: 0, restarts: 0 }));
  }

  /**
   * Starts the children in order. If one fails to start, those already started are stopped in
   * reverse order and the returned promise rejects with that child's error.
   */
  static async start(options: SupervisorOptions): Promise<Supervisor> {
    const supervisor = new Supervisor(options);
    for (const child of supervisor.#children) {
      const error = await supervisor.#startChild(child);
      if (error) {
        await supervisor.#terminate({ kind: "crashed", error });
        supervisor.#startDone.resolve();
        throw error;
      }
    }
    supervisor.#phase = "running";
    supervisor.#startDone.resolve();
    return supervisor;
  }

  /** The running incarnation of child `id`, if it is running. */
  child<T extends Supervisable = Supervisable>(id: string): T | undefined {
    return this.#children.find((child) => child.spec.id === id)?.ref as T | undefined;
  }

  /** Stops every child in reverse start order, then the supervisor itself. */
  async stop(): Promise<ExitReason> {
    if (this.#phase === "running") {
      this.#phase = "stopping";
      this.#lifetime.abort();
      await this.#work;
      await this.#terminate({ kind: "normal" });
    }
    return this.exited;
  }

  async #startChild(child: Child): Promise<Error | undefined> {
    let ref: Supervisable;
    try {
      ref = await child.spec.start();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.#report({ type: "child-start-failed", id: child.spec.id, error: failure });
      return failure;
    }
    child.ref = ref;
    child.startedAt = performance.now();
    ref.exited.then((reason) => {
      // An exit we caused (a stop, a sibling's restart) or of an old incarnation is not news.
      if (child.ref !== ref) return;
      child.ref = undefined;
      this.#work = this.#work.then(() => this.#childExited(child, reason));
    });
    this.#report({ type: "child-started", id: child.spec.id });
    return undefined;
  }

  async #childExited(child: Child, reason: ExitReason): Promise<void> {
    // A child that ends while its younger siblings are still starting is handled once all are up.
    await this.#startDone.promise;
    this.#report({ type: "child-exited", id: child.spec.id, reason });
    if (this.#phase !== "running" || !restarts(child.spec.restart ?? "permanent", reason)) return;

    const now = performance.now();
    const { intensity, periodMs, backoff, strategy } = this.#options;
    this.#restartTimes = [...this.#restartTimes.filter((at) => now - at < periodMs), now];
    if (this.#restartTimes.length > intensity) {
      const error = new RestartIntensityExceeded(this.name, intensity, periodMs);
      return this.#terminate({ kind: "crashed", error });
    }
    if (now - child.startedAt >= stablePeriod(backoff)) child.restarts = 0;
    const delayMs = backoffDelay(child.restarts++, backoff);
    this.#report({
      type: "restart-scheduled",
      id: child.spec.id,
      attempt: child.restarts,
      delayMs,
    });

    const restarting = strategy === "one-for-one" ? [child] : this.#children;
    if (strategy === "one-for-all") await this.#stopChildren();
    await abortableSleep(delayMs, this.#lifetime.signal);
    for (const each of restarting) {
      if (this.#phase !== "running") return;
      // OTP: a temporary child is never restarted, even when a sibling's failure stopped it.
      if (each !== child && each.spec.restart === "temporary") continue;
      await this.#startChild(each);
    }
  }

  async #stopChildren(): Promise<void> {
    for (const child of [...this.#children].reverse()) {
      const ref = child.ref;
      child.ref = undefined;
      await ref?.stop();
    }
  }

  async #terminate(reason: ExitReason): Promise<void> {
    if (this.#phase === "done") return;
    this.#phase = "stopping";
    this.#lifetime.abort();
    await this.#stopChildren();
    this.#phase = "done";
    this.#report({ type: "shutdown", reason });
    this.#exit.resolve(reason);
  }

  #report(detail: SupervisorEventDetail): void {
    this.dispatchEvent(new SupervisorEvent(detail));
  }
}

function restarts(type: RestartType, reason: ExitReason): boolean {
  if (type === "permanent") return true;
  if (type === "transient") return reason.kind !== "normal";
  return false;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
