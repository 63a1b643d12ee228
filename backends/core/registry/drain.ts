/**
 * Runs a progress generator to its end, collecting its messages and its result: for callers
 * (tests, the build) that do not stream progress.
 *
 * @module
 */
import type { ProgressMessage } from "./progress.ts";

/** Collects every message of a pull or push and returns them with the operation's result. */
export async function drain<T>(
  operation: AsyncGenerator<ProgressMessage, T>,
): Promise<{ messages: ProgressMessage[]; result: T }> {
  const messages: ProgressMessage[] = [];
  while (true) {
    const next = await operation.next();
    if (next.done) return { messages, result: next.value };
    messages.push(next.value);
  }
}
