/**
 * `POST /containers/{id}/wait` on ECS (backends/core/cloud/wait.ts polls): a run is a task, and
 * a start deferred until its stdin ends (see lifecycle.ts) that failed ends the wait.
 *
 * @module
 */
import { waitContainer as waitCloud } from "../core/cloud/mod.ts";
import type { WaitCondition, WaitResult } from "../core/protocol.ts";
import { stateOf } from "./render.ts";
import { type EcsBackendState, POLL_MS } from "./state.ts";

export function waitContainer(
  state: EcsBackendState,
  id: string,
  condition: WaitCondition,
): Promise<ReadableStream<WaitResult>> {
  return waitCloud(
    {
      get: (ref) => state.directory.get(ref),
      stateOf,
      runOf: (c) => c.task?.taskArn,
      pollMs: POLL_MS,
      // A --rm task can run and be removed between two polls: its exit is recorded at removal.
      removedExit: (id) => state.removedExits.get(id),
      failedStart: (c) => state.starting.has(c.id) ? undefined : state.startFailures.get(c.id),
    },
    id,
    condition,
  );
}
