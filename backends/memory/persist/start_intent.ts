/**
 * The hook `docker start` calls before a container's main process begins, so that the start is
 * on disk before it happens (see StateWriter.recordStartIntent). A separate file so lifecycle
 * code can call it without importing the persistence that imports lifecycle code.
 *
 * @module
 */
import type { Container } from "../container.ts";
import type { MemoryBackendState } from "../state.ts";

type StartIntent = (c: Container) => Promise<void>;

const intents = new WeakMap<MemoryBackendState, StartIntent>();

export function registerStartIntent(state: MemoryBackendState, record: StartIntent): void {
  intents.set(state, record);
}

/** Writes the container's record as started; a backend state without persistence has none. */
export async function recordStartIntent(state: MemoryBackendState, c: Container): Promise<void> {
  await intents.get(state)?.(c);
}
