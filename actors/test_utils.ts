/**
 * Helpers shared by the actor tests.
 *
 * @module
 */

import { type DeadLetter, DeadLetterEvent, deadLetters } from "./dead_letters.ts";

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
