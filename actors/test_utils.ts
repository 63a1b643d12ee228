/**
 * Helpers shared by the actor tests.
 *
 * @module
 */

import type { ActorRef } from "./actor_ref.ts";
import { type DeadLetter, DeadLetterEvent, deadLetters } from "./dead_letters.ts";
import type { WorkerPool } from "./pool.ts";
import { spawn } from "./spawn.ts";
import {
  type ChildSpec,
  type RestartType,
  Supervisor,
  type SupervisorEvent,
  type SupervisorEventDetail,
  type SupervisorOptions,
} from "./supervisor.ts";
import type { LifecycleMsg, LifecycleNote } from "./testdata/lifecycle.ts";

/** The URL of a test actor module in `actors/testdata/`. */
export function testActor(name: string): URL {
  return new URL(`./testdata/${name}.ts`, import.meta.url);
}

/** Records dead letters published while `body` runs. */
export async function collectDeadLetters(
  body: (letters: DeadLetter[]) => void | Promise<void>,
): Promise<void> {
  const letters: DeadLetter[] = [];
  const listener = (event: Event) => letters.push((event as DeadLetterEvent).letter);
  deadLetters.addEventListener("deadletter", listener);
  try {
    await body(letters);
  } finally {
    deadLetters.removeEventListener("deadletter", listener);
  }
}

/** Fails instead of hanging when `promise` never settles (a generous guard, not a timing check). */
export async function settlesWithin<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** A lifecycle test actor (testdata/lifecycle.ts). */
export type Lifecycle = ActorRef<LifecycleMsg>;
/** Backoff short enough for tests, without randomness. */
export const fast = { minMs: 1, maxMs: 8, randomFactor: 0 };

/** A supervisor of lifecycle actors, with a log of their notes and of its events. */
export function supervisorHarness(pool: WorkerPool) {
  const notes: string[] = [];
  const events: SupervisorEventDetail[] = [];
  const child = (id: string, restart: RestartType = "permanent"): ChildSpec => ({
    id,
    restart,
    start: () =>
      spawn<LifecycleMsg>({
        module: testActor("lifecycle"),
        args: { label: id },
        permissions: "none",
        pool,
        onMessage: (msg) => notes.push(`${(msg as LifecycleNote).type} ${id}`),
      }),
  });
  const start = async (options: SupervisorOptions) => {
    const supervisor = await Supervisor.start(options);
    for (const type of ["child-exited", "restart-scheduled", "child-start-failed", "shutdown"]) {
      supervisor.addEventListener(type, (event) => events.push((event as SupervisorEvent).detail));
    }
    return supervisor;
  };
  return { notes, events, child, start };
}

/** Resolves at the supervisor's next event of this type. */
export function next(supervisor: Supervisor, type: SupervisorEventDetail["type"]): Promise<void> {
  return new Promise((resolve) =>
    supervisor.addEventListener(type, () => resolve(), { once: true })
  );
}
