/**
 * What stop, kill and rm refuse on a cloud backend: the cloud ends a workload but delivers no
 * other signal, and a running container is removed only by force, as in Docker.
 *
 * @module
 */
import { Conflict, NotImplemented } from "../errors.ts";
import type { CloudContainer } from "./render.ts";

const STOPPING_SIGNALS = new Set(["", "KILL", "SIGKILL", "9", "TERM", "SIGTERM", "15"]);

/**
 * `docker kill -s`: a signal that means "end it" is carried out as the cloud's stop; any other is
 * a 501 that says, in the backend's words (`limit`), why it cannot be sent.
 */
export function checkStoppingSignal(backend: string, signal: string, limit: string): void {
  if (STOPPING_SIGNALS.has(signal.toUpperCase())) return;
  throw new NotImplemented(`${backend} backend: ${limit}; ${signal} cannot be sent`);
}

/** Docker's refusal to remove a running container without `--force`. */
export function runningRemoveConflict(c: CloudContainer): Conflict {
  return new Conflict(
    `cannot remove container "/${c.name}": container is running: stop the container ` +
      "before removing or force remove",
  );
}
