/**
 * The generic script every actor Worker runs. The pool starts a Worker with an entry module that
 * imports this host and one actor module (a permission-less Worker cannot load code later: Deno
 * checks read access for any module not in the Worker's static graph). The host then serves one
 * tenant after another, and reports anything that escapes the actor as a crash instead of letting
 * it take the Worker's parent down.
 *
 * Isolated between tenants: state returned by `start` (each tenant has its own `ctx`), timers,
 * the mailbox and the port (a stale ref cannot reach the next tenant), children.
 * Not isolated: module-level variables of the actor module and its imports, and anything written
 * to `globalThis`. Behaviours must keep per-actor state in `ctx.state`.
 *
 * @module
 */

import { type SerializedError, serializeError } from "../backends/core/errors.ts";
import type { ActorBehaviour, Message } from "./behaviour.ts";
import type { HostSignal, LoadTenant } from "./protocol.ts";
import { installTimerTracking } from "./tenant_timers.ts";
import { Tenant } from "./tenant.ts";

// At evaluation, not in serveActor: the entry imports this host before the actor module, so the
// actor module and its imports already see the tenant-tracking timers when they are evaluated.
installTimerTracking();

interface WorkerScope {
  postMessage(message: HostSignal): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
}

/** Makes this Worker the host of `behaviour`'s actors. Called by the pool's entry module. */
export function serveActor(behaviour: ActorBehaviour<never, never, never>): void {
  const scope = globalThis as unknown as WorkerScope;
  let tenant: Tenant | undefined;

  const escaped = (error: unknown) => {
    if (tenant) tenant.crash(error);
    else scope.postMessage({ kind: "idle-crash", error: serializeError(error) });
  };
  scope.addEventListener("error", (event) => {
    event.preventDefault();
    const { error, message } = event as ErrorEvent;
    escaped(error ?? new Error(message));
  });
  scope.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    escaped((event as PromiseRejectionEvent).reason);
  });
  scope.addEventListener("message", (event) => {
    const load = (event as MessageEvent<LoadTenant>).data;
    if (load.kind !== "load") return;
    if (tenant) {
      const error: SerializedError = { name: "Error", message: "host Worker already has a tenant" };
      load.port.postMessage({ kind: "start-failed", error });
      return;
    }
    const current = new Tenant(
      behaviour as ActorBehaviour<unknown, Message, unknown>,
      load,
      () => {
        if (tenant === current) tenant = undefined;
      },
    );
    tenant = current;
    current.begin();
  });
  scope.postMessage({ kind: "ready" });
}
