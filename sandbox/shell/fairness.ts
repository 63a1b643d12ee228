/**
 * Keeps busy shell loops from starving their Worker. A loop whose body never waits
 * (`while :; do :; done`) would run on microtasks alone and never let the event loop deliver a
 * signal, stdin or an actor message; so loops give the event loop a turn every few
 * milliseconds of running.
 *
 * @module
 */

const SLICE_MS = 8;
let sliceStart = performance.now();

/** Call once per loop iteration; yields a macrotask turn when the slice is used up. */
export async function loopTurn(signal?: AbortSignal): Promise<void> {
  const now = performance.now();
  if (now - sliceStart < SLICE_MS) return;
  await new Promise((resolve) => setTimeout(resolve, 0));
  sliceStart = performance.now();
  signal?.throwIfAborted();
}
