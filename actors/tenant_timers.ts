/**
 * Timers belong to the tenant that set them. A pooled Worker outlives its actors, so a timer an
 * actor forgot would otherwise fire into the next tenant; the host clears them all on reset.
 * Only the Worker's host script imports this (it patches the Worker's own globals).
 *
 * @module
 */

type TimerId = ReturnType<typeof globalThis.setTimeout>;
const original = {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  setInterval: globalThis.setInterval.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
  clearInterval: globalThis.clearInterval.bind(globalThis),
};
let owner: Set<TimerId> | undefined;
let _installed = false;

/** Starts recording timers for a new tenant; returns the function that clears them all. */
export function trackTenantTimers(): () => void {
  const timers = new Set<TimerId>();
  owner = timers;
  return () => {
    for (const id of timers) original.clearInterval(id);
    timers.clear();
    if (owner === timers) owner = undefined;
  };
}

/** Replaces the Worker's timer globals with recording versions. Idempotent. */
export function installTimerTracking(): void {
  const scope = globalThis as unknown as Record<string, unknown>;
  if (_installed) return;
  _installed = true;
  scope.setTimeout = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timers = owner;
    const id: TimerId = original.setTimeout(
      (...callArgs: unknown[]) => {
        timers?.delete(id);
        callback(...callArgs);
      },
      ms,
      ...args,
    );
    timers?.add(id);
    return id;
  };
  scope.setInterval = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id: TimerId = original.setInterval(callback, ms, ...args);
    owner?.add(id);
    return id;
  };
  scope.clearTimeout = (id?: TimerId) => {
    if (id !== undefined) owner?.delete(id);
    original.clearTimeout(id);
  };
  scope.clearInterval = (id?: TimerId) => {
    if (id !== undefined) owner?.delete(id);
    original.clearInterval(id);
  };
}
