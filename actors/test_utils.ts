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
